"""节日慰问批量录入: one form, a confirmation with count and total, then N records at once."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from members.choices import MembershipStatus
from tests.factories import BranchFactory, MemberFactory
from tests.welfare.factories import DisbursementFactory, HardshipFileFactory
from welfare.choices import DisbursementStatus as S
from welfare.models import Disbursement, DisbursementBatch

pytestmark = pytest.mark.django_db


def _url(name: str, union, *args) -> str:
    return reverse(f"welfare:{name}", args=[union.code, *args])


def _form(**overrides) -> dict:
    data = {
        "title": "",
        "date": "2025-01-20",
        "kind": "festival",
        "festival": "spring",
        "cash_amount": "500",
        "goods_description": "米、油",
        "goods_value": "150.50",
        "funding_source": "union_funds",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def cast(union):
    """Two picked members, a branch with two current members and a retired one, a member with
    an open hardship file (also in the branch), and someone in another branch."""
    branch = BranchFactory(union=union, name="装配分会")
    picked = [MemberFactory(union=union, name="甲"), MemberFactory(union=union, name="乙")]
    in_branch = [
        MemberFactory(union=union, name="丙", branch=branch),
        MemberFactory(union=union, name="丁", branch=branch),
    ]
    MemberFactory(
        union=union,
        name="退休者",
        branch=branch,
        status=MembershipStatus.RETIRED,
        status_date=dt.date(2024, 6, 30),
    )
    hardship = HardshipFileFactory(union=union, member=in_branch[0])  # 丙: in the branch and in hardship
    in_hardship_only = HardshipFileFactory(union=union, member=MemberFactory(union=union, name="戊")).member
    MemberFactory(union=union, name="己", branch=BranchFactory(union=union, name="别的分会"))
    return {
        "branch": branch,
        "picked": picked,
        "expected": {"甲", "乙", "丙", "丁", "戊"},
        "hardship": hardship,
        "in_hardship_only": in_hardship_only,
    }


def _hidden_inputs(page: str) -> dict:
    data: dict = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        data[name] = html.unescape(value)
    return data


def _post_selection(client, union, cast, **overrides):
    data = _form(
        members=[m.pk for m in cast["picked"]], branch=cast["branch"].pk, all_hardship="on", **overrides
    )
    return client.post(_url("batch-create", union), data)


def test_the_confirmation_shows_count_and_total_and_saves_nothing(clerk_client, union, cast):
    response = _post_selection(clerk_client, union, cast)
    assert response.status_code == 200
    assert {m.name for m in response.context["recipients"]} == cast["expected"]
    assert response.context["count"] == 5
    assert response.context["total"] == Decimal("3252.50")  # 5 × (500 + 150.50)
    page = response.content.decode()
    assert "将为 <strong>5</strong> 人" in page
    assert "合计 <strong>3,252.50元</strong>" in page
    assert not Disbursement.objects.exists()
    assert not DisbursementBatch.objects.exists()


def test_confirming_creates_one_record_per_member_in_one_go(clerk_client, union, cast, clerk):
    preview = _post_selection(clerk_client, union, cast, submit_now="on")
    # Post the confirmation's form back as the browser would: its hidden fields carry the
    # batch and the resolved members (the branch and hardship shortcuts are already applied).
    data = _hidden_inputs(preview.content.decode())
    assert "branch" not in data and "all_hardship" not in data and "members" not in data
    # One field for all members, however many: POSTs are limited to 1000 fields.
    assert len(data["member_ids"].split(",")) == 5
    data["confirm"] = "1"
    response = clerk_client.post(_url("batch-create", union), data, follow=True)
    assert response.status_code == 200
    batch = DisbursementBatch.objects.get()
    assert batch.title == "2025年春节慰问"
    records = list(batch.disbursements.select_related("member"))
    assert sorted(r.member.name for r in records) == sorted(cast["expected"])
    assert all(
        (r.date, r.kind, r.festival, r.cash_amount, r.goods_value, r.funding_source, r.status, r.submitted_by)
        == (
            dt.date(2025, 1, 20),
            "festival",
            "spring",
            Decimal("500.00"),
            Decimal("150.50"),
            "union_funds",
            S.SUBMITTED,
            clerk,
        )
        for r in records
    )
    assert sum(r.total for r in records) == Decimal("3252.50")
    # Members with an open hardship file get their record linked to it.
    linked = {r.member.name: r.hardship_file for r in records}
    assert linked["丙"] == cast["hardship"]
    assert linked["戊"].member == cast["in_hardship_only"]
    assert linked["甲"] is None
    # Bulk inserts still reach the log: a creation and a submission per record, by the clerk.
    for r in records:
        actions = set(AuditEntry.objects.for_object(r).values_list("action", "actor"))
        assert actions == {("create", clerk.pk), ("welfare.disbursement.submitted", clerk.pk)}
    assert "已批量录入 5 条发放记录并已提交审批，合计 3252.5元。" in " ".join(
        str(m) for m in response.context["messages"]
    )
    summary = response.context["summary"]
    assert (summary.count, summary.total, summary.by_status) == (
        5,
        Decimal("3252.50"),
        (("submitted", "待审批", 5),),
    )


def test_a_leader_approves_the_whole_batch_and_a_clerk_marks_it_paid(
    clerk_client, leader_client, union, cast
):
    members = cast["picked"]
    clerk_client.post(_url("batch-create", union), _form(members=[m.pk for m in members], confirm="1"))
    batch = DisbursementBatch.objects.get()
    assert set(batch.disbursements.values_list("status", flat=True)) == {S.DRAFT}
    # A draft elsewhere must not be touched by the batch's steps.
    outsider_record = DisbursementFactory(union=union, status=S.SUBMITTED)

    assert clerk_client.post(_url("batch-submit", union, batch.pk)).status_code == 302
    assert set(batch.disbursements.values_list("status", flat=True)) == {S.SUBMITTED}

    decide = _url("disbursement-decide", union)
    assert clerk_client.post(decide, {"action": "approve", "batch": batch.pk}).status_code == 403
    response = leader_client.post(decide, {"action": "approve", "batch": batch.pk}, follow=True)
    assert "已审批通过 2 条记录，合计 1301元。" in " ".join(str(m) for m in response.context["messages"])
    assert set(batch.disbursements.values_list("status", flat=True)) == {S.APPROVED}
    outsider_record.refresh_from_db()
    assert outsider_record.status == S.SUBMITTED
    assert AuditEntry.objects.filter(action="welfare.disbursement.approved").count() == 2

    clerk_client.post(_url("batch-pay", union, batch.pk), {"paid_on": "2025-01-22"})
    assert set(batch.disbursements.values_list("status", "paid_on")) == {(S.PAID, dt.date(2025, 1, 22))}


def test_a_batch_needs_members_and_a_festival(clerk_client, union):
    response = clerk_client.post(_url("batch-create", union), _form())
    assert (
        "请至少选择一名会员，或选择全部在册会员、分会、退休会员、劳模或在档困难职工。"
        in response.content.decode()
    )
    member = MemberFactory(union=union)
    response = clerk_client.post(_url("batch-create", union), _form(members=[member.pk], festival=""))
    assert "节日慰问请选择节日。" in response.content.decode()
    response = clerk_client.post(
        _url("batch-create", union), _form(members=[member.pk], cash_amount="0", goods_value="0", confirm="1")
    )
    assert "每人现金和物品折价不能都为零。" in response.content.decode()
    assert not Disbursement.objects.exists()


def test_members_of_another_union_cannot_be_slipped_in(clerk_client, union, other_union):
    own = MemberFactory(union=union)
    foreign = MemberFactory(union=other_union)
    response = clerk_client.post(
        _url("batch-create", union), _form(members=[own.pk, foreign.pk], confirm="1")
    )
    assert response.status_code == 200  # the picker's choices are the union's members only
    assert not Disbursement.objects.exists()


def test_the_confirmation_warns_about_members_already_given_this_festival(clerk_client, union):
    member = MemberFactory(union=union, name="已领过")
    DisbursementFactory(
        union=union, member=member, kind="festival", festival="spring", date=dt.date(2025, 1, 5)
    )
    response = clerk_client.post(_url("batch-create", union), _form(members=[member.pk]))
    assert [m.name for m in response.context["already_given"]] == ["已领过"]
    assert "请核对是否重复" in response.content.decode()
