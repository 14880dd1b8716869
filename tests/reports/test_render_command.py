from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from activities.choices import ActivityCategory
from reports.services import report_finalise, report_start
from tests.activities.factories import ActivityFactory
from tests.reports.pdfs import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(union):
    ActivityFactory(
        union=union, category=ActivityCategory.SPORTS_CULTURE, start_date=dt.date(2025, 4, 1), participants=77
    )
    return report_start(union=union, year=2025, actor=None)


def test_it_renders_the_draft_as_pdf_and_html(draft, union, tmp_path):
    call_command("render_report", union=union.code, year=2025, format="pdf", output=str(tmp_path / "r.pdf"))
    assert "参与职工77人次" in pdf_text((tmp_path / "r.pdf").read_bytes())
    call_command("render_report", union=union.code, year=2025, format="html", output=str(tmp_path / "r.html"))
    assert "参与职工77人次" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_final_gives_the_stored_pdf(draft, union, leader, tmp_path):
    final = report_finalise(report=draft, actor=leader)
    call_command(
        "render_report", union=union.code, year=2025, format="pdf", output=str(tmp_path / "f.pdf"), final=True
    )
    final.pdf.open("rb")
    assert (tmp_path / "f.pdf").read_bytes() == final.pdf.read()


def test_it_says_what_is_missing(union, tmp_path):
    with pytest.raises(CommandError, match="没有草稿总结"):
        call_command("render_report", union=union.code, year=2025, output=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="没有代码为 nope 的工会"):
        call_command("render_report", union="nope", year=2025, output=str(tmp_path / "x.pdf"))
