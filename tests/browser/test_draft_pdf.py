"""A clerk downloads a draft summary's PDF: the page says 排队中 while the task waits for a
worker, refreshes itself, and the download starts by itself once the worker has printed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reports import services
from reports.models import DraftPdfJob
from tests.background.conftest import _database_work_off
from tests.reports.pdfs import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_waits_for_the_draft_pdf_and_it_downloads_by_itself(open_page, clerk, union, settings):
    settings.TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    report = services.report_start(union=union, year=2025, actor=None)
    section = report.sections.get(key="plans")
    services.section_save(
        section=section,
        heading=section.heading,
        included=True,
        use_generated=False,
        staff_text="明年继续做好职工服务。",
        figures={},
    )

    page = open_page(clerk)
    page.goto(f"/u/{union.code}/reports/{report.pk}/")
    page.get_by_role("link", name="下载 PDF").first.click()
    expect(page.get_by_test_id("pdf-status")).to_contain_text("排队中")
    assert DraftPdfJob.objects.get(report=report).status == "pending"

    with page.expect_download(timeout=30_000) as download:
        _database_work_off()  # the worker prints; the page's next refresh starts the download
    assert "明年继续做好职工服务" in pdf_text(download.value.path().read_bytes())
    expect(page.get_by_test_id("pdf-status")).to_contain_text("完成")
    expect(page.get_by_role("link", name="下载 PDF")).to_be_visible()
