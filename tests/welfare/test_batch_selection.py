"""A festival batch for the whole union, several branches or a kind of member at once (issue
#13 item 2): one batch instead of one per branch."""

from __future__ import annotations

import datetime as dt

import pytest

from members.choices import MembershipStatus
from tests.factories import BranchFactory, MemberFactory
from tests.welfare.test_festival_batch import _form, _url
from welfare.models import Disbursement

pytestmark = pytest.mark.django_db
S = MembershipStatus


@pytest.fixture
def roster(union, other_union):
    a, b, c = (BranchFactory(union=union, name=n) for n in ("一分会", "二分会", "三分会"))
    for branch, names in ((a, "甲乙"), (b, "丙丁"), (c, "戊")):
        for name in names:
            MemberFactory(union=union, name=name, branch=branch)
    MemberFactory(union=union, name="保留者", branch=a, status=S.RETAINED)
    MemberFactory(union=union, name="劳模", branch=c, model_worker_level="city")
    MemberFactory(union=union, name="退休者", branch=b, status=S.RETIRED, status_date=dt.date(2024, 6, 30))
    MemberFactory(
        union=union, name="转出者", branch=a, status=S.TRANSFERRED, status_date=dt.date(2024, 6, 30)
    )
    MemberFactory(union=other_union, name="外会")
    return {"a": a, "b": b, "c": c}


def _names(client, union, **fields) -> set[str]:
    response = client.post(_url("batch-create", union), _form(**fields))
    assert response.status_code == 200, response.content.decode()[:500]
    return {m.name for m in response.context["recipients"]}


def test_everyone_on_the_roster_in_one_batch(clerk_client, union, roster):
    assert _names(clerk_client, union, everyone="on") == {"甲", "乙", "丙", "丁", "戊", "保留者", "劳模"}


def test_several_branches_at_once(clerk_client, union, roster):
    chosen = [roster["a"].pk, roster["b"].pk]
    assert _names(clerk_client, union, branches=chosen) == {"甲", "乙", "保留者", "丙", "丁"}


def test_retired_members_and_model_workers_by_filter(clerk_client, union, roster):
    assert _names(clerk_client, union, retired="on") == {"退休者"}
    assert _names(clerk_client, union, model_workers="on") == {"劳模"}
    assert _names(clerk_client, union, branches=[roster["c"].pk], retired="on") == {"戊", "劳模", "退休者"}


def test_a_whole_union_batch_is_confirmed_into_one_record_each(clerk_client, union, roster):
    preview = clerk_client.post(_url("batch-create", union), _form(everyone="on"))
    ids = ",".join(str(m.pk) for m in preview.context["recipients"])
    data = {**_form(), "member_ids": ids, "confirm": "1"}
    data.pop("members", None)
    response = clerk_client.post(_url("batch-create", union), data)
    assert response.status_code == 302
    assert Disbursement.objects.filter(union=union).count() == 7


def test_another_unions_branch_is_refused(clerk_client, union, other_union, roster):
    foreign = BranchFactory(union=other_union, name="外会分会")
    response = clerk_client.post(_url("batch-create", union), _form(branches=[foreign.pk]))
    assert response.status_code == 200
    assert "branches" in response.context["form"].errors
    assert not Disbursement.objects.exists()
