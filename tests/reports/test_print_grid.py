"""The printed summary measured with pdfplumber: GB/T 9704 faces, the 22 x 28 grid,
justified lines, Chinese line-start/line-end rules, numbers with their units, the title."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pdfplumber
import pytest

from reports.services import render_report_pdf, report_update, section_save
from reports.typesetting import NO_LINE_END, NO_LINE_START
from tests.reports.printed import BOTTOM, LEFT, MM, RIGHT, TOP, body_lines, demo_like_report

pytestmark = pytest.mark.django_db
CELL = 156 * MM / 28  # one character of the grid: 15.79 pt


@pytest.fixture
def pdf(union):
    return render_report_pdf(demo_like_report(union))


def face(char: dict) -> str:
    return char["fontname"].split("+")[-1]  # without the subset tag


def test_body_headings_and_title_come_in_four_faces(pdf):
    lines = [line for line in body_lines(pdf) if line.page < 5]  # the appendix page has tables
    title = lines[0]
    level_1 = [line for line in lines if re.match("[一二三四五六七八九十]+、", line.text)]
    level_2 = [line for line in lines if re.match("（[一二三四五六七八九十]+）", line.text)]
    body = [line for line in lines[1:] if line not in level_1 + level_2]
    faces = {
        "title": {face(c) for c in title.chars if c["text"] >= "\u4e00"},
        "一、": {face(c) for line in level_1 for c in line.chars},
        "（一）": {face(c) for line in level_2 for c in line.chars},
        "body": {face(c) for line in body for c in line.chars},
    }
    assert level_1 and level_2 and body
    for name, found in faces.items():
        assert len(found) == 1, (name, found)
    faces = {name: found.pop() for name, found in faces.items()}
    assert len(set(faces.values())) == 4, faces
    assert "Fang" in faces["body"], faces  # 仿宋: FandolFang or FangSong
    assert "Kai" in faces["（一）"], faces  # 楷体: FandolKai or KaiTi
    assert "Hei" in faces["一、"] or "Sans" in faces["一、"], faces  # 黑体
    title_face = faces["title"]
    assert "XiaoBiaoSong" in title_face or title_face.endswith("-Bold"), faces  # 小标宋 or a bold 宋
    if shutil.which("pdffonts"):
        command = [shutil.which("pdffonts") or "pdffonts", "-"]
        listed = subprocess.run(command, input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603
        for name in faces.values():
            assert f"+{name}" in listed, (name, listed)


def _paragraph_lines(pdf: bytes) -> list[tuple[object, bool]]:
    """Body lines (not title, headings or signature) with whether another line of the same
    paragraph follows it (a full line) or not (a paragraph's last line)."""
    heading = re.compile("[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")
    lines = [
        line
        for line in body_lines(pdf)[1:]  # not the title
        if line.page < 5 and round(line.chars[0]["size"]) == 16 and not heading.match(line.text)
    ]
    lines = lines[:-2]  # the signature and date, set right
    out = []
    for line, after in zip(lines, [*lines[1:], None], strict=True):
        continues = (
            after is not None
            and after.x0 < LEFT + CELL
            and after.top > line.top - 1
            or (after is not None and after.page > line.page and after.x0 < LEFT + CELL)
        )
        out.append((line, continues))
    return out


def test_full_lines_hold_28_characters_and_end_at_the_margin(pdf):
    checked = 0
    lines = _paragraph_lines(pdf)
    for (line, continues), (after, _) in zip(lines, [*lines[1:], (None, False)], strict=True):
        if not continues:
            continue
        indented = line.x0 > LEFT + CELL
        assert abs(line.x1 - RIGHT) < 0.5 * MM, (line.text, (RIGHT - line.x1) / MM)
        if all(c["text"] >= "\u2e80" for c in line.chars):
            cells = 26 if indented else 28
            # One fewer only when its last character went down with a mark that may not
            # start a line (推出): "…参" / "与、…".
            pushed = after is not None and after.text[1] in NO_LINE_START
            assert len(line.chars) == cells or (pushed and len(line.chars) == cells - 1), line.text
            checked += 1
    assert checked >= 3


def test_first_lines_are_indented_two_characters(pdf):
    firsts = [line for line, _ in _paragraph_lines(pdf) if line.x0 > LEFT + 1]
    assert firsts
    for line in firsts:
        assert abs(line.x0 - (LEFT + 2 * CELL)) < 0.3 * MM, line.text


def test_a_full_page_has_22_lines(pdf):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = doc.pages[1:3]  # the pages between the title page and the last of the text
        for page in pages:
            baselines = {
                round(c["matrix"][5])
                for c in page.chars
                if TOP - 1 <= c["top"] < BOTTOM and c["text"].strip()
            }
            assert len(baselines) == 22, sorted(baselines)


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(union):
    report = demo_like_report(union)
    # Each mark put where a plain break would start the second line with it: the first
    # line of a paragraph holds 26 characters.
    marks = "，。、；：！？）》」”"
    text = "\n".join("工" * 26 + mark + "会" * 20 for mark in marks)
    text += "\n" + "\n".join("工" * 25 + opening + "会" * 20 for opening in "（《「“")
    text += "\n" + "工" * 24 + "共计123人次，" + "会" * 20  # 123人次 straddles the line end
    section = report.sections.get(key="problems")
    section_save(
        section=section,
        heading=section.heading,
        included=True,
        use_generated=True,
        staff_text=text,
        figures={},
    )
    pdf = render_report_pdf(report)
    lines = body_lines(pdf)
    for line in lines:
        assert line.text[0] not in NO_LINE_START, line.text
        assert line.text[-1] not in NO_LINE_END, line.text
        # A number keeps its unit: no line ends in a digit when the next line goes on in Chinese.
    for line, after in zip(lines, lines[1:], strict=False):
        assert not (line.text[-1].isdigit() and after.text[0] >= "\u4e00"), (line.text, after.text)
    joined = "".join(line.text for line in lines)
    assert "共计123人次" in joined
    for line, continues in _paragraph_lines(pdf):
        if continues:
            assert abs(line.x1 - RIGHT) < 0.5 * MM, line.text  # still justified


def test_a_long_title_breaks_between_issuer_and_subject(union):
    report = demo_like_report(union)
    report_update(report=report, title="青山县机械制造有限公司工会2025年度工作总结")
    with pdfplumber.open(io.BytesIO(render_report_pdf(report))) as doc:
        chars = [c for c in doc.pages[0].chars if c["size"] > 20]  # 2号 (22 pt)
    rows: dict[int, str] = {}
    for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        rows[round(c["top"])] = rows.get(round(c["top"]), "") + c["text"]
    assert list(rows.values()) == ["青山县机械制造有限公司工会", "2025年度工作总结"]
