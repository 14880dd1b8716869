"""Chinese typesetting for the printed summary (GB/T 9704): where lines may break, how a
long title is split, and inter-character justification of the laid-out PDF.

The text itself never changes: `no_break` only adds U+2060 WORD JOINER and U+200B ZERO
WIDTH SPACE, which are invisible, not extracted from the PDF, and do not depend on the
line-break tables of the installed Pango; `title_lines` only chooses where a title wraps.
"""

from __future__ import annotations

import math
import re
from typing import Any

WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"

# 避头: never at the start of a line.  避尾: never at the end of one. (Latin punctuation and
# ——/…… pairs are kept by Pango's own UAX #14 rules; these are the ones that vary by version.)
NO_LINE_START = "，。、；：！？）】》」』〕”’%‰·．"
NO_LINE_END = "（【《「『〔“‘"

# A number keeps its unit: the longest of these, else the one character after it.
UNITS = sorted(
    ["万元", "亿元", "千元", "人次", "小时", "平方米", "公里", "千克", "个百分点", "万人"],
    key=len,
    reverse=True,
)
_NUMBER = r"\d[\d.,]*\d|\d"
_NUMBER_AND_UNIT = re.compile(rf"(第?)({_NUMBER})({'|'.join(UNITS)}|[\u4e00-\u9fff%‰])")
_BEFORE_CLOSING = re.compile(f"(?<=.)(?=[{re.escape(NO_LINE_START)}])")
_AFTER_OPENING = re.compile(f"(?<=[{re.escape(NO_LINE_END)}])(?=.)")
# Pango keeps “ ” ‘ ’ with the characters on both sides (UAX #14 class QU, made for Latin
# quotes): "会“五" and "”成" could not break, and a line full there pushed a character down.
# Chinese breaks before an opening quote and after a closing one; a zero-width space says so.
_CJK = "\u2e80-\uffff"
_BEFORE_OPENING_QUOTE = re.compile(f"(?<=[{_CJK}])(?<![{re.escape(NO_LINE_END)}])(?=[“‘])")
_AFTER_CLOSING_QUOTE = re.compile(f"(?<=[”’])(?=[{_CJK}])(?![{re.escape(NO_LINE_START)}])")

TITLE_CHARS_PER_LINE = 20  # 156 mm at 2号 (22 pt)
# Where a title reads well broken: between the issuer and what the document is about.
# In order of preference: before 关于, before the year, before 工作总结.
_TITLE_BREAKS = [
    re.compile(r"(?=关于)"),
    re.compile(r"(?<!\d)(?=(?:19|20)\d\d年)"),
    re.compile("(?=工作总结|工作报告)"),
]


def no_break(text: str) -> str:
    """`text` with word joiners where Chinese typesetting forbids a line break: before
    closing punctuation, after opening punctuation, and between a number and its unit; and
    zero-width spaces where it allows one that Pango would not: around quotation marks."""

    def join_unit(match: re.Match[str]) -> str:
        prefix, number, unit = match.groups()
        return (prefix + WORD_JOINER if prefix else "") + number + WORD_JOINER + WORD_JOINER.join(unit)

    text = _NUMBER_AND_UNIT.sub(join_unit, text)
    text = _BEFORE_CLOSING.sub(WORD_JOINER, text)
    text = _AFTER_OPENING.sub(WORD_JOINER, text)
    text = _BEFORE_OPENING_QUOTE.sub(ZERO_WIDTH_SPACE, text)
    text = _AFTER_CLOSING_QUOTE.sub(ZERO_WIDTH_SPACE, text)
    return re.sub(f"{WORD_JOINER}+", WORD_JOINER, text)


