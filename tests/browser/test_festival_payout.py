"""A festival payout for the whole union, clicked through in a real browser (issue #13 item 2):
the admin sets the 春节 standard and a yearly cap; the clerk takes every current member in one
batch, is warned that the amount passes the standard and that one member passes the cap,
confirms, and prints the 签收表 per branch as PDF and xlsx."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pdfplumber
import pytest
from playwright.sync_api import expect

from tests.factories import BranchFactory, MemberFactory
from tests.welfare.factories import DisbursementFactory
from welfare.models import DisbursementBatch, WelfareStandard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_festival_batch_for_the_whole_union_with_standards_and_sign_sheets(
    open_page, admin_user, clerk, union
):
    branches = [BranchFactory(union=union, name=n) for n in ("机加分会", "装配分会", "后勤分会")]
    for i in range(30):
        MemberFactory(union=union, name=f"职工{i:02d}", branch=branches[i % 3])
    # 职工00 had 800 of festival comfort this year already (端午); the cap will be 1,200.
    today = dt.date.today()
    DisbursementFactory(
        union=union,
        member=union.members.get(name="职工00"),
        kind="festival",
        festival="dragon_boat",
        date=today.replace(month=1, day=1),
        cash_amount=Decimal("800"),
    )

    # The admin sets the standard: 春节 500 a person, at most 1,200 of festival comfort a year.
    page = open_page(admin_user)
    page.goto(f"/u/{union.code}/welfare/standard/")
    page.get_by_role("link", name="新增慰问标准").click()
    page.select_option("#id_kind", "festival")
    page.select_option("#id_festival", "spring")
    page.fill("#id_standard_amount", "500")
    page.get_by_role("button", name="保存").click()
    page.goto(f"/u/{union.code}/welfare/standard/new/")
    page.select_option("#id_kind", "festival")
    page.select_option("#id_festival", "")
    page.fill("#id_yearly_cap", "1200")
    page.fill("#id_notes", "省总工会〔2025〕1号")
    page.get_by_role("button", name="保存").click()
    assert WelfareStandard.objects.filter(union=union).count() == 2

    # The clerk: one batch for everyone, 600 a person.
    page = open_page(clerk)
    page.goto(f"/u/{union.code}/welfare/batch/new/")
    page.fill("#id_date", today.isoformat())
    page.select_option("#id_kind", "festival")
    page.select_option("#id_festival", "spring")
    page.fill("#id_cash_amount", "600")
    page.fill("#id_goods_value", "0")
    page.check("#id_everyone")
    page.get_by_role("button", name=re.compile("下一步")).click()
    expect(page.get_by_test_id("batch-summary")).to_contain_text("30")
    warnings = page.get_by_test_id("standard-warnings")
    expect(warnings).to_contain_text("超过节日慰问（春节）标准 500.00 元")
    expect(warnings).to_contain_text("职工00本年度已领节日慰问（全部节日） 800.00 元")

    # Confirming without the tick is refused; with it the 30 records are made.
    page.get_by_role("button", name=re.compile("确认录入")).click()
    expect(page.get_by_role("alert")).to_contain_text("金额超出慰问标准或每年上限")
    assert not DisbursementBatch.objects.exists()
    page.check("#id_over_ok")
    page.get_by_role("button", name=re.compile("确认录入")).click()
    expect(page.get_by_test_id("batch-summary")).to_contain_text("共 30 条")
    batch = DisbursementBatch.objects.get()
    assert batch.disbursements.count() == 30

    # The sign-off sheets: a PDF with one part per branch, and the workbook.
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=re.compile("打印签收表")).click()
    with pdfplumber.open(pdf_download.value.path()) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
    assert [
        next(b for b in ("机加分会", "装配分会", "后勤分会") if f"分会：{b}" in t) for t in texts
    ] == sorted(["机加分会", "装配分会", "后勤分会"])
    assert all("合计（10人）" in t and "6,000.00" in t and "签收人签字" in t for t in texts)

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name=re.compile("下载签收表")).click()
    # Playwright saves downloads without their name; openpyxl goes by the extension.
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_download.value.path().read_bytes()))
    assert sorted(book.sheetnames) == sorted(["机加分会", "装配分会", "后勤分会"])
