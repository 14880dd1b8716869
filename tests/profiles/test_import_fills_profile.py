"""Importing the workbook of a unit off the system fills the unit's year profile from the
workbook's figures; a profile a person entered is never overwritten silently: the differences
are shown and the federation's admin chooses."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEntry
from demo.workbooks import indicator_workbook
from profiles.importing import pending_imports, report_profile_state
from profiles.models import UnionYearProfile
from profiles.services import unit_profile_save
from tests.profiles.factories import ProfileFactory
from tests.workbook.conftest import make_records
from unions.models import Union
from workbook.importing import import_external_report, read_workbook
from workbook.models import ExternalReport
from workbook.services import export_annual_workbook
from workbook.signing import installation_public_key, signature_matches

pytestmark = pytest.mark.django_db
Y = 2025
CODE = "farm-9"
FIGURES = {
    "workers": 120,
    "women_workers": 50,
    "members": 110,
    "members_women": 45,
    "has_congress": 1,
    "has_disclosure": 1,
    "has_women_committee": 1,
    "has_board": 1,
    "worker_directors": 2,
    "has_safety_committee": 1,
    "safety_inspectors": 5,
    "tech_associations": 1,
    "tech_association_members": 30,
}


def _import(county, user, values=FIGURES, *, kind="集体企业", name="某农场工会", units=1):  # type: ignore[no-untyped-def]
    content = indicator_workbook(name=name, code=CODE, year=Y, values=values, unit_kind=kind)
    if units > 1:
        book = load_workbook(io.BytesIO(content))
        about = book["说明"]
        for row in range(1, about.max_row + 1):
            if about.cell(row, 1).value == "汇总单位数":
                about.cell(row, 2).value = units
            if about.cell(row, 1).value == "文件类型":
                about.cell(row, 2).value = "汇总统计年报工作簿"
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    return import_external_report(
        union=county,
        upload=io.BytesIO(content),
        original_name="年报.xlsx",
        user=user,
        accept_unverified=True,
    )


def _entered(county, user, **fields):  # type: ignore[no-untyped-def]
    """The federation's admin entered the unit's year by hand before its workbook came."""
    base = {
        "unit_kind": "collective",
        "workers": 120,
        "women_workers": 50,
        "members": 110,
        "women_members": 45,
    }
    return unit_profile_save(
        federation=county, year=Y, unit_code=CODE, unit_name="某农场工会", actor=user, **(base | fields)
    )


def test_an_imported_workbook_fills_the_units_profile(county, county_user):
    report = _import(county, county_user)
    profile = UnionYearProfile.objects.get(union=county, unit_code=CODE, year=Y)
    assert (profile.unit_name, profile.unit_kind) == ("某农场工会", "collective")
    assert (profile.workers, profile.women_workers, profile.members, profile.women_members) == (
        120,
        50,
        110,
        45,
    )
    assert profile.institutions == ["职代会制度", "厂务公开制度", "女职工委员会"]
    assert (profile.has_board, profile.worker_directors) == (True, 2)
    assert (profile.has_safety_committee, profile.safety_inspectors) == (True, 5)
    assert (profile.tech_associations, profile.tech_association_members) == (1, 30)
    assert (profile.source, profile.external_report, profile.created_by) == ("imported", report, county_user)
    assert profile.imported_at is not None
    entry = AuditEntry.objects.get(action="profiles.profile.imported")
    assert (
        entry.action_label == "从导入的年报填写单位年度基本情况"
        and entry.changes["external_report"] == report.pk
    )
    assert report_profile_state(report).startswith("已据此填写该单位的年度基本情况（")


def test_the_import_page_says_the_profile_was_filled_and_the_list_shows_its_source(county, county_client):
    content = indicator_workbook(name="某农场工会", code=CODE, year=Y, values=FIGURES, unit_kind="集体企业")
    upload = SimpleUploadedFile("年报.xlsx", content)
    response = county_client.post(
        reverse("workbook:import", args=[county.code]),
        {"file": upload, "accept_unverified": "on"},
        follow=True,
    )
    assert "已据此填写该单位的年度基本情况" in response.content.decode()
    page = county_client.get(reverse("profiles:list", args=[county.code]), {"year": Y}).content.decode()
    assert "取自导入的年报" in page and "取自年报" in page and "职工董事2人" in page


def test_a_profile_entered_by_hand_is_not_overwritten(county, county_user):
    entered = _entered(county, county_user, workers=150, has_board=True, worker_directors=1)
    report = _import(county, county_user)
    profile = UnionYearProfile.objects.get(pk=entered.pk)
    assert (profile.workers, profile.worker_directors, profile.source) == (150, 1, "federation")
    assert profile.external_report is None and not profile.has_congress
    [pending] = pending_imports(union=county, year=Y)
    assert pending.report == report and pending.profile == profile
    shown = {d.label: (d.entered, d.imported) for d in pending.differences}
    assert shown["职工人数"] == ("150人", "120人")
    assert shown["职工董事人数"] == ("1人", "2人")
    assert shown["建立职代会制度"] == ("否", "是")
    assert "单位类型" not in shown and "会员人数" not in shown  # those agree
    conflict = AuditEntry.objects.get(action="profiles.profile.import_conflict")
    assert conflict.changes["differences"]["职工人数"] == "已填写150人，年报120人"
    assert "不一致" in report_profile_state(report)


def test_the_federation_sees_the_differences_and_keeps_what_it_entered(county, county_user, county_client):
    entered = _entered(county, county_user, workers=150)
    report = _import(county, county_user)
    page = county_client.get(reverse("profiles:list", args=[county.code]), {"year": Y}).content.decode()
    assert "导入的年报与已填写的单位情况不一致" in page
    assert "<td>职工人数</td><td>150人</td><td>120人</td>" in page
    assert "采用年报数字" in page and "保留已填写的" in page
    response = county_client.post(reverse("profiles:keep-entered", args=[county.code, report.pk]))
    assert response.status_code == 302
    profile = UnionYearProfile.objects.get(pk=entered.pk)
    assert (profile.workers, profile.source, profile.external_report) == (150, "federation", report)
    assert pending_imports(union=county, year=Y) == []
    assert AuditEntry.objects.filter(action="profiles.profile.import_kept").count() == 1
    again = county_client.get(reverse("profiles:list", args=[county.code]), {"year": Y}).content.decode()
    assert "导入的年报与已填写的单位情况不一致" not in again


def test_the_federation_takes_the_workbooks_figures(county, county_user, county_client):
    entered = _entered(county, county_user, workers=150, note="电话核实")
    report = _import(county, county_user)
    county_client.post(reverse("profiles:from-import", args=[county.code, report.pk]))
    profile = UnionYearProfile.objects.get(pk=entered.pk)
    assert (profile.workers, profile.worker_directors, profile.source) == (120, 2, "imported")
    assert profile.note == "电话核实"  # what the workbook does not carry stays
    assert pending_imports(union=county, year=Y) == []
    taken = AuditEntry.objects.get(action="profiles.profile.imported")
    assert taken.changes["replaced"]["职工人数"] == "已填写150人，年报120人"


def test_a_profile_entered_by_hand_that_agrees_is_linked_without_a_question(county, county_user):
    entered = _entered(
        county, county_user, has_congress=True, has_disclosure=True, has_women_committee=True,
        has_board=True, worker_directors=2, has_safety_committee=True, safety_inspectors=5,
        tech_associations=1, tech_association_members=30,
    )  # fmt: skip
    report = _import(county, county_user)
    profile = UnionYearProfile.objects.get(pk=entered.pk)
    assert (profile.source, profile.external_report) == ("federation", report)
    assert pending_imports(union=county, year=Y) == []


def test_a_corrected_workbook_refreshes_a_profile_only_a_workbook_filled(county, county_user):
    first = _import(county, county_user)
    first.void("数字有误")
    second = _import(county, county_user, FIGURES | {"workers": 130, "members": 115})
    profile = UnionYearProfile.objects.get(union=county, unit_code=CODE, year=Y)
    assert (profile.workers, profile.members, profile.external_report) == (130, 115, second)
    assert UnionYearProfile.objects.count() == 1


def test_a_workbook_without_a_profile_keeps_what_the_federation_entered(county, county_user):
    """A unit that kept no profile exports zeros for its workers and institutions: those are
    not figures, and do not wipe the federation's entry."""
    entered = _entered(county, county_user, has_women_committee=True, members=110, women_members=45)
    _import(county, county_user, {"members": 110, "members_women": 45}, kind="")
    profile = UnionYearProfile.objects.get(pk=entered.pk)
    assert (profile.workers, profile.has_women_committee, profile.unit_kind) == (120, True, "collective")
    assert pending_imports(union=county, year=Y) == []


