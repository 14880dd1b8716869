"""A clerk brings last year's disbursement ledger in, in a real browser: the union's own
headers, a namesake resolved in the preview, then the whole year written as paid."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.factories import BranchFactory, MemberFactory
from welfare.choices import DisbursementStatus
from welfare.models import Disbursement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ledger(year: int) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = f"{year}年帮扶慰问台账"
    sheet.append([f"{year}年度帮扶慰问发放台账"])  # a title row above the header, as unions write
    sheet.append(["序号", "发放日期", "慰问类型", "受助人", "所在分会", "慰问金", "经费来源", "审批人"])
    for month in range(1, 13):
        who, branch = ("李强", "一车间") if month % 2 else ("陈静", None)
        sheet.append(
            [month, dt.date(year, month, 10), "生活救助", who, branch, 500 + month, "工会经费", "张主席"]
        )
    sheet.append(
        [13, dt.date(year, 12, 20), "大病救助", "王芳", None, 3000, "工会经费", "张主席"]
    )  # two 王芳
    sheet.append(["合计", None, None, None, None, 12 * 500 + 78 + 3000, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_year_of_disbursements_with_a_namesake_resolved_in_the_preview(open_page, clerk, union):
    one, two = BranchFactory(union=union, name="一车间"), BranchFactory(union=union, name="二车间")
    MemberFactory(union=union, name="王芳", branch=one)
    fang = MemberFactory(union=union, name="王芳", branch=two)
    MemberFactory(union=union, name="李强", branch=one)
    MemberFactory(union=union, name="陈静", branch=two)
    year = dt.date.today().year - 1

    page = open_page(clerk)
    page.get_by_role("link", name="导入台账").first.click()
    page.get_by_role("row", name=re.compile("帮扶慰问发放")).get_by_role("link", name="上传导入").click()
    page.set_input_files(
        "input[type=file]",
        files=[{"name": f"{year}年慰问台账.xlsx", "mimeType": XLSX, "buffer": _ledger(year)}],
    )
    page.get_by_role("button", name="上传并预览").click()

    # The preview asks about the one ambiguous row and offers no confirmation until answered.
    expect(page.get_by_text(re.compile("有 1 行中的姓名有同名会员"))).to_be_visible()
    expect(page.locator("#confirm-import")).to_have_count(0)
    expect(page.get_by_text("第 15 行")).to_be_visible()  # the title row and header come first
    page.get_by_label(re.compile("王芳｜二车间")).check()
    page.get_by_role("button", name="确认所选人员").click()

    expect(page.get_by_text(re.compile("已确认 1 项选择"))).to_be_visible()
    page.locator("#confirm-import").click()
    expect(page.get_by_text(re.compile("导入完成：新增帮扶慰问发放 13 条"))).to_be_visible()

    records = Disbursement.objects.filter(union=union)
    assert records.count() == 13
    assert {r.status for r in records} == {DisbursementStatus.PAID}  # a past year comes in as paid
    assert records.get(cash_amount=3000).member == fang
    assert sorted(r.date.month for r in records.filter(kind="living")) == list(range(1, 13))
