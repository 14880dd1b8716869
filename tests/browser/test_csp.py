"""Under the Content-Security-Policy nothing the pages need is blocked, and what used to be
inline script (confirm before a delete, a year select that submits itself) still works."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.activities.factories import ActivityFactory, ActivityPhotoFactory
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects every CSP violation of a page (the init script itself is not subject to the CSP).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate("window.__violations || []")


def test_pages_run_without_csp_violations(open_page, admin_user, union):
    MemberFactory(union=union, name="林晓燕")
    activity = ActivityFactory(union=union, title="职工运动会")
    ActivityPhotoFactory(activity=activity)
    page = open_page(admin_user)
    page.context.add_init_script(WATCH)
    urls = [
        reverse("unions:home", args=[union.code]),
        reverse("members:list", args=[union.code]),
        reverse("welfare:disbursement-create", args=[union.code]),
        reverse("activities:activity-detail", args=[union.code, activity.pk]),
        reverse("workbook:rollup", args=[union.code]),
        reverse("workbook:signing-keys", args=[union.code]),
    ]
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        assert _violations(page) == [], url
    # Bootstrap's script still runs: the user menu opens.
    page.locator("a.dropdown-toggle").last.click()
    expect(page.get_by_role("link", name="修改密码")).to_be_visible()
    assert _violations(page) == []


def test_the_year_select_submits_itself(open_page, admin_user, union):
    page = open_page(admin_user)
    page.goto(reverse("workbook:rollup", args=[union.code]))
    select = page.locator("select[data-autosubmit]")
    options = select.locator("option").all()
    assert len(options) > 1
    year = options[1].get_attribute("value")
    select.select_option(year)
    page.wait_for_url(re.compile(rf"year={year}"))


def test_deleting_a_photo_asks_first(open_page, clerk, union):
    activity = ActivityFactory(union=union, title="职工运动会")
    ActivityPhotoFactory(activity=activity)
    page = open_page(clerk)
    page.goto(reverse("activities:activity-detail", args=[union.code, activity.pk]))
    asked: list[str] = []

    def dismiss(dialog):  # type: ignore[no-untyped-def]
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.locator("form[data-confirm] button[type=submit]").first.click()
    assert asked == ["确定删除这张照片吗？"]
    assert activity.photos.count() == 1  # dismissed: nothing deleted
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[data-confirm] button[type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("已删除照片")).to_be_visible()
