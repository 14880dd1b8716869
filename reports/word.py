"""The summary as an editable Word document (.docx), from the same `Document` as the HTML
and the PDF: it walks the document's title, paragraphs, sections and tables and writes no
text of its own.

Laid out as GB/T 9704 like the PDF: A4, margins 37/26/35/28 mm, a grid of 22 lines of 28
characters, 仿宋 body, 黑体 一、, 楷体 （一）, 小标宋 title, "— N —" page numbers on the outer
side. python-docx writes only the Latin font slots; every run style here also names its
East Asian font (w:eastAsia), or Word and WPS would set Chinese in their default 宋体.
Charts follow the appendix tables as in the PDF, as pictures made from the same SVG
(reports.word_charts).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .document import Document
from .typesetting import print_width, title_lines
from .word_charts import add_charts
from .word_official import official_colophon, official_head

LATIN = "Times New Roman"
FANGSONG, KAITI, HEITI, XIAOBIAOSONG = "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体"
LINE = Pt(29)  # 225 mm / 22 lines = 10.227 mm = 28.99 pt
TEXT_WIDTH_MM = 156
TITLE_STYLE, BODY_STYLE = "公文标题", "Normal"

# (style, East Asian font, size pt) of each kind of paragraph.
STYLES = {
    TITLE_STYLE: (XIAOBIAOSONG, 22),
    BODY_STYLE: (FANGSONG, 16),
    "Heading 1": (HEITI, 16),
    "Heading 2": (KAITI, 16),
    "表题": (HEITI, 14),
    "表格文字": (FANGSONG, 12),
}


def render_docx(document: Document) -> bytes:
    docx = new_docx()
    _page_setup(docx)
    _styles(docx)
    _footers(docx)
    body = docx.paragraphs[0] if docx.paragraphs else None  # the template's empty paragraph
    if document.official:
        official_head(docx, document.official, fonts=_fonts, title_font=XIAOBIAOSONG, body_font=FANGSONG)
    title = docx.add_paragraph(style=TITLE_STYLE)
    for i, line in enumerate(title_lines(document.title)):
        if i:
            title.add_run().add_break(WD_BREAK.LINE)
        title.add_run(line)
    if body is not None:
        body._element.getparent().remove(body._element)
    for text in document.opening:
        docx.add_paragraph(text)
    for section in document.sections:
        docx.add_paragraph(f"{section.number}、{section.heading}", style="Heading 1")
        for block in section.blocks:
            if block["kind"] == "h":
                docx.add_paragraph(f"{block['number']}{block['text']}", style="Heading 2")
            else:
                docx.add_paragraph(block["text"])
    for text in document.closing:
        docx.add_paragraph(text)
    for i, text in enumerate([document.signature, document.date_text]):
        signature = docx.add_paragraph(text)
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        signature.paragraph_format.first_line_indent = Pt(0)
        _first_line_chars(signature.paragraph_format, 0)
        if i == 0:
            signature.paragraph_format.space_before = LINE
    if document.appendix or document.charts:
        docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        appendix = docx.add_paragraph("附件：主要统计数据", style="Heading 1")
        appendix.paragraph_format.first_line_indent = Pt(0)
        _first_line_chars(appendix.paragraph_format, 0)
        for table in document.appendix:
            _table(docx, table)
        add_charts(docx, document.charts)
    if document.official:
        official_colophon(docx, document.official, fonts=_fonts, body_font=FANGSONG)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _page_setup(docx: Any) -> None:
    section = docx.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The page number's top 7 mm below the block: 35 - 7 mm from the page foot, less its line.
    section.footer_distance = Mm(35 - 7) - Pt(14)
    section.header_distance = Mm(15)
    # Word's document grid: 22 lines a page, 28 characters a line (charSpace in 1/4096 pt
    # added to the 16 pt pitch: 442.2 / 28 - 16 = -0.207 pt).
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE.pt * 20)))
    grid.set(qn("w:charSpace"), str(round((TEXT_WIDTH_MM / 25.4 * 72 / 28 - 16) * 4096)))


def _fonts(style_or_run: Any, east_asian: str) -> None:
    font = style_or_run.font
    font.name = LATIN
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), LATIN)
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one


# The order of a run's properties in the OOXML schema (CT_RPr; ECMA-376 Part 1, 17.3.2).
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def _run_property(style: Any, tag: str, attrs: dict[str, str]) -> None:
    """A run property python-docx has no setter for (character spacing, language), put in
    its place in the schema's order: Word refuses a file whose rPr children are out of order."""
    rpr = style.element.get_or_add_rPr()
    element = rpr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        rpr.insert_element_before(element, *RPR_ORDER[RPR_ORDER.index(tag) + 1 :])
    for name, value in attrs.items():
        element.set(qn(name), value)


