"""Who may export: admins; full ID numbers only with Perm.VIEW_FULL_ID; nothing across unions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from members.id_numbers import mask
from unions import permissions
from unions.models import Role
from unions.permissions import Perm
from workbook.models import ExportStatus

from .conftest import FULL_ID, Y, make_records, read, table
from .factories import ExportJobFactory, ExternalReportFactory

pytestmark = pytest.mark.django_db


def test_a_clerk_cannot_export(clerk_client, records):
    url = reverse("workbook:export", args=[records.union.code])
    assert clerk_client.get(url).status_code == 403
    assert clerk_client.post(url, {"year": Y}).status_code == 403
    assert not AuditEntry.objects.filter(action="workbook.exported").exists()


def test_a_leader_cannot_export_either(leader_client, records):
    assert (
        leader_client.post(reverse("workbook:export", args=[records.union.code]), {"year": Y}).status_code
        == 403
    )


def test_the_higher_level_union_reads_but_cannot_export_a_subordinate(county_client, records):
    code = records.union.code
    assert county_client.post(reverse("workbook:export", args=[code]), {"year": Y}).status_code == 403
    assert county_client.get(reverse("workbook:indicators", args=[code])).status_code == 200
    assert county_client.get(reverse("workbook:rollup-export", args=[code])).status_code == 403


def test_another_unions_data_is_not_reachable(outsider_client, records, other_union):
    code = records.union.code
    assert outsider_client.post(reverse("workbook:export", args=[code]), {"year": Y}).status_code == 404
    job = ExportJobFactory(union=records.union, status=ExportStatus.DONE)
    # Under the outsider's own union code, the job of another union is not found.
    for name in ("workbook:job", "workbook:download"):
        assert outsider_client.get(reverse(name, args=[other_union.code, job.pk])).status_code == 404
    report = ExternalReportFactory(union=records.union)
    assert (
        outsider_client.get(
            reverse("workbook:external-detail", args=[other_union.code, report.pk])
        ).status_code
        == 404
    )


def test_the_workbook_holds_only_the_unions_own_records(admin_client_, records, other_union):
    make_records(other_union, members=3)
    response = admin_client_.post(reverse("workbook:export", args=[records.union.code]), {"year": Y})
    book = read(b"".join(response.streaming_content))
    names = {row[1] for row in table(book["会员花名册"])[1]}
    assert names == {m.name for m in records.members}
    assert len(table(book["帮扶慰问台账"])[1]) == 3


@pytest.fixture
def leader_may_export(monkeypatch):
    """A role with Perm.EXPORT but not Perm.VIEW_FULL_ID (none has it today)."""
    perms = dict(permissions.ROLE_PERMS)
    perms[Role.LEADER] = perms[Role.LEADER] | {Perm.EXPORT}
    monkeypatch.setattr(permissions, "ROLE_PERMS", perms)


def test_id_numbers_are_masked_for_those_without_full_id_rights(leader_may_export, leader_client, records):
    url = reverse("workbook:export", args=[records.union.code])
    page = leader_client.get(url).content.decode()
    assert "身份证号脱敏（" not in page and "将脱敏" in page
    # Asking for full numbers changes nothing: the form has no such choice for this role.
    response = leader_client.post(url, {"year": Y, "masked": ""})
    book = read(b"".join(response.streaming_content))
    numbers = [row[5] for row in table(book["会员花名册"])[1]]
    assert FULL_ID not in numbers and mask(FULL_ID) in numbers
    assert all(len(n) == 18 and n[:14] == "*" * 14 for n in numbers)
    births = [row[4] for row in table(book["会员花名册"])[1]]
    assert all(isinstance(b, str) and len(b) == 5 and b.endswith("年") for b in births)
    hardship_numbers = [row[2] for row in table(book["困难职工档案"])[1]]
    assert FULL_ID not in hardship_numbers and mask(FULL_ID) in hardship_numbers
    assert AuditEntry.objects.get(action="workbook.exported").changes["full_ids"] is False


def test_a_file_with_full_ids_is_not_served_without_full_id_rights(leader_may_export, leader_client, records):
    job = ExportJobFactory(
        union=records.union, status=ExportStatus.DONE, full_ids=True, file="exports/x.xlsx"
    )
    response = leader_client.get(reverse("workbook:download", args=[records.union.code, job.pk]))
    assert response.status_code == 403
