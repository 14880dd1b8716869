"""挤进 in the printed summary, measured with pdfplumber: a mark that may not start a line comes
into its line with the line's punctuation set in half width, so the line keeps its 28 (26)
characters; 推出 only when the line has no punctuation to give. Wrapped headings are justified
and squeezed like body text; a long title is broken into balanced, centred lines."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from reports.services import render_report_pdf, report_start, report_update, section_save
from reports.typesetting import NO_LINE_START, WORD_JOINER, ZERO_WIDTH_SPACE, no_break, title_lines
from tests.reports.printed import CELL, LEFT, MM, RIGHT, body_lines, cells, could_squeeze, line_end

pytestmark = pytest.mark.django_db

FIRST_LINE = "工" * 12 + "，" + "工" * 13 + "。"  # 26 characters, then 。
LATER_LINE = "会" * 5 + "，" + "会" * 22 + "、"  # 28 characters, then 、
BESIDE = "工" * 21 + "（会），工。"  # ）beside ，: that one and the 。 go half
FOUR = "工" * 9 + "“工，工" + "工" * 13 + "”。"  # ”。 come in: four marks half
PARAGRAPHS = {
    "first": FIRST_LINE + "会" * 30,
    "later": "工" * 26 + LATER_LINE + "会" * 10,
    "beside": BESIDE + "会" * 30,
    "four": FOUR + "会" * 30,
    "pushed": "团" * 26 + "。" + "会" * 30,  # no punctuation on the line: 推出
}


def _pdf(union, *, heading: str = "存在的问题和不足", staff: str = "") -> bytes:  # type: ignore[no-untyped-def]
    report = report_start(union=union, year=2025, actor=None)
    section = report.sections.get(key="problems")
    section_save(
        section=section,
        heading=heading,
        included=True,
        use_generated=False,
        staff_text=staff or "\n".join(PARAGRAPHS.values()),
        figures={},
    )
    return render_report_pdf(report)


def _starting(lines, text: str):  # type: ignore[no-untyped-def]
    return next(i for i, line in enumerate(lines) if line.text.startswith(text))


def test_a_line_with_punctuation_takes_the_mark_in_and_keeps_its_characters(union):
    lines = body_lines(_pdf(union))
    first = lines[_starting(lines, "工" * 12 + "，")]
    assert first.text == FIRST_LINE
    assert cells(first) == 26  # 27 characters: the ，and the 。 in half width
    assert abs(line_end(first) - RIGHT) < 0.5 * MM
    assert first.x1 - RIGHT > CELL / 4  # the 。 ends the line in half width, its glyph box past it
    later = lines[_starting(lines, "会" * 5 + "，")]
    assert later.text == LATER_LINE and cells(later) == 28
    assert later.x0 < LEFT + 1  # the paragraph's second line
    beside = lines[_starting(lines, "工" * 21 + "（")]
    assert beside.text == BESIDE and cells(beside) == 26
    steps = {c["text"]: b["x0"] - c["x0"] for c, b in zip(beside.chars, beside.chars[1:], strict=False)}
    assert abs(steps["）"] - CELL / 2) < 0.5 and abs(steps["，"] - CELL) < 0.5  # the ）, not the ，
    four = lines[_starting(lines, "工" * 9 + "“")]
    assert four.text == FOUR and cells(four) == 26


def test_a_line_without_punctuation_pushes_its_last_character_down(union):
    lines = body_lines(_pdf(union))
    at = _starting(lines, "团" * 25)
    pushed, after = lines[at], lines[at + 1]
    assert pushed.text == "团" * 25 and after.text.startswith("团。")
    assert cells(pushed) == 25 and not could_squeeze(pushed, after)
    assert abs(line_end(pushed) - RIGHT) < 0.5 * MM  # spread to the margin


def test_no_line_starts_with_a_mark_and_every_full_line_meets_the_margin(union):
    lines = body_lines(_pdf(union))
    body = lines[_starting(lines, "工" * 12) :]
    for line, after in zip(body, body[1:], strict=False):
        assert after.text[0] not in NO_LINE_START, after.text
        if after.x0 < LEFT + 1:  # `line` is a full line of a paragraph
            assert abs(line_end(line) - RIGHT) < 0.5 * MM, line.text


def test_wrapped_headings_are_justified_and_squeezed(union):
    heading = "工" * 10 + "123" + "工" * 20  # 一、 and 25.5 characters: justified to the margin
    staff = "## " + "工" * 23 + "，" + "工" * 10 + "\n" + "正文" * 20
    lines = body_lines(_pdf(union, heading=heading, staff=staff))
    level_1 = lines[_starting(lines, "一、")]
    assert level_1.text.startswith("一、" + "工" * 10 + "123") and level_1.x0 > LEFT + CELL
    assert abs(level_1.x1 - RIGHT) < 0.5 * MM, (RIGHT - level_1.x1) / MM
    assert "Hei" in level_1.chars[-1]["fontname"] or "Sans" in level_1.chars[-1]["fontname"]
    level_2 = lines[_starting(lines, "（一）")]
    # （一） and 23 characters, then the ，: taken in with the ） of （一） in half width.
    assert level_2.text == "（一）" + "工" * 23 + "，", level_2.text
    assert cells(level_2) == 26 and abs(line_end(level_2) - RIGHT) < 0.5 * MM
    assert "Kai" in level_2.chars[0]["fontname"]


def test_a_long_title_is_broken_into_balanced_centred_lines(union):
    report = report_start(union=union, year=2025, actor=None)
    title = "青山县机械制造有限公司工会委员会和经费审查委员会年度工作及经费收支情况总结"
    report_update(report=report, title=title)
    with pdfplumber.open(io.BytesIO(render_report_pdf(report))) as doc:
        chars = [c for c in doc.pages[0].chars if c["size"] > 20]  # 2号 (22 pt)
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    lines = [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]
    assert "".join(c["text"] for line in lines for c in line) == title
    assert len(lines) == 2  # 37 characters: two lines, not a full one and a short one
    assert abs(len(lines[0]) - len(lines[1])) <= 1, [len(line) for line in lines]
    for line in lines:
        middle = (line[0]["x0"] + line[-1]["x1"]) / 2
        assert abs(middle - (LEFT + RIGHT) / 2) < 0.5 * MM, middle


def test_quotes_may_break_where_chinese_breaks_them():
    # Pango keeps “ ” with both neighbours (UAX #14 QU); Chinese breaks before “ and after ”,
    # but never before a mark that may not start a line nor after one that may not end it.
    marked = no_break("其中“五小”成果，见（“甲”）。")
    assert (
        marked.replace(WORD_JOINER, "|").replace(ZERO_WIDTH_SPACE, "^")
        == "其中^“|五小|”^成果|，见（|“|甲|”|）|。"
    )


def test_a_title_of_three_lines_is_broken_into_three_about_equal():
    lines = title_lines("某" * 45)
    assert [len(line) for line in lines] == [15, 15, 15]
    assert title_lines("青山县机械制造有限公司工会2025年度工作总结") == [
        "青山县机械制造有限公司工会",
        "2025年度工作总结",
    ]


def test_a_failure_of_the_squeeze_still_prints_the_pdf(union, monkeypatch, caplog):
    from reports import squeeze
    from reports.document import assemble
    from reports.pdf import print_pdf
    from reports.services import render_html

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("probe")

    report = report_start(union=union, year=2025, actor=None)
    monkeypatch.setattr(squeeze, "plan", broken)
    pdf = print_pdf(render_html(assemble(report), for_print=True))  # in this process
    assert pdf.startswith(b"%PDF") and "挤进 failed" in caplog.text
