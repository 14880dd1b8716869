"""The logic checks run before an export, before a summary is finalised, on the dashboard,
and, per union, on a county's roll-up."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from profiles.models import UnionYearProfile
from reports import services
from reports.models import FinaliseJob
from tests.workbook.factories import ExternalReportFactory
from workbook.indicators import INDICATORS, to_text
from workbook.models import ExportJob

from .conftest import Y, read, table

pytestmark = pytest.mark.django_db


def _break(records) -> None:  # type: ignore[no-untyped-def]
    """Fewer workers than members: 会员人数 ≤ 职工人数 fails."""
    UnionYearProfile.objects.filter(union=records.union, year=Y).update(workers=2, women_workers=1)


def _export(client, records, **extra):  # type: ignore[no-untyped-def]
    return client.post(reverse("workbook:export", args=[records.union.code]), {"year": Y} | extra)


def test_a_return_that_passes_exports_with_its_check_result_on_the_cover(admin_client_, records):
    response = _export(admin_client_, records)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    cover = [row for row in read(b"".join(response.streaming_content))["封面"].iter_rows(values_only=True)]
    assert ("", "结果", "逻辑检查全部通过。") in [tuple(v or "" for v in row) for row in cover]


def test_a_failing_return_is_not_exported_without_acceptance(admin_client_, records):
    _break(records)
    response = _export(admin_client_, records)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "逻辑检查有" in page and "会员人数" in page and "多于职工人数" in page
    assert "已核对：逻辑检查的错误属实，仍然导出" in page
    # The failing figure links to the roster behind it.
    assert reverse("members:list", args=[records.union.code]) + "?at=" in page
    assert not AuditEntry.objects.filter(action="workbook.exported").exists()


def test_an_accepted_failing_return_exports_and_the_acceptance_is_logged(admin_client_, admin_user, records):
    _break(records)
    response = _export(admin_client_, records, accept_failures="on")
    assert "attachment" in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action="workbook.checks_accepted")
    assert entry.actor == admin_user and "多于职工人数" in entry.changes["check_errors"]
    header, rows = table(read(b"".join(response.streaming_content))["封面"], header_row=1)
    assert any("多于职工人数" in str(row) for row in rows)


def test_a_background_export_keeps_the_gate(admin_client_, records, settings):
    settings.WORKBOOK_SYNC_MAX_MEMBERS = 1
    _break(records)
    _export(admin_client_, records)
    assert not ExportJob.objects.exists()
    response = _export(admin_client_, records, accept_failures="on")
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("workbook:job", args=[records.union.code, job.pk])


def test_the_dashboard_shows_the_checks(clerk_client, records):
    _break(records)
    page = clerk_client.get(reverse("unions:home", args=[records.union.code])).content.decode()
    assert "逻辑检查" in page and "多于职工人数" in page


def _report(records, leader):  # type: ignore[no-untyped-def]
    return services.report_start(union=records.union, year=Y, actor=leader)


def test_finalising_waits_for_the_checks(leader_client, leader, records):
    _break(records)
    report = _report(records, leader)
    edit = reverse("reports:edit", args=[records.union.code, report.pk])
    page = leader_client.get(edit).content.decode()
    assert "多于职工人数" in page and "已核对逻辑检查的错误，仍然定稿" in page
    response = leader_client.post(reverse("reports:finalise", args=[records.union.code, report.pk]))
    assert response["Location"].startswith(edit)
    assert not FinaliseJob.objects.exists()


def test_the_leader_may_finalise_by_accepting_the_errors_and_it_is_logged(leader_client, leader, records):
    _break(records)
    report = _report(records, leader)
    leader_client.post(
        reverse("reports:finalise", args=[records.union.code, report.pk]), {"accept_failures": "1"}
    )
    assert FinaliseJob.objects.filter(report=report).exists()
    entry = AuditEntry.objects.get(action="workbook.checks_accepted_for_finalise")
    assert entry.actor == leader and "多于职工人数" in entry.changes["check_errors"]


def test_a_passing_return_finalises_without_a_word(leader_client, leader, records):
    report = _report(records, leader)
    leader_client.post(reverse("reports:finalise", args=[records.union.code, report.pk]))
    assert FinaliseJob.objects.filter(report=report).exists()
    assert not AuditEntry.objects.filter(action="workbook.checks_accepted_for_finalise").exists()


def test_the_county_sees_which_unions_fail_and_the_totals_are_checked(
    county_client, county, records, other_union
):
    _break(records)
    values = {d.key: to_text(d, d.zero) for d in INDICATORS} | {
        "members": "5",
        "members_women": "9",
        "workers": "5",
    }
    ExternalReportFactory(union=county, source_name="外部机修厂工会", values=values)
    response = county_client.get(reverse("workbook:rollup", args=[county.code]) + f"?year={Y}")
    page = response.content.decode()
    checked = response.context["checked"]
    failing = {item.source.name for item in checked.failing}
    assert failing == {records.union.name, "外部机修厂工会"}
    assert other_union.name not in failing  # no records at all: nothing fails
    assert "逻辑检查未通过的单位" in page and "女会员（9人）多于会员人数（5人）" in page
    # Totals: the sums are checked on their own.
    assert any(f.finding.check.key == "members_le_workers" for f in checked.totals.failures)


def test_the_county_workbook_carries_the_checks_per_union(county_client, county, records):
    _break(records)
    response = county_client.get(reverse("workbook:rollup-export", args=[county.code]) + f"?year={Y}")
    book = read(b"".join(response.streaming_content))
    assert book.sheetnames[:2] == ["封面", "统计指标"] and "分单位明细" in book.sheetnames
    header, rows = table(book["逻辑检查"])
    assert any(row[0] == records.union.name and row[3] == "错误" for row in rows)
    assert any(row[0] == "汇总数" for row in rows)
