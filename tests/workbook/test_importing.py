"""Importing a workbook of a union that is not on the system: round trip and refusals."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from records.periods import period_for
from tests.factories import UnionFactory, UnionRoleFactory, UserFactory
from unions.models import Role, UnionLevel
from workbook.codes import CODE_OF
from workbook.importing import WorkbookImportError, import_external_report, read_workbook
from workbook.indicators import INDICATORS, indicator_values
from workbook.models import ExternalReport
from workbook.rollup import rollup
from workbook.services import export_annual_workbook, register_key
from workbook.signing import installation_public_key

from .conftest import Y, indicator_row, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def workbook_bytes(records) -> bytes:
    buffer = io.BytesIO()
    export_annual_workbook(union=records.union, year=Y, full_ids=False, target=buffer)
    return buffer.getvalue()


@pytest.fixture
def elsewhere(db):
    """A county federation that does not contain `union`, and its admin, which registered
    this installation's signing key for the unions whose workbooks the tests import."""
    county = UnionFactory(name="丙县总工会", code="county-c", level=UnionLevel.COUNTY)
    user = UserFactory(username="county-c-admin")
    UnionRoleFactory(user=user, union=county, role=Role.ADMIN)
    for code in ("main", "county"):
        register_key(
            union=county, source_code=code, source_name=code, public_key=installation_public_key(), user=user
        )
    client = Client()
    client.force_login(user)
    return county, user, client


def _upload(content: bytes, name: str = "年报.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _post(client: Client, county, content: bytes, **data):  # type: ignore[no-untyped-def]
    return client.post(reverse("workbook:import", args=[county.code]), {"file": _upload(content), **data})


def _edited(content: bytes, edit) -> bytes:  # type: ignore[no-untyped-def]
    book = read(content)
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row_of(book, key: str) -> int:  # type: ignore[no-untyped-def]
    return indicator_row(book["统计指标"], key)


def test_round_trip_export_then_import_under_another_parent(workbook_bytes, records, elsewhere):
    county, user, client = elsewhere
    response = _post(client, county, workbook_bytes)
    report = ExternalReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workbook:external-detail", args=[county.code, report.pk])
    assert report.union == county and report.uploaded_by == user
    assert report.source_name == records.union.name and report.source_code == records.union.code
    assert report.year == Y and report.period_start == records.period.start
    expected = indicator_values(union=records.union, period=period_for(records.union, Y))
    imported = rollup(union=county, year=Y)
    assert imported.totals == expected  # the same figures, key by key
    assert imported.totals["members"] == 8 and imported.totals["welfare_total"] == Decimal("4000.75")
    detail = client.get(response["Location"]).content.decode()
    assert "8人" in detail and "4000.75元" in detail


def test_a_different_name_can_be_given(workbook_bytes, elsewhere):
    county, _, client = elsewhere
    _post(client, county, workbook_bytes, source_name="某某公司工会")
    assert ExternalReport.objects.get().source_name == "某某公司工会"


def test_a_rollup_workbook_imports_too(tree_for_rollup, elsewhere):
    county, _, client = elsewhere
    buffer = io.BytesIO()
    from workbook.services import export_rollup_workbook

    export_rollup_workbook(rollup=rollup(union=tree_for_rollup, year=Y), target=buffer)
    _post(client, county, buffer.getvalue())
    report = ExternalReport.objects.get()
    assert report.units_included == 3
    assert rollup(union=county, year=Y).totals == rollup(union=tree_for_rollup, year=Y).totals


@pytest.fixture
def tree_for_rollup(county, records, other_union):
    from .conftest import make_records

    make_records(other_union, members=3)
    return county


def _refused(client, county, content: bytes) -> str:  # type: ignore[no-untyped-def]
    response = _post(client, county, content)
    assert response.status_code == 200
    assert not ExternalReport.objects.exists()
    text = response.content.decode()
    assert "文件未导入" in text
    return text


def test_a_file_that_is_not_a_workbook_is_refused(elsewhere):
    county, _, client = elsewhere
    assert "不是 Excel 工作簿" in _refused(client, county, b"hello, not excel")


def test_a_workbook_not_produced_by_this_product_is_refused(elsewhere):
    county, _, client = elsewhere
    book = Workbook()
    book.active.append(["指标", "数值"])
    book.active.append(["会员人数", 100])
    out = io.BytesIO()
    book.save(out)
    assert "不是由工会年报系统导出的统计年报工作簿" in _refused(client, county, out.getvalue())


def test_figures_changed_after_export_are_refused(workbook_bytes, elsewhere):
    county, _, client = elsewhere

    def edit(book):  # type: ignore[no-untyped-def]
        book["统计指标"].cell(_row_of(book, "members"), 4).value = 9

    assert "与文件中的指标校验码不一致" in _refused(client, county, _edited(workbook_bytes, edit))


def test_every_problem_is_listed(workbook_bytes, elsewhere):
    county, _, client = elsewhere

    def edit(book):  # type: ignore[no-untyped-def]
        sheet = book["统计指标"]
        sheet.cell(_row_of(book, "members"), 3).value = "个"
        sheet.cell(_row_of(book, "welfare_total"), 4).value = -5
        sheet.cell(_row_of(book, "welfare_cash"), 4).value = "很多"
        sheet.cell(_row_of(book, "members_women"), 4).value = 1.5
        sheet.cell(_row_of(book, "activity_cost"), 4).value = 1.005
        sheet.cell(_row_of(book, "branches"), 1).value = "9999"
        sheet.cell(_row_of(book, "cadres"), 1).value = CODE_OF["members_joined"]

    text = _refused(client, county, _edited(workbook_bytes, edit))
    assert "“会员人数”的单位应为“人”，文件中为“个”" in text
    assert "“帮扶慰问金额合计”的数值有误：数值不能为负数" in text
    assert "“慰问金”的数值有误：“很多”不是数字" in text
    assert "“其中：女会员”的数值有误：人数应为整数" in text
    assert "“活动经费”的数值有误：金额最多保留两位小数" in text
    assert "指标代码“9999”不是本系统的指标" in text
    assert f"指标“本年新发展会员”（{CODE_OF['members_joined']}）重复出现" in text
    assert "缺少" in text and "分会（工会小组）" in text and "工会干部" in text


def test_a_wrong_header_and_format_version_are_refused(workbook_bytes, elsewhere):
    county, _, client = elsewhere

    def header(book):  # type: ignore[no-untyped-def]
        book["统计指标"].cell(1, 4).value = "数量"

    assert "表头应为“指标代码、指标名称、计量单位、数值”" in _refused(
        client, county, _edited(workbook_bytes, header)
    )

    def version(book):  # type: ignore[no-untyped-def]
        sheet = book["说明"]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "格式版本")
        sheet.cell(row, 2).value = "9"

    assert "格式版本为“9”" in _refused(client, county, _edited(workbook_bytes, version))


