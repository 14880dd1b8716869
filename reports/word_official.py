"""The red header (版头) and colophon (版记) of an official document in the .docx, laid out
as the PDF lays them out (reports.official, static/css/gbt9704.css)."""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

RED = RGBColor(0xE6, 0x00, 0x12)
AUTHORITY_PT = {"short": 36, "medium": 30, "long": 22}
# The order Word requires of a paragraph's properties (ECMA-376 CT_PPrBase), for the
# borders this module adds.
_PPR_ORDER = [
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
]


def _set_ppr(paragraph: Any, element: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    tag = element.tag
    later = [qn(t) for t in _PPR_ORDER[_PPR_ORDER.index(_prefixed(tag)) + 1 :]]
    for child in ppr:
        if child.tag in later:
            child.addprevious(element)
            return
    ppr.append(element)


def _prefixed(tag: str) -> str:
    return "w:" + tag.split("}")[1]


def _border(paragraph: Any, side: str, *, eighths: int, colour: str, space: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _set_ppr(paragraph, borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))  # eighths of a point
    line.set(qn("w:space"), str(space))  # points between text and line
    line.set(qn("w:color"), colour)
    borders.append(line)


def _plain(paragraph: Any, fonts: Any, east_asian: str, size: float) -> None:
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    ind = fmt.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")
    for run in paragraph.runs:
        fonts(run, east_asian)
        run.font.size = Pt(size)


def official_head(
    docx: Any, official: dict[str, str], *, fonts: Any, title_font: str, body_font: str
) -> None:
    """发文机关标志 35 mm into the block in red, the 发文字号 two lines under it, the red rule
    4 mm under the number (the number paragraph's bottom border)."""
    authority = docx.add_paragraph()
    authority.add_run(official["authority"])
    _plain(authority, fonts, title_font, AUTHORITY_PT.get(official.get("size", "short"), 36))
    authority.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = authority.paragraph_format
    fmt.space_before = Mm(35)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for run in authority.runs:
        run.font.color.rgb = RED
    number = docx.add_paragraph()
    number.add_run(official["number"])
    _plain(number, fonts, body_font, 16)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_before = Mm(20.454)
    number.paragraph_format.space_after = Mm(20.454)
    _border(number, "bottom", eighths=16, colour="E60012", space=11)  # 2 pt red, 4 mm below


def official_colophon(docx: Any, official: dict[str, str], *, fonts: Any, body_font: str) -> None:
    """抄送 and 印发机关/日期 after the text, between a thick rule above and below and a thin
    one between them. Not moved to the page foot: a frame (w:framePr) anchored there is
    ignored by LibreOffice, and staff move the 版记 as they edit in WPS or Word anyway."""
    lines = []
    if official["copies_to"]:
        copies = docx.add_paragraph(f"抄送：{official['copies_to']}")
        copies.paragraph_format.left_indent = Pt(14 + 42)
        copies.paragraph_format.first_line_indent = Pt(-42)  # 回行时与冒号后的首字对齐
        lines.append(copies)
    issue = docx.add_paragraph(f"{official['issuer']}\t{official['issued']}")
    issue.paragraph_format.left_indent = Pt(14)
    issue.paragraph_format.right_indent = Pt(14)
    issue.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
    lines.append(issue)
    for i, paragraph in enumerate(lines):
        _plain(paragraph, fonts, body_font, 14)
        ind = paragraph.paragraph_format.element.get_or_add_pPr().get_or_add_ind()
        ind.attrib.pop(qn("w:firstLineChars"), None)
        if paragraph is lines[0] and len(lines) > 1:
            paragraph.paragraph_format.first_line_indent = Pt(-42)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Mm(7)
        paragraph.paragraph_format.keep_with_next = paragraph is not lines[-1]
        if i == 0:
            _border(paragraph, "top", eighths=8, colour="000000")  # 0.35 mm
        if i == len(lines) - 1:
            _border(paragraph, "bottom", eighths=8, colour="000000")
        else:
            _border(paragraph, "bottom", eighths=6, colour="000000")  # 0.25 mm, the thin one