def print_width(text: str) -> float:
    """Width in em, a little generous for digits and Latin letters (about half an em)."""
    return sum(0.6 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def title_lines(title: str, per_line: int = TITLE_CHARS_PER_LINE) -> list[str]:
    """The title as the lines it is printed in: one line if it fits; else broken between
    issuer and subject (…工会 / 2025年度工作总结), or failing that into the most balanced
    lines (a title of three lines in three about equal); never a line of two characters or
    fewer, and never more lines than its length needs."""
    title = title.strip()
    width = print_width(title)
    if width <= per_line:
        return [title]
    count = math.ceil(width / per_line)
    natural = [[m.start() for m in pattern.finditer(title) if m.start()] for pattern in _TITLE_BREAKS]
    for cuts in [*natural, range(1, len(title))]:
        fitting = [
            cut
            for cut in cuts
            if print_width(title[:cut]) <= per_line
            and print_width(title[cut:]) <= per_line * (count - 1)
            and print_width(title[cut:]) > 2
            and print_width(title[:cut]) > 2
            and _may_break(title, cut)
        ]
        if fitting:
            cut = min(fitting, key=lambda c: abs(print_width(title[:c]) - width / count))
            return [title[:cut], *title_lines(title[cut:], per_line)]
    return [title]


def _may_break(text: str, cut: int) -> bool:
    before, after = text[cut - 1], text[cut]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum())


def justify(document: Any) -> None:
    """Spread the slack of every full line of a justified paragraph over its characters.

    WeasyPrint justifies only at spaces, and Chinese has none: a line that is short of the
    measure by a half-width digit, or by a character kept off the line start, stays ragged.
    This widens the letter spacing of such a line so that it ends at the right margin. The
    last line of a paragraph (the last fragment's, across pages) is left as it is.
    """
    from weasyprint.formatting_structure import boxes

    paragraphs: list[tuple[Any, list[Any]]] = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.BlockContainerBox) and box.style["text_align_all"] == "justify":
                lines = [c for c in box.children if isinstance(c, boxes.LineBox)]
                if lines:
                    paragraphs.append((box, lines))

    def key(block: Any) -> int:  # fragments of one paragraph on two pages share its element
        return id(block.element) if block.element is not None else id(block)

    last_line_of = {key(block): lines[-1] for block, lines in paragraphs}
    for block, lines in paragraphs:
        right = block.content_box_x() + block.width
        for line in lines:
            if line is last_line_of[key(block)]:
                continue
            texts = [t for t in _text_boxes(line, boxes) if t.text.strip()]
            if not texts:
                continue
            slack = right - max(t.position_x + t.width for t in texts)
            if slack > 0.01:
                _spread(line, texts, slack, boxes)


def _text_boxes(box: Any, boxes: Any) -> list[Any]:
    if isinstance(box, boxes.TextBox):
        return [box]
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return [t for child in box.children for t in _text_boxes(child, boxes)]
    return []


def _spread(line: Any, texts: list[Any], slack: float, boxes: Any) -> None:
    from weasyprint.text.line_break import create_layout, line_size

    def width_with(box: Any, extra: float) -> float:
        style = box.style.copy()
        spacing = style["letter_spacing"]
        style["letter_spacing"] = (0 if spacing == "normal" else spacing) + extra
        layout = create_layout(box.text, style, None, None, box.justification_spacing)
        first_line, _ = layout.get_first_line()
        return line_size(first_line, style)[0]

    # Pango's letter spacing grows a box linearly: measure how much per unit of spacing.
    # The spacing after the last character is blank: the last glyph, not it, meets the margin.
    rates = {id(t): width_with(t, 1) - width_with(t, 0) for t in texts}
    total = sum(rates.values())
    if total <= 1:
        return
    spacing = texts[-1].style["letter_spacing"]
    extra = (slack + (0 if spacing == "normal" else spacing)) / (total - 1)
    for text in texts:
        style = text.style.copy()
        spacing = style["letter_spacing"]
        style["letter_spacing"] = (0 if spacing == "normal" else spacing) + extra
        text.style = style
    _shift(line, {id(t): rates[id(t)] * extra for t in texts}, 0.0, boxes)


def _shift(box: Any, grow: dict[int, float], advance: float, boxes: Any) -> float:
    """Move `box` right by `advance` and widen it and its children; the new advance."""
    if not isinstance(box, (boxes.TextBox, boxes.LineBox, boxes.InlineBox)):
        box.translate(advance, 0)  # an atomic inline: moved, not widened
        return advance
    box.position_x += advance
    if isinstance(box, boxes.TextBox):
        extra = grow.get(id(box), 0.0)
        box.width += extra
        return advance + extra
    start = advance
    for child in box.children:
        advance = _shift(child, grow, advance, boxes) if child.is_in_normal_flow() else advance
    box.width += advance - start
    return advance
