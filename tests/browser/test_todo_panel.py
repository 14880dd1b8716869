"""The to-do panel, clicked through in a real browser (issue #13 item 3): a clerk sees the
payout a leader returned, opens it from the panel, and a leader sees what waits for them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from audit.context import acting_as
from tests.welfare.factories import DisbursementFactory
from welfare.services import disbursement_reject, disbursement_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_finds_a_returned_payout_on_the_home_page_and_a_leader_the_queue(
    open_page, clerk, leader, union
):
    clerk.first_name, leader.first_name = "李明", "王芳"
    clerk.save(), leader.save()
    with acting_as(clerk):
        returned = disbursement_submit(
            disbursement=DisbursementFactory(union=union, date=dt.date.today()), actor=clerk
        )
        disbursement_submit(disbursement=DisbursementFactory(union=union, date=dt.date.today()), actor=clerk)
    disbursement_reject(disbursement=returned, actor=leader, reason="缺少签收单")

    page = open_page(clerk)
    panel = page.get_by_test_id("todos")
    expect(panel).to_contain_text("退回给我的发放")
    expect(panel.locator("[data-todo=returned] [data-testid=todo-count]")).to_have_text("1")
    panel.get_by_role("link", name=re.compile("缺少签收单")).click()
    expect(page.get_by_test_id("status")).to_contain_text("王芳")
    expect(page.get_by_test_id("status")).to_contain_text("缺少签收单")

    page = open_page(leader)
    panel = page.get_by_test_id("todos")
    expect(panel.locator("[data-todo=approvals] [data-testid=todo-count]")).to_have_text("1")
    panel.get_by_role("link", name=re.compile("等待我审批")).click()
    expect(page).to_have_url(re.compile(r"/welfare/disbursement/pending/$"))
    expect(page.locator("main")).to_contain_text("李明")
