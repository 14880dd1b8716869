"""Staff text cannot hold a PDF worker (issue #9, item 10).

Text is bounded where it is saved (per section and per report, every path), and every PDF is
printed in a child process bounded in time and memory; past a bound the caller gets a
Chinese message, never a hung worker or a 500.
"""

from __future__ import annotations

import multiprocessing
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from reports import pdf
from reports.models import Report
from reports.services import report_start, report_update, section_save

pytestmark = pytest.mark.django_db

# What the product falls back to if the settings are missing (they are not, after the fix).
SECTION_LIMIT = 20_000

# On the code before the fix there is no such class: anything raised would do, and nothing is.
RenderFailed = getattr(pdf, "RenderFailed", Exception)


@pytest.fixture
def report(union) -> Report:
    return report_start(union=union, year=2025, actor=None)


def _save(report: Report, key: str, text: str) -> None:
    section = report.sections.get(key=key)
    section_save(
        section=section,
        heading=section.heading,
        included=True,
        use_generated=True,
        staff_text=text,
        figures={},
    )


def _text_of(report: Report, key: str) -> str:
    return report.sections.get(key=key).staff_text


def _pdf_children() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "pdf-render"]


def _long_html(chars: int) -> str:
    line = "职工之家建设、困难职工帮扶、劳动竞赛和民主管理各项工作扎实推进，会员满意度持续提高。"
    body = "".join(f"<p>{line}</p>" for _ in range(chars // len(line)))
    return (
        f'<html><head><link rel="stylesheet" href="static/css/gbt9704.css"></head><body>{body}</body></html>'
    )


# --- text limits --------------------------------------------------------------------------


def test_a_section_over_the_limit_is_refused_in_chinese_and_nothing_is_saved(report, settings):
    limit = getattr(settings, "REPORT_SECTION_MAX_CHARS", SECTION_LIMIT)
    _save(report, "problems", "字" * limit)  # up to the limit is fine
    with pytest.raises(ValidationError) as caught:
        _save(report, "problems", "超" * (limit + 1))
    assert "上限" in " ".join(caught.value.messages)
    assert _text_of(report, "problems") == "字" * limit


def test_the_section_form_shows_the_limit_and_saves_nothing(report, union, clerk_client, settings):
    limit = getattr(settings, "REPORT_SECTION_MAX_CHARS", SECTION_LIMIT)
    section = report.sections.get(key="plans")
    response = clerk_client.post(
        reverse("reports:section", args=[union.code, section.pk]),
        {
            "heading": section.heading,
            "included": "on",
            "use_generated": "on",
            "staff_text": "长" * (limit + 1),
        },
    )
    assert response.status_code == 200
    assert "上限" in response.content.decode()
    assert _text_of(report, "plans") == ""


def test_the_whole_report_is_bounded_across_sections_opening_and_closing(
    report, union, clerk_client, settings
):
    settings.REPORT_SECTION_MAX_CHARS = 1_000
    settings.REPORT_MAX_CHARS = 2_000
    report = report_update(report=report, closing="")  # a new report has a default closing
    opening = len(report.opening)
    _save(report, "problems", "问" * 1_000)
    room = 2_000 - opening - 1_000
    with pytest.raises(ValidationError) as caught:
        _save(report, "plans", "划" * (room + 1))
    assert "全文" in " ".join(caught.value.messages) and "上限" in " ".join(caught.value.messages)
    assert _text_of(report, "plans") == ""
    _save(report, "plans", "划" * room)  # exactly full

    with pytest.raises(ValidationError):
        report_update(report=Report.objects.get(pk=report.pk), closing="尾")
    assert Report.objects.get(pk=report.pk).closing == ""

    # The report form (opening, closing) says so too, and saves nothing.
    response = clerk_client.post(
        reverse("reports:edit", args=[union.code, report.pk]),
        {"title": report.title, "opening": report.opening, "closing": "结尾", "signature": "工会"},
    )
    assert response.status_code == 200 and "上限" in response.content.decode()
    assert Report.objects.get(pk=report.pk).closing == ""


# --- every render is bounded --------------------------------------------------------------


def test_a_render_past_the_time_limit_is_stopped_with_a_chinese_message(settings):
    pdf.render_pdf(_long_html(100))  # the child machinery is up: time only the render
    settings.PDF_RENDER_TIMEOUT_SECONDS = 1
    html = _long_html(600_000)  # about 20 s of layout unbounded
    started = time.monotonic()
    with pytest.raises(RenderFailed) as caught:
        pdf.render_pdf(html)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"stopped only after {elapsed:.1f} s"  # 1 s limit; slack for a loaded machine
    assert "秒" in caught.value.message and "已停止" in caught.value.message
    assert _pdf_children() == []  # killed, not left running


def test_a_render_past_the_memory_limit_fails_cleanly_and_the_next_one_works(settings):
    settings.PDF_RENDER_MAX_MEMORY_MB = 64
    started = time.monotonic()
    with pytest.raises(RenderFailed) as caught:
        pdf.render_pdf(_long_html(200_000))  # needs far more than 64 MB, whichever faces are installed
    assert time.monotonic() - started < 30
    assert "内存" in caught.value.message
    assert _pdf_children() == []
    settings.PDF_RENDER_MAX_MEMORY_MB = 1536
    assert pdf.render_pdf(_long_html(2_000)).startswith(b"%PDF")


def test_the_pdf_page_and_finalising_turn_a_stopped_render_into_a_message(
    report, union, leader_client, settings
):
    _save(report, "problems", "内容较多的一节。" * 2_000)  # 16,000 characters: allowed
    settings.PDF_RENDER_TIMEOUT_SECONDS = 0.2

    response = leader_client.get(reverse("reports:pdf", args=[union.code, report.pk]), follow=True)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "已停止" in response.content.decode()

    response = leader_client.post(reverse("reports:finalise", args=[union.code, report.pk]), follow=True)
    assert response.status_code == 200 and "已停止" in response.content.decode()
    report.refresh_from_db()
    assert not report.is_final and not report.pdf


def test_the_render_command_stops_with_a_chinese_error(report, union, settings, tmp_path):
    _save(report, "problems", "内容较多的一节。" * 2_000)
    settings.PDF_RENDER_TIMEOUT_SECONDS = 0.2
    with pytest.raises(CommandError, match="已停止"):
        call_command("render_report", union=union.code, year=2025, output=str(tmp_path / "r.pdf"))