def test_a_roll_up_workbook_or_figures_the_profile_refuses_leave_the_profile_alone(county, county_user):
    rolled = _import(county, county_user, units=3)
    assert not UnionYearProfile.objects.exists()
    assert "汇总表" in report_profile_state(rolled)
    rolled.void("测试")
    # More inspectors than workers: the return's check flags it; the import stands, the profile waits.
    report = _import(county, county_user, FIGURES | {"safety_inspectors": 500})
    assert ExternalReport.objects.live().get() == report and not UnionYearProfile.objects.exists()
    refused = AuditEntry.objects.get(action="profiles.profile.import_refused")
    assert "劳动保护监督检查员（500人）不能多于职工人数（120人）" in refused.changes["reason"]


def test_a_signed_export_round_trips_into_the_profile(union, county_user):
    """The unit's own installation exports its return (its kind in the signed 说明 sheet);
    the federation of another installation imports it."""
    make_records(union)
    profile = UnionYearProfile.objects.get(union=union, year=Y)
    profile.unit_kind, profile.has_board, profile.worker_directors = "state", True, 3
    profile.save()
    buffer = io.BytesIO()
    export_annual_workbook(union=union, year=Y, full_ids=False, target=buffer)
    # On the federation's installation the unit is not on the system.
    Union.objects.filter(pk=union.pk).update(code="moved-away")
    federation = Union.objects.create(name="丁县总工会", code="county-d", level="county")
    buffer.seek(0)
    report = import_external_report(
        union=federation, upload=buffer, original_name="年报.xlsx", user=county_user, accept_unverified=True
    )
    assert report.unit_kind == "state"
    filled = UnionYearProfile.objects.get(union=federation, unit_code="main", year=Y)
    assert (filled.unit_kind, filled.workers, filled.women_workers) == ("state", 400, 200)
    assert (filled.has_board, filled.worker_directors, filled.has_audit_committee) == (True, 3, True)
    assert filled.members == int(report.values["members"]) == 8


def test_an_edited_unit_kind_breaks_the_signature(union):
    make_records(union)
    buffer = io.BytesIO()
    export_annual_workbook(union=union, year=Y, full_ids=False, target=buffer)
    key = installation_public_key()
    original = read_workbook(io.BytesIO(buffer.getvalue()))
    assert original.unit_kind == "私营企业"
    assert signature_matches(key, original.figures, original.signature)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    about = book["说明"]
    row = next(r for r in range(1, about.max_row + 1) if about.cell(r, 1).value == "单位类型")
    about.cell(row, 2).value = "国有企业"
    out = io.BytesIO()
    book.save(out)
    edited = read_workbook(io.BytesIO(out.getvalue()))
    assert edited.unit_kind == "国有企业"
    assert not signature_matches(key, edited.figures, edited.signature)


def test_an_own_profile_is_never_touched_by_an_import(county, county_user, union):
    own = ProfileFactory(union=union, year=Y, workers=77)
    _import(county, county_user)
    own.refresh_from_db()
    assert own.workers == 77 and own.source == "self"
