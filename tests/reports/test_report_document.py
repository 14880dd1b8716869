"""The annual summary from records to PDF: headings, exact figures, staff text, finalising."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pdfplumber
import pypdf
import pytest
from django.urls import reverse

from activities.choices import ActivityCategory
from reports.document import assemble
from reports.models import Report
from reports.pdf import render_pdf
from reports.sections import BY_KEY
from reports.services import (
    figures_changed,
    render_html,
    render_report_pdf,
    report_finalise,
    report_start,
    section_save,
)
from reports.squeeze import BLANK_RIGHT
from tests.activities.factories import ActivityFactory
from tests.factories import MemberFactory
from tests.reports.pdfs import pdf_text

pytestmark = pytest.mark.django_db
MM = 72 / 25.4  # points per millimetre


@pytest.fixture
def year_of_records(union):
    """Records for 2025 and 2024 in `union`, with the figures the test expects written out."""
    for _ in range(6):
        MemberFactory(union=union, gender="F", joined_on=dt.date(2015, 1, 1))
    for _ in range(4):
        MemberFactory(union=union, gender="M", joined_on=dt.date(2015, 1, 1))
    for _ in range(2):
        MemberFactory(union=union, gender="M", joined_on=dt.date(2025, 3, 1), is_migrant_worker=True)
    culture = ActivityCategory.SPORTS_CULTURE
    this_year = [
        ("春季篮球赛", 120, Decimal("20000")),
        ("演讲比赛", 80, Decimal("16000")),
        ("拔河比赛", 60, Decimal("0")),
    ]
    for i, (title, people, cost) in enumerate(this_year):
        ActivityFactory(
            union=union,
            category=culture,
            title=title,
            participants=people,
            women_participants=10,
            cost=cost,
            start_date=dt.date(2025, 3 + i, 10),
        )
    for people in (150, 50):
        ActivityFactory(
            union=union,
            category=culture,
            participants=people,
            women_participants=5,
            start_date=dt.date(2024, 6, 1),
        )
    voided = ActivityFactory(union=union, category=culture, participants=999, start_date=dt.date(2025, 7, 1))
    voided.void("录入错误")
    return {
        "members": 12,
        "women": 6,
        "migrant": 2,
        "joined": 2,
        "culture_count": 3,
        "culture_people": 260,
        "culture_people_before": 200,
        "culture_cost": Decimal("36000"),
    }


@pytest.fixture
def report(union, year_of_records):
    return report_start(union=union, year=2025, actor=None)


def test_the_pdf_states_each_heading_and_the_exact_figures(report, year_of_records):
    expected = year_of_records
    text = pdf_text(render_report_pdf(report))

    assert "测试机械厂工会2025年度工作总结" in text
    # Sections with records are numbered in order; sections without records are left out.
    assert "一、加强组织建设，壮大会员队伍" in text
    assert "二、丰富职工文化生活，增强队伍凝聚力" in text
    assert "深化劳动竞赛" not in text
    assert f"本会共有会员{expected['members']}人" in text
    share = Decimal(expected["women"] * 100) / expected["members"]
    assert (
        f"其中女会员{expected['women']}人，占{share.quantize(Decimal('0.1'))}%" in text
    )  # one precision: 50.0%
    # The opening states the year's headline figures; 组织建设 then does not repeat them.
    assert f"全年，本会新发展会员{expected['joined']}人" in text
    assert text.count(f"新发展会员{expected['joined']}人") == 1
    assert f"先后举办春季篮球赛、演讲比赛、拔河比赛，共{expected['culture_count']}次" in text
    assert f"参与职工{expected['culture_people']}人次" in text
    growth = (
        Decimal(expected["culture_people"] - expected["culture_people_before"])
        * 100
        / expected["culture_people_before"]
    )
    assert f"比上年增加60人次，增长{growth:.1f}%" in text  # 30.0%
    assert "投入经费3.6万元" in text
    assert "999" not in text  # the voided activity


def test_the_html_preview_and_the_pdf_say_the_same(report):
    html = render_html(assemble(report))
    pdf = pdf_text(render_report_pdf(report))
    for paragraph in re.findall(r"<p>(.*?)</p>", html):
        assert re.sub(r"\s+", "", paragraph) in pdf


def test_staff_text_survives_regeneration_and_changed_figures_are_shown(report, union):
    culture = report.sections.get(key="culture")
    figures = BY_KEY["culture"].figures(_ctx(report))
    section_save(
        section=culture,
        heading=culture.heading,
        included=True,
        use_generated=False,
        staff_text="## 职工文化\n我会全年举办文体活动【文体活动次数】，【文体活动人次同比】。",
        figures=figures,
    )
    ActivityFactory(
        union=union, category=ActivityCategory.SPORTS_CULTURE, participants=40, start_date=dt.date(2025, 9, 1)
    )

    culture.refresh_from_db()
    doc = assemble(report)
    blocks = next(s for s in doc.sections if s.key == "culture").blocks
    assert blocks[0] == {"kind": "h", "text": "职工文化", "number": "（一）"}
    assert blocks[1]["text"] == "我会全年举办文体活动4次，比上年增加100人次，增长50.0%。"  # 300 vs 200 人次
    changed = figures_changed(culture, BY_KEY["culture"].figures(_ctx(report)))
    assert ("文体活动次数", "3次", "4次") in changed
    assert culture.staff_text.startswith("## 职工文化")


def _ctx(report):
    from records.periods import period_for
    from reports.sections import SectionContext

    return SectionContext(union=report.union, period=period_for(report.union, report.year))


def test_a_finalised_pdf_does_not_change_when_the_records_do(report, union, leader, leader_client):
    final = report_finalise(report=report, actor=leader)
    stored = final.pdf.read()
    import hashlib

    assert hashlib.sha256(stored).hexdigest() == final.pdf_sha256
    ActivityFactory(
        union=union,
        category=ActivityCategory.SPORTS_CULTURE,
        participants=500,
        start_date=dt.date(2025, 10, 1),
    )

    response = leader_client.get(reverse("reports:pdf", args=[union.code, final.pk]))
    downloaded = b"".join(response.streaming_content)
    assert downloaded == stored
    assert "拔河比赛，共3次" in pdf_text(downloaded)
    preview = leader_client.get(reverse("reports:preview", args=[union.code, final.pk])).content.decode()
    assert "拔河比赛，共3次" in preview
    # A new draft from the final shows today's records.
    draft = report_start(union=union, year=2025, actor=leader, based_on=final)
    assert "共4次" in render_html(assemble(draft))


@pytest.mark.parametrize(
    "payload",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">',
        '<link rel="attachment" href="file:///etc/passwd">',
        "<script>alert(1)</script>",
    ],
)
def test_markup_in_staff_text_is_shown_as_text_and_fetches_nothing(report, payload):
    problems = report.sections.get(key="problems")
    section_save(
        section=problems,
        heading=problems.heading,
        included=True,
        use_generated=True,
        staff_text=f"问题一：{payload}",
        figures={},
    )
    html = render_html(assemble(report))
    assert payload not in html
    assert "问题一：&lt;" in html
    pdf = render_report_pdf(report)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert not reader.attachments
    assert "root:" not in pdf_text(pdf)
    assert payload.replace(" ", "") in pdf_text(pdf)  # shown as the text the user typed


def test_the_pdf_is_a4_with_the_gbt9704_text_block(report):
    pdf = render_report_pdf(report)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) >= 1
        for number, page in enumerate(doc.pages, start=1):
            assert round(page.width / MM) == 210 and round(page.height / MM) == 297
            body = [c for c in page.chars if c["top"] < 262 * MM]
            footer = [c for c in page.chars if c["top"] >= 262 * MM]
            for char in body:
                assert char["x0"] >= 28 * MM - 0.5, char
                # A line-end mark set in half width (挤进, reports/squeeze.py) has its ink in
                # the left half of its glyph box, which reaches half a character past.
                half = (char["x1"] - char["x0"]) / 2 if char["text"] in BLANK_RIGHT else 0
                assert char["x1"] - half <= (210 - 26) * MM + 0.5, char
                assert char["top"] >= 37 * MM - 0.5, char
            # "— N —", 7 mm below the block: right on odd pages, left on even ones.
            footer_text = "".join(c["text"] for c in footer).replace(" ", "")
            assert footer_text == f"—{number}—"
            middle = page.width / 2
            if number % 2:
                assert min(c["x0"] for c in footer) > middle
            else:
                assert max(c["x1"] for c in footer) < middle
            assert abs(min(c["top"] for c in footer) - (262 + 7) * MM) < 1 * MM
            assert max(c["top"] for c in footer) - min(c["top"] for c in footer) < 1, (
                "page number on one line"
            )


def test_every_cjk_character_comes_out_as_it_went_in(report):
    doc = assemble(report)
    paragraphs = [doc.title, *doc.opening] + [b["text"] for s in doc.sections for b in s.blocks]
    pdf = render_pdf(render_html(doc))
    text = pdf_text(pdf)
    for paragraph in paragraphs:
        assert re.sub(r"\s+", "", paragraph) in text
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        fonts = {
            c["fontname"] for page in opened.pages for c in page.chars if "\u4e00" <= c["text"] <= "\u9fff"
        }
    # Each a CJK face we name in the stylesheet (none left to a Latin font's fallback).
    known = ("CJK", "Fandol", "UKai", "FangSong", "KaiTi", "SimHei", "XiaoBiaoSong")
    assert fonts and all(any(k in f for k in known) for f in fonts), fonts


def test_a_long_report_breaks_into_numbered_pages(report):
    problems = report.sections.get(key="problems")
    section_save(
        section=problems,
        heading=problems.heading,
        included=True,
        use_generated=True,
        staff_text="\n".join(["工会工作在服务职工方面仍有差距，需要进一步加强。" * 3] * 60),
        figures={},
    )
    with pdfplumber.open(io.BytesIO(render_report_pdf(report))) as doc:
        assert len(doc.pages) >= 4
        # 22 lines of body text on a full page
        lines = {round(c["top"]) for c in doc.pages[1].chars if 37 * MM <= c["top"] < 262 * MM}
        assert 21 <= len(lines) <= 22, sorted(lines)


def test_a_section_without_records_or_text_is_left_out_and_numbering_closes_up(union):
    report = report_start(union=union, year=2025, actor=None)
    assert assemble(report).sections == [] or all(s.key != "culture" for s in assemble(report).sections)
    plans = report.sections.get(key="plans")
    section_save(
        section=plans,
        heading=plans.heading,
        included=True,
        use_generated=True,
        staff_text="继续做好会员发展。",
        figures={},
    )
    report.sections.filter(key="organisation").update(included=False)
    numbers = [(s.number, s.key) for s in assemble(report).sections]
    assert numbers == [("一", "plans")]


def test_only_one_draft_per_year(report, union):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        report_start(union=union, year=2025, actor=None)
    assert Report.objects.filter(union=union, year=2025).count() == 1
