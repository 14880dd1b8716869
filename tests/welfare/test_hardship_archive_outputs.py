"""The archive's facts leave the product where hardship files do: the list and its xlsx
export, the 困难职工档案 ledger of the annual workbook, and the ledger import. And the
migration that added them leaves every older file valid."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from imports.apply import apply_import
from members.privacy import shown_id
from records.periods import current_period
from tests.factories import MemberFactory
from tests.imports.files import problems, upload, xlsx
from tests.welfare.factories import HardshipFamilyMemberFactory, HardshipFileFactory
from welfare.category_suggestion import suggestion_for_file
from welfare.models import HardshipFile
from workbook.exporters.base import ExportContext, XlsxWriter
from workbook.exporters.welfare import HardshipFileExporter

D = Decimal
ID = "11010519491231002X"


def _archived_file(union):
    member = MemberFactory(union=union, name="孙困难", id_number=ID)
    file = HardshipFileFactory(
        union=union,
        member=member,
        household_size=3,
        wage_income=D("12000"),
        transfer_income=D("6000"),
        local_minimum_living_line=D("800"),
        housing="borrowed",
        health="disabled",
        disability_kind="physical",
        disability_grade="2",
        medical_insurance="resident",
        zero_employment=True,
    )
    file.full_clean()
    file.save()
    HardshipFamilyMemberFactory(
        file=file, name="李强", relation="spouse", birth_year=1980, health="serious", employment="no_capacity"
    )
    HardshipFamilyMemberFactory(
        file=file, name="孙小明", relation="child", birth_year=2012, health="", employment="student",
        annual_income=D("1200"),
    )  # fmt: skip
    return file


def _sheet_rows(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.django_db
def test_the_list_and_its_export_show_the_archive_facts(clerk_client, union):
    _archived_file(union)
    page = clerk_client.get(reverse("welfare:hardship-list", args=[union.code])).content.decode()
    for shown in ("当地低保标准", "零就业家庭", "住房情况", "借住", "残疾肢体残疾二级", "城乡居民医保"):
        assert shown in page.replace("，", ""), shown
    response = clerk_client.get(reverse("welfare:hardship-export", args=[union.code]))
    header, row = _sheet_rows(b"".join(response.streaming_content))
    values = dict(zip(header, row, strict=True))
    assert values["家庭年收入"] == 18000 and values["月人均收入"] == 500
    assert values["当地低保标准"] == 800 and values["低于低保"] == "是"
    assert (values["零就业家庭"], values["住房情况"], values["医疗保险"]) == ("是", "借住", "城乡居民医保")
    assert values["健康状况"] == "残疾，肢体残疾二级"


@pytest.mark.django_db
@pytest.mark.parametrize("full_ids", [False, True])
def test_the_workbook_ledger_carries_every_archive_fact(union, full_ids):
    _archived_file(union)
    HardshipFileFactory(union=union, annual_household_income=D("36000"))  # an older-style file
    writer = XlsxWriter()
    writer.add(
        HardshipFileExporter(ExportContext(union=union, period=current_period(union), full_ids=full_ids))
    )
    target = io.BytesIO()
    writer.save(target)
    header, *rows = _sheet_rows(target.getvalue())
    ledger = [dict(zip(header, row, strict=True)) for row in rows]
    archived = next(r for r in ledger if r["姓名"] == "孙困难")
    assert archived["身份证号"] == shown_id(ID, full=full_ids) and (ID in archived["身份证号"]) == full_ids
    assert (archived["家庭年收入（元）"], archived["工资性收入（元）"], archived["转移性收入（元）"]) == (
        18000,
        12000,
        6000,
    )
    assert (archived["经营性收入（元）"], archived["财产性收入（元）"], archived["其他收入（元）"]) == (
        0,
        0,
        0,
    )
    assert (
        archived["家庭月人均收入（元）"],
        archived["当地低保标准（元/月）"],
        archived["低于低保标准"],
    ) == (500, 800, "是")
    assert (archived["住房情况"], archived["本人健康状况"], archived["残疾类别"], archived["残疾等级"]) == (
        "借住",
        "残疾",
        "肢体残疾",
        "二级",
    )
    assert (archived["医疗保险"], archived["零就业家庭"]) == ("城乡居民医保", "是")
    assert archived["家庭成员"] == (
        "李强（配偶，1980年生，患重特大疾病，无劳动能力）；孙小明（子女，2012年生，在校学生，年收入1,200.00元）"
    )
    older = next(r for r in ledger if r["姓名"] != "孙困难")
    assert (older["家庭年收入（元）"], older["工资性收入（元）"], older["家庭成员"]) == (36000, 0, None)
    assert (older["住房情况"], older["零就业家庭"]) == (None, "否")


HEADERS = ["姓名", "身份证号", "困难类别", "主要致困原因", "家庭人口", "家庭年收入（元）", "建档日期"]


@pytest.mark.django_db
def test_the_import_takes_the_new_columns_when_present(union, clerk):
    MemberFactory(union=union, name="王芳", id_number=ID)
    MemberFactory(union=union, name="李强")
    headers = [
        *HEADERS,
        "工资性收入",
        "养老金",
        "住房情况",
        "医保",
        "健康状况",
        "残疾类别",
        "残疾等级",
        "零就业家庭",
    ]
    rows = [
        ["王芳", ID, "相对困难", "重特大疾病", 3, None, dt.date(2025, 3, 8), 20000, 4000, "租房", "居民医保",
         "大病", "肢体", "2级", "是"],
        ["李强", None, "深度困难", "下岗失业", 2, 9000, dt.date(2025, 3, 8), None, None, None, None, None, None,
         None, None],
    ]  # fmt: skip
    record_import = upload(union, clerk, "hardship-files", xlsx([headers, *rows]))
    assert problems(record_import) == []
    assert apply_import(record_import, clerk).applied
    wang = HardshipFile.objects.get(member__name="王芳")
    assert (wang.annual_household_income, wang.wage_income, wang.transfer_income) == (
        D("24000"),
        D("20000"),
        D("4000"),
    )
    assert (wang.housing, wang.medical_insurance, wang.health) == ("rented", "resident", "serious")
    assert (wang.disability_kind, wang.disability_grade, wang.zero_employment) == ("physical", "2", True)
    li = HardshipFile.objects.get(member__name="李强")
    assert (li.annual_household_income, li.wage_income, li.housing, li.zero_employment) == (
        D("9000"),
        0,
        "",
        False,
    )


@pytest.mark.django_db
def test_the_import_names_a_total_that_disagrees_with_its_sources(union, clerk):
    MemberFactory(union=union, name="王芳", id_number=ID)
    headers = [*HEADERS, "工资性收入"]
    row = ["王芳", ID, "相对困难", "重特大疾病", 3, 30000, dt.date(2025, 3, 8), 20000]
    found = problems(upload(union, clerk, "hardship-files", xlsx([headers, row])))
    assert found == [
        (2, "家庭年收入（元）", "家庭年收入应等于各项收入之和（20,000.00元），或不填由分项合计。")
    ]


@pytest.mark.django_db
def test_the_import_refuses_a_grade_without_its_kind(union, clerk):
    MemberFactory(union=union, name="王芳", id_number=ID)
    row = ["王芳", ID, "相对困难", "重特大疾病", 3, 30000, dt.date(2025, 3, 8), "一级"]
    found = problems(upload(union, clerk, "hardship-files", xlsx([[*HEADERS, "残疾等级"], row])))
    assert found == [(2, "残疾类别", "填写残疾等级时，请同时选择残疾类别。")]


OLD = [("welfare", "0005_hardship_file_can_be_a_typical_case")]
NEW = [("welfare", "0006_hardship_archive_fields")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_older_files_valid(union):
    member = MemberFactory(union=union)
    executor = MigrationExecutor(connection)
    executor.migrate(OLD)
    try:
        OldFile = executor.loader.project_state(OLD).apps.get_model("welfare", "HardshipFile")
        OldFile.objects.create(
            union_id=union.pk,
            member_id=member.pk,
            category="legacy_general",
            main_cause="laid_off",
            household_size=3,
            annual_household_income=D("36000"),
            local_minimum_living_line=D("800"),
            status="open",
            opened_on=dt.date(2023, 5, 1),
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(NEW)
    file = HardshipFile.objects.get()
    file.full_clean()  # still valid under every new rule
    assert (file.annual_household_income, file.income_sources_total, file.has_income_sources) == (
        D("36000"),
        D("0"),
        False,
    )
    assert (file.housing, file.health, file.medical_insurance, file.zero_employment) == ("", "", "", False)
    assert file.family_members.count() == 0
    assert file.monthly_per_capita_income == D("1000.00") and file.below_minimum_living_line is False
    suggestion = suggestion_for_file(file)
    assert (suggestion.category, suggestion.differs_from(file.category)) == ("relative", True)
