"""The product's main journeys, clicked through in a real browser."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from members.id_numbers import compose
from members.importing.columns import COLUMNS
from members.models import Member
from tests.factories import BranchFactory, MemberFactory
from welfare.models import Disbursement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _roster_file(rows: list[dict[str, str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    headers = [column.header for column in COLUMNS]
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_clerk_imports_a_roster_adds_a_member_and_a_disbursement(open_page, clerk, union):
    BranchFactory(union=union, name="机加分会")
    page = open_page(clerk)
    expect(page.get_by_role("heading", name=re.compile("工作概况"))).to_be_visible()

    # Import a roster of two people.
    page.get_by_role("link", name="会员花名册").first.click()
    page.get_by_role("link", name="从 Excel 导入").click()
    rows = [
        {
            "姓名": "林晓燕",
            "身份证号": compose("330102", dt.date(1990, 5, 6), 124),
            "入会时间": "2020-01-01",
            "分会": "机加分会",
        },
        {
            "姓名": "高建军",
            "身份证号": compose("330102", dt.date(1985, 2, 3), 135),
            "入会时间": "2019-03-01",
            "分会": "机加分会",
        },
    ]
    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "花名册.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": _roster_file(rows),
            }
        ],
    )
    page.get_by_role("button", name="上传并预览").click()
    expect(page.get_by_text("林晓燕").first).to_be_visible()
    page.get_by_role("button", name=re.compile("确认导入")).click()
    page.wait_for_load_state()
    assert set(Member.objects.filter(union=union).values_list("name", flat=True)) == {"林晓燕", "高建军"}

    # Add a member by hand; birth date and gender come from the ID number.
    page.goto(f"/u/{union.code}/members/new/")
    page.fill("#id_name", "赵雨涵")
    page.fill("#id_id_number", compose("330106", dt.date(1995, 8, 9), 246))
    page.fill("#id_joined_on", "2021-06-01")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name=re.compile("赵雨涵"))).to_be_visible()
    assert Member.objects.get(name="赵雨涵").gender == "F"

    # A disbursement for her, picked with the type-ahead member picker, then submitted.
    page.goto(f"/u/{union.code}/welfare/disbursement/new/")
    page.fill("#id_date", "2025-06-01")
    page.select_option("#id_kind", label="住院/生病慰问")
    page.select_option("#id_funding_source", label="工会经费")
    page.fill("#id_cash_amount", "800")
    page.locator(".member-picker-input").first.fill("赵雨")
    page.locator(".member-picker-results button", has_text="赵雨涵").click()
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="提交审批").click()
    expect(page.get_by_test_id("status")).to_contain_text("待审批")
    record = Disbursement.objects.get(member__name="赵雨涵")
    assert record.status == "submitted" and record.submitted_by == clerk


def test_a_leader_approves_edits_finalises_and_downloads_the_report(open_page, leader, clerk, union):
    from tests.activities.factories import ActivityFactory
    from tests.welfare.factories import DisbursementFactory

    year = dt.date.today().year
    member = MemberFactory(union=union, name="钱志强", joined_on=dt.date(2010, 1, 1))
    record = DisbursementFactory(
        union=union, member=member, date=dt.date(year, 1, 5), status="submitted", submitted_by=clerk
    )
    ActivityFactory(union=union, title="职工篮球赛", start_date=dt.date(year, 1, 10), participants=64)
    # The year profile (职工人数), so the return's logic checks pass and 定稿 goes straight on.
    from tests.profiles.factories import ProfileFactory

    ProfileFactory(union=union, year=year)

    page = open_page(leader)
    page.goto(f"/u/{union.code}/welfare/disbursement/{record.pk}/")
    page.get_by_role("button", name="审批通过").click()
    expect(page.get_by_test_id("status")).to_contain_text("已审批")

    page.get_by_role("link", name="年度总结").click()
    page.select_option("#id_period", str(year))
    page.get_by_role("button", name="开始撰写总结").click()
    expect(page.get_by_role("heading", name=re.compile("工作总结"))).to_be_visible()
    page.locator("li", has_text="存在的问题和不足").get_by_role("link", name="编辑").click()
    page.fill("#id_staff_text", "职工文化阵地建设仍需加强。")
    page.get_by_role("button", name="保存").click()

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="定稿").click()
    expect(page.get_by_text("本总结已于")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 PDF").first.click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")

    from tests.reports.pdfs import pdf_text

    text = pdf_text(pdf)
    assert "职工文化阵地建设仍需加强" in text and "参与职工64人次" in text


def test_a_county_user_sees_subordinates_and_cannot_edit(open_page, county_user, county, union):
    member = MemberFactory(union=union, name="孙丽")
    page = open_page(county_user)
    expect(page.get_by_role("link", name=union.name).first).to_be_visible()
    page.get_by_role("link", name=union.name).first.click()
    expect(page.get_by_text("您以上级工会身份只读查看本工会的数据")).to_be_visible()
    page.get_by_role("link", name="会员花名册").first.click()
    expect(page.get_by_role("link", name="添加会员")).to_have_count(0)
    page.goto(f"/u/{union.code}/members/{member.pk}/edit/")
    expect(page.get_by_text("您没有执行此操作的权限")).to_be_visible()


def test_anonymous_visitors_are_sent_to_the_login_page(open_page, union):
    page = open_page(None)
    page.goto(f"/u/{union.code}/members/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("heading", name="登录工会年报")).to_be_visible()


def test_an_admin_downloads_the_workbook(open_page, admin_user, union):
    member = MemberFactory(union=union, name="周海燕", joined_on=dt.date(2012, 3, 1))
    page = open_page(admin_user)
    page.get_by_role("button", name="统计年报").click()
    page.get_by_role("link", name="导出年报工作簿").click()
    # No year profile, so no 职工人数: the logic checks stop the export until it is accepted.
    expect(page.get_by_text("职工人数为0").first).to_be_visible()
    page.get_by_role("button", name="导出 Excel 工作簿").click()
    expect(page.get_by_text(re.compile(r"逻辑检查有\d+项错误")).first).to_be_visible()
    page.get_by_label("已核对：逻辑检查的错误属实，仍然导出").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="导出 Excel 工作簿").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download_info.value.path().read_bytes()), read_only=True)
    assert workbook.sheetnames[:2] == ["封面", "统计指标"] and "会员花名册" in workbook.sheetnames
    cells = [c for row in workbook["会员花名册"].iter_rows(values_only=True) for c in row]
    assert "周海燕" in cells and member.id_number in cells  # admins get full ID numbers, as text


def test_a_county_user_sees_the_roll_up(open_page, county_user, county, union, other_union):
    MemberFactory.create_batch(3, union=union, joined_on=dt.date(2012, 3, 1))
    MemberFactory.create_batch(2, union=other_union, joined_on=dt.date(2012, 3, 1))
    page = open_page(county_user)  # a county keeps no roster: it lands on the roll-up
    expect(page).to_have_url(re.compile(r"/workbook/rollup/"))
    expect(page.get_by_role("heading", name=re.compile("汇总"))).to_be_visible()
    expect(page.get_by_test_id("todos")).to_be_visible()
    expect(page.get_by_text(union.name).first).to_be_visible()
    expect(page.get_by_text(other_union.name).first).to_be_visible()
