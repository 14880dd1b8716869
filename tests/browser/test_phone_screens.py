"""Phone-sized screens (issue #13 item 7), in Chromium at 390 × 844 px: the approval queue,
record entry and the summary preview fit the screen's width (no horizontal scrolling), names
keep their width, and the approve action is reachable without scrolling past the rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from audit.context import acting_as
from tests.factories import BranchFactory, MemberFactory
from tests.reports.printed import demo_like_report
from tests.welfare.factories import DisbursementFactory
from welfare.choices import DisbursementStatus
from welfare.models import Disbursement
from welfare.services import disbursement_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(open_page):
    def _open(user):
        page = open_page(user)
        page.set_viewport_size(PHONE)
        return page

    return _open


def assert_fits(page, what: str) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]"
    )
    assert widths[2] == PHONE["width"]
    assert widths[0] <= PHONE["width"] and widths[1] <= PHONE["width"], (what, widths)


def test_the_approval_queue_on_a_phone(phone, clerk, leader, union):
    branch = BranchFactory(union=union, name="机械加工一分会")
    names = ["欧阳建国", "司马慧敏"] + [f"职工{i:02d}" for i in range(58)]
    with acting_as(clerk):
        for name in names:
            record = DisbursementFactory(
                union=union,
                member=MemberFactory(union=union, name=name, branch=branch),
                date=dt.date.today(),
                kind="festival",
                festival="spring",
                goods_description="米、油",
            )
            disbursement_submit(disbursement=record, actor=clerk)

    page = phone(leader)
    page.goto(f"/u/{union.code}/welfare/disbursement/pending/")
    expect(page.get_by_test_id("pending-table")).to_be_visible()
    assert_fits(page, "approval queue")

    # A name stays on one line: as wide as its characters, one line high.
    name = page.get_by_test_id("recipient").first
    box = name.bounding_box()
    size = page.evaluate("el => parseFloat(getComputedStyle(el).fontSize)", name.element_handle())
    assert box["height"] < 2 * size, box  # one line, not four
    assert box["width"] >= 3.5 * size, box  # four characters side by side

    # The bar with 审批通过所选 is on screen at the top of the page, before any scrolling ...
    bar = page.get_by_test_id("decide-bar")
    approve_selected = bar.get_by_role("button", name="审批通过所选")
    bar_box = approve_selected.bounding_box()
    assert bar_box["y"] >= 0 and bar_box["y"] + bar_box["height"] <= PHONE["height"], bar_box
    assert bar_box["x"] + bar_box["width"] <= PHONE["width"]
    # ... and each row has its own 通过 within the screen's width.
    first = page.get_by_test_id("approve-one").first
    first_box = first.bounding_box()
    assert first_box["x"] >= 0 and first_box["x"] + first_box["width"] <= PHONE["width"]

    # Tick two and approve from the bar at once; then one row by its own button.
    boxes = page.locator("input[name=ids]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    approve_selected.click()
    expect(page.get_by_role("alert").first).to_contain_text("已审批通过 2 条记录")
    assert Disbursement.objects.filter(status=DisbursementStatus.APPROVED).count() == 2
    page.get_by_test_id("approve-one").first.click()
    expect(page.get_by_role("alert").first).to_contain_text("已审批通过")
    assert Disbursement.objects.filter(status=DisbursementStatus.APPROVED).count() == 3
    assert_fits(page, "approval queue after approving")


def test_record_entry_on_a_phone(phone, clerk, union):
    MemberFactory(union=union, name="欧阳建国", branch=BranchFactory(union=union, name="装配分会"))
    page = phone(clerk)
    for path in (
        "welfare/disbursement/new/",
        "welfare/batch/new/",
        "welfare/hardship/new/",
        "activities/activity/new/",
        "members/new/",
        "welfare/disbursement/",
    ):
        page.goto(f"/u/{union.code}/{path}")
        assert_fits(page, path)
        for field in page.locator("form input:visible, form select:visible, form textarea:visible").all():
            box = field.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (path, box)

    # A payout entered on the phone, end to end.
    page.goto(f"/u/{union.code}/welfare/disbursement/new/")
    page.select_option("#id_kind", "sickness")
    page.fill("#id_recipient_name", "张大爷")
    page.fill("#id_cash_amount", "800")
    page.select_option("#id_funding_source", "union_funds")
    save = page.get_by_role("button", name="保存")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"]
    save.click()
    expect(page.get_by_role("heading", name=re.compile("张大爷"))).to_be_visible()
    assert_fits(page, "disbursement detail")


def test_the_summary_preview_on_a_phone(phone, leader, union):
    report = demo_like_report(union)
    page = phone(leader)
    page.goto(f"/u/{union.code}/reports/{report.pk}/preview/")
    expect(page.locator(".paper")).to_be_visible()
    assert_fits(page, "summary preview")
    paper = page.locator(".paper").bounding_box()
    assert paper["x"] >= 0 and paper["x"] + paper["width"] <= PHONE["width"]
    text = page.locator(".paper p").first.bounding_box()
    assert text["width"] >= 300  # the text uses the screen, not a shrunken A4 sheet
    expect(page.get_by_role("link", name="下载 PDF")).to_be_in_viewport()