def test_a_union_on_the_system_in_the_subtree_is_not_imported(workbook_bytes, county_client, county):
    text = _refused(county_client, county, workbook_bytes)
    assert "其数据已自动计入汇总，无需导入" in text


def test_the_same_report_is_not_imported_twice_until_voided(workbook_bytes, elsewhere):
    county, _, client = elsewhere
    _post(client, county, workbook_bytes)
    report = ExternalReport.objects.get()
    response = _post(client, county, workbook_bytes)
    assert "已由丙县总工会于" in response.content.decode() and ExternalReport.objects.count() == 1
    void = client.post(
        reverse("workbook:external-void", args=[county.code, report.pk]), {"reason": "数字有误"}
    )
    assert void.status_code == 302
    report.refresh_from_db()
    assert report.is_void and report.void_reason == "数字有误"
    assert rollup(union=county, year=Y).totals["members"] == 0
    _post(client, county, workbook_bytes)
    assert ExternalReport.objects.live().count() == 1 and ExternalReport.objects.count() == 2


def test_voiding_needs_a_reason(workbook_bytes, elsewhere):
    county, _, client = elsewhere
    _post(client, county, workbook_bytes)
    report = ExternalReport.objects.get()
    client.post(reverse("workbook:external-void", args=[county.code, report.pk]), {"reason": ""})
    report.refresh_from_db()
    assert not report.is_void


def test_read_workbook_reads_every_indicator(workbook_bytes, records):
    parsed = read_workbook(io.BytesIO(workbook_bytes))
    assert set(parsed.values) == {d.key for d in INDICATORS}
    assert parsed.union_code == records.union.code and parsed.units == 1
    assert len(parsed.sha256) == 64


def test_the_service_writes_nothing_on_error(elsewhere):
    county, user, _ = elsewhere
    with pytest.raises(WorkbookImportError) as caught:
        import_external_report(
            union=county, upload=io.BytesIO(b"PK\x03\x04junk"), original_name="x.xlsx", user=user
        )
    assert caught.value.messages and "文件已损坏" in caught.value.messages[0]
    assert not ExternalReport.objects.exists()


def test_the_import_page_explains_what_is_checked(elsewhere):
    county, _, client = elsewhere
    text = client.get(reverse("workbook:import", args=[county.code])).content.decode()
    assert "指标校验码" in text and "不会写入任何数据" in text
