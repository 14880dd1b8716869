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
from tests.reports.printed import (
    CELL,
    LEFT,
    MM,
    RIGHT,
    body_lines,
    cells,
    could_squeeze,
    demo_like_report,
    line_end,
)

pytestmark = pytest.mark.django_db


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
    checked = squeezed = 0
    lines = _paragraph_lines(pdf)
    for (line, continues), (after, _) in zip(lines, [*lines[1:], (None, False)], strict=True):
        if not continues:
            continue
        indented = line.x0 > LEFT + CELL
        assert abs(line_end(line) - RIGHT) < 0.5 * MM, (line.text, (RIGHT - line_end(line)) / MM)
        if all(c["text"] >= "\u2e80" for c in line.chars):
            full = 26 if indented else 28
            # A mark that may not start a line comes in with its character (挤进), the line's
            # punctuation set in half width: "…建设、参与、" holds 28 characters and the mark.
            # One fewer (推出: "…参" / "与、…") only when the line had no punctuation to give.
            used = cells(line)
            if used == full - 1 and after is not None and after.text[1] in NO_LINE_START:
                assert not could_squeeze(line, after), line.text
            else:
                assert used == full, (line.text, used)
            checked += 1
            squeezed += len(line.chars) > used
    assert checked >= 3
    assert squeezed >= 1  # the demo has such a line: "…认真履行维护、建设、参与、"


def test_first_lines_are_indented_two_characters(pdf):
    firsts = [line for line, _ in _paragraph_lines(pdf) if line.x0 > LEFT + 1]
    assert firsts
    for line in firsts:
        assert abs(line.x0 - (LEFT + 2 * CELL)) < 0.3 * MM, line.text


def test_a_full_page_has_22_lines(pdf):
    heading = re.compile("[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")
    lines = body_lines(pdf)
    for page in (2, 3):  # pages between the title page and the last of the text
        on_page = [line for line in lines if line.page == page]
        following = next(line for line in lines if line.page == page + 1)
        # A heading that would be a page's last line goes over with its text (21 lines).
        kept_with_next = heading.match(following.text) is not None
        assert len(on_page) == 22 or (kept_with_next and len(on_page) == 21), [line.text for line in on_page]
        # Every line on the grid of 10.227 mm; a 黑体 or 楷体 line's baseline sits in its line
        # box by that face's own ascent, within a point of the 仿宋 one.
        baselines = [line.chars[0]["matrix"][5] for line in on_page]
        for a, b in zip(baselines, baselines[1:], strict=False):
            assert abs(a - b - 225 * MM / 22) < 1, (a, b)


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
            assert abs(line_end(line) - RIGHT) < 0.5 * MM, line.text  # still justified


def test_a_long_title_breaks_between_issuer_and_subject(union):
    report = demo_like_report(union)
    report_update(report=report, title="青山县机械制造有限公司工会2025年度工作总结")
    with pdfplumber.open(io.BytesIO(render_report_pdf(report))) as doc:
        chars = [c for c in doc.pages[0].chars if c["size"] > 20]  # 2号 (22 pt)
    rows: dict[int, str] = {}
    for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        rows[round(c["top"])] = rows.get(round(c["top"]), "") + c["text"]
    assert list(rows.values()) == ["青山县机械制造有限公司工会", "2025年度工作总结"]