def _first_line_chars(paragraph_format: Any, hundredths: int) -> None:
    """First-line indent in characters (w:firstLineChars): two characters whatever the font."""
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(hundredths))


def _styles(docx: Any) -> None:
    styles = docx.styles
    if TITLE_STYLE not in [s.name for s in styles]:
        styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    for name in ("表题", "表格文字"):
        if name not in [s.name for s in styles]:
            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    for name, (east_asian, size) in STYLES.items():
        style = styles[name]
        if name != BODY_STYLE:
            style.base_style = styles[BODY_STYLE]
        _fonts(style, east_asian)
        style.font.size = Pt(size)
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE
        fmt.widow_control = False
        if name in (BODY_STYLE, "Heading 1", "Heading 2"):
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Pt(2 * 16)
            _first_line_chars(fmt, 200)
        if name.startswith("Heading"):
            fmt.keep_with_next = True
    _run_property(styles[BODY_STYLE], "w:spacing", {"w:val": "-4"})  # the PDF's -0.21 pt, in 1/20 pt
    # Chinese text: proofing and line-breaking rules for zh-CN, not the template's en-US.
    _run_property(styles[BODY_STYLE], "w:lang", {"w:val": "zh-CN", "w:eastAsia": "zh-CN"})
    title = styles[TITLE_STYLE].paragraph_format
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.first_line_indent = Pt(0)
    title.space_after = LINE
    _run_property(styles[TITLE_STYLE], "w:spacing", {"w:val": "0"})
    caption = styles["表题"].paragraph_format
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.first_line_indent = Pt(0)
    caption.space_before = Mm(3)
    caption.keep_with_next = True
    cell = styles["表格文字"]
    cell.paragraph_format.first_line_indent = Pt(0)
    cell.paragraph_format.line_spacing = Pt(18)
    _run_property(cell, "w:spacing", {"w:val": "0"})


def _page_field(paragraph: Any) -> None:
    """— PAGE — as a field, so Word and WPS number the pages themselves."""
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" —")
    for r in paragraph.runs:
        _fonts(r, "宋体")
        r.font.size = Pt(14)  # 4号


def _footers(docx: Any) -> None:
    docx.settings.odd_and_even_pages_header_footer = True
    section = docx.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        _first_line_chars(fmt, 0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(14)
        if align == "right":  # 单页码居右空一字, 双页码居左空一字
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(14)
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            fmt.left_indent = Pt(14)
        _page_field(paragraph)


def _table(docx: Any, table: dict[str, Any]) -> None:
    docx.add_paragraph(table["caption"], style="表题")
    rows = [table["header"], *table["rows"]]
    columns = max(len(r) for r in rows)
    grid = docx.add_table(rows=len(rows), cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    # Explicit column widths (WPS lays a table out from w:tblGrid): each column as wide as
    # its longest cell, shared out over the 156 mm text width.
    need = [max(print_width(str(r[c])) if c < len(r) else 0 for r in rows) + 1.5 for c in range(columns)]
    widths = [Mm(TEXT_WIDTH_MM * n / sum(need)) for n in need]
    for gridcol, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        gridcol.set(qn("w:w"), str(round(width.twips)))
    for r, values in enumerate(rows):
        row = grid.rows[r]
        if r == 0:
            tr_pr = row._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")  # repeated on every page the table runs over
            tr_pr.append(header)
        for c, cell in enumerate(row.cells):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.style = "表格文字"
            paragraph.text = str(values[c]) if c < len(values) else ""
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    _fonts(run, HEITI)
            elif c > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
