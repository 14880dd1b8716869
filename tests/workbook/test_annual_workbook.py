"""The annual workbook as the higher-level union receives it, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import Activity
from audit.models import AuditEntry
from democracy.models import CollectiveContract, Congress, Disclosure, Proposal
from funds.models import FundEntry
from funds.selectors import fund_summary
from members.id_numbers import mask
from members.selectors import members_at
from reports.sections import BY_KEY as SECTIONS
from reports.sections import SectionContext
from rights.models import LegalAid, MediationCase, Petition
from welfare.models import Disbursement, HardshipFile
from workbook.indicators import INDICATORS

from .conftest import FORMULA_NAME, FULL_ID, Y, blocks, read, sheet_values, table, totals_row

pytestmark = pytest.mark.django_db

SHEETS = [
    "封面",
    "统计指标",
    "会员花名册",
    "困难职工档案",
    "帮扶慰问台账",
    "活动台账",
    "职代会与提案",
    "厂务公开",
    "集体合同",
    "维权台账",
    "宣传教育",
    "职工之家",
    "劳模关爱",
    "安全检查",
    "创新成果",
    "经费收支",
    "经费收缴",
    "说明",
]


@pytest.fixture
def exported(admin_client_, records):
    response = admin_client_.post(reverse("workbook:export", args=[records.union.code]), {"year": Y})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return read(b"".join(response.streaming_content))


def _indicators(book) -> dict[str, object]:
    return sheet_values(book["统计指标"])


def _report_figures(records) -> dict[str, object]:
    ctx = SectionContext(records.union, records.period)
    figures = {}
    for key in ("organisation", "democracy", "rights", "welfare", "competition", "funds", "women"):
        figures.update({label: f.value for label, f in SECTIONS[key].figures(ctx).items()})
    return figures


def test_sheets_come_in_order_with_chinese_names(exported):
    assert exported.sheetnames == SHEETS


def test_ledger_headers(exported):
    assert table(exported["会员花名册"])[0][:7] == [
        "序号",
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "身份证号",
        "手机",
    ]
    assert "会籍状态" in table(exported["会员花名册"])[0]
    assert table(exported["困难职工档案"])[0][:5] == ["序号", "姓名", "身份证号", "分会", "困难类别"]
    assert table(exported["帮扶慰问台账"])[0][8:12] == [
        "现金（元）",
        "慰问物品",
        "物品折价（元）",
        "合计（元）",
    ]
    assert table(exported["活动台账"])[0][6:9] == ["参加人次", "其中女职工人次", "经费（元）"]
    assert table(exported["厂务公开"])[0] == ["公开日期", "公开事项", "公开形式", "公开内容"]
    assert table(exported["集体合同"])[0][:3] == ["合同名称", "合同类型", "签订日期"]
    assert set(blocks(exported["职代会与提案"])) == {"职工代表大会", "提案"}
    assert set(blocks(exported["维权台账"])) == {"劳动争议调解", "法律援助", "来信来访"}
    assert set(blocks(exported["经费收支"])) == {"收支汇总", "收支明细"}
    for name in SHEETS:
        assert exported[name].freeze_panes in ("A2", "A3"), name


def test_row_counts_equal_the_records(exported, records):
    union, period = records.union, records.period
    live = {"union": union, "voided_at__isnull": True}
    assert len(table(exported["会员花名册"])[1]) == members_at(union=union, day=period.end).count() == 8
    assert len(table(exported["困难职工档案"])[1]) == HardshipFile.objects.filter(**live).count() == 2
    counted = Disbursement.objects.filter(**live, status__in=["approved", "paid"], date__year=Y).count()
    assert len(table(exported["帮扶慰问台账"])[1]) == counted == 3
    assert (
        len(table(exported["活动台账"])[1])
        == Activity.objects.filter(**live, start_date__year=Y).count()
        == 2
    )
    meetings = blocks(exported["职代会与提案"])
    assert len(meetings["职工代表大会"][1]) == Congress.objects.filter(**live).count() == 1
    assert len(meetings["提案"][1]) == Proposal.objects.filter(**live).count() == 2
    assert len(table(exported["厂务公开"])[1]) == Disclosure.objects.filter(**live).count() == 2
    assert len(table(exported["集体合同"])[1]) == CollectiveContract.objects.filter(**live).count() == 2
    rights = blocks(exported["维权台账"])
    assert len(rights["劳动争议调解"][1]) == MediationCase.objects.filter(**live).count()
    assert len(rights["法律援助"][1]) == LegalAid.objects.filter(**live).count()
    assert len(rights["来信来访"][1]) == Petition.objects.filter(**live).count()
    entries = blocks(exported["经费收支"])["收支明细"][1]
    assert len(entries) == FundEntry.objects.filter(**live, date__year=Y).count() == 3
    assert len(sheet_values(exported["统计指标"])) == len(INDICATORS)


def test_indicators_equal_the_annual_reports_figures(exported, records):
    values, report = _indicators(exported), _report_figures(records)
    assert values["members"] == report["会员总数"] == 8
    assert values["members_women"] == report["女会员"]
    assert values["members_migrant"] == report["农民工会员"] == 1
    assert values["members_joined"] == report["新发展会员"] == 1
    assert values["members_left"] == report["减少会员"] == 1
    assert Decimal(str(values["welfare_total"])) == report["帮扶金额"] == Decimal("4000.75")
    assert values["welfare_person_times"] == report["帮扶人次"] == 3
    assert values["welfare_households"] == report["帮扶人数"] == 3  # distinct recipients: persons
    assert Decimal(str(values["funds_income"])) == report["经费收入"] == Decimal("100000.40")
    assert Decimal(str(values["funds_spending"])) == report["经费支出"]
    assert values["contract_workers"] == report["覆盖职工"] == 300
    assert values["contracts"] == report["有效合同"] == 2
    assert values["contracts_women"] == report["女职工专项合同"] == 1
    assert values["competition_participants"] == report["劳动竞赛人次"] == 120
    assert values["congresses"] == report["职代会次数"] and values["delegates"] == report["代表总数"] == 50
    assert values["proposals"] == report["提案数"] == 2
    assert values["disclosures"] == report["公开事项"] == 2
    assert values["hardship_open"] == report["在档困难职工"] == 2 and values["hardship_deep"] == 1
    assert (
        values["mediation_cases"] == report["调解案件"]
        and Decimal(str(values["recovered"])) == report["追回金额"]
    )
    assert values["cadres"] == report["工会干部"] == 2
    assert (
        (values["cadres_full_time"], values["cadres_part_time"])
        == (report["专职工会干部"], report["兼职工会干部"])
        == (1, 1)
    )


def test_totals_equal_the_reports_figures(exported, records):
    report = _report_figures(records)
    welfare = totals_row(exported["帮扶慰问台账"])
    assert Decimal(str(welfare[8])) == report["慰问金"] == Decimal("3800.25")
    assert Decimal(str(welfare[10])) == report["慰问品折价"] == Decimal("200.50")
    assert Decimal(str(welfare[11])) == report["帮扶金额"]
    activities = totals_row(exported["活动台账"])
    assert activities[6] == 180 and activities[7] == 70
    assert Decimal(str(activities[8])) == Decimal("9234.56")
    summary = blocks(exported["经费收支"])["收支汇总"][2]
    funds = fund_summary(union=records.union, period=records.period)
    assert Decimal(str(summary[1])) == report["经费收入"] == funds.income_total
    assert Decimal(str(summary[2])) == report["经费支出"] == funds.spending_total
    entries_total = blocks(exported["经费收支"])["收支明细"][2]
    assert Decimal(str(entries_total[5])) == funds.income_total


def test_id_numbers_are_text_with_all_18_characters_for_admins(exported, records):
    sheet = exported["会员花名册"]
    header, rows = table(sheet)
    column = header.index("身份证号")
    row_of = {row[1]: index + 2 for index, row in enumerate(rows)}
    cell = sheet.cell(row_of["长身份证"], column + 1)
    assert (
        cell.value == FULL_ID
        and len(cell.value) == 18
        and cell.data_type == "s"
        and cell.number_format == "@"
    )
    for index in range(len(rows)):
        number = sheet.cell(index + 2, column + 1)
        assert isinstance(number.value, str) and len(number.value) == 18 and "*" not in number.value
    hardship = exported["困难职工档案"]
    assert FULL_ID in [r[2] for r in table(hardship)[1]]


def test_dates_are_dates_and_money_is_numbers(exported, records):
    sheet = exported["会员花名册"]
    header, rows = table(sheet)
    joined = sheet.cell(2, header.index("入会时间") + 1)
    assert joined.is_date and isinstance(joined.value, dt.datetime)
    welfare = exported["帮扶慰问台账"]
    assert welfare["A2"].is_date and welfare["A2"].value == dt.datetime(Y, 1, 20)
    assert welfare["I2"].value == 500 and welfare["I2"].number_format == "#,##0.00"
    assert welfare["K2"].value == 200.5 and welfare["K2"].data_type == "n"


def test_a_formula_name_is_stored_as_inert_text(exported):
    sheet = exported["会员花名册"]
    cells = [row[1] for row in sheet.iter_rows(min_row=2) if row[1].value == FORMULA_NAME]
    assert len(cells) == 1
    assert cells[0].data_type == "s" and cells[0].quotePrefix
    activity = [row[3] for row in exported["活动台账"].iter_rows(min_row=2) if row[3].value == "-篮球赛"]
    assert activity and activity[0].quotePrefix and activity[0].data_type == "s"


def test_the_about_sheet_names_the_union_and_period(exported, records):
    items = {row[0]: row[1] for row in exported["说明"].iter_rows(min_row=2, values_only=True)}
    assert items["系统"] == "工会年报" and items["格式版本"] == "3"
    # The unit's kind from its year profile (ProfileFactory: 私营企业), read back by an import.
    assert items["单位类型"] == "私营企业"
    # The year as text: a number cell formatted as a count read "2,025".
    assert items["工会代码"] == records.union.code and items["统计年度"] == str(Y)
    assert items["统计期间起"] == dt.datetime(Y, 1, 1) and items["身份证号"] == "完整"
    assert len(items["指标校验码"]) == 64


def test_every_export_is_in_the_audit_log(admin_client_, admin_user, records):
    admin_client_.post(reverse("workbook:export", args=[records.union.code]), {"year": Y})
    entry = AuditEntry.objects.get(action="workbook.exported")
    assert entry.union == records.union and entry.actor == admin_user
    assert entry.changes["year"] == Y and entry.changes["full_ids"] is True
    assert entry.changes["sheets"]["会员花名册"] == 8 and entry.changes["sheets"]["帮扶慰问台账"] == 3
    assert entry.action_label == "导出年报工作簿"


def test_the_admin_may_mask_id_numbers(admin_client_, records):
    response = admin_client_.post(
        reverse("workbook:export", args=[records.union.code]), {"year": Y, "masked": "on"}
    )
    book = read(b"".join(response.streaming_content))
    header, rows = table(book["会员花名册"])
    numbers = [row[5] for row in rows]
    assert mask(FULL_ID) in numbers and FULL_ID not in numbers
    assert all(n.startswith("*" * 14) for n in numbers)
    # Birth years only: a full date would narrow the hidden digits down again.
    assert header[4] == "出生年份" and "1949年" in [row[4] for row in rows]
    assert all(isinstance(row[4], str) and row[4].endswith("年") for row in rows)
    items = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert items["身份证号"].startswith("已脱敏")
    assert AuditEntry.objects.get(action="workbook.exported").changes["full_ids"] is False


def test_the_export_page_offers_the_years(admin_client_, union):
    response = admin_client_.get(reverse("workbook:export", args=[union.code]))
    assert response.status_code == 200
    assert "导出 Excel 工作簿" in response.content.decode()
    assert "身份证号脱敏" in response.content.decode()


def test_the_indicator_page_shows_the_figures(clerk_client, records):
    response = clerk_client.get(reverse("workbook:indicators", args=[records.union.code]), {"year": Y})
    text = response.content.decode()
    assert response.status_code == 200
    assert "会员人数" in text and "8人" in text and "4000.75元" in text
