"""The summary's charts in the .docx: the SVG the PDF draws (reports.charts), rasterised.

Word and WPS take no SVG from python-docx, so each chart goes in as a PNG made from that same
SVG by CairoSVG (no second drawing of the chart): at 300 dpi, as wide as the PDF prints it
(the SVG's own width, at most the 156 mm text block), centred where the PDF has it, after the
appendix tables. Its title is drawn inside the SVG, as in the PDF, and is also the picture's
alternative text. The labels are set in the SVG's first font, Noto Sans CJK SC, which
scripts/check_sysdeps.sh installs; CairoSVG asks fontconfig for it through cairo.
"""

from __future__ import annotations

import io
from typing import Any

from defusedxml import ElementTree
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

DPI = 300
TEXT_WIDTH_MM = 156
CSS_PX_MM = 25.4 / 96  # the SVG's width is in CSS pixels, as WeasyPrint prints it
CHART_STYLE = "统计图"


def chart_size_mm(svg: str) -> tuple[float, float]:
    """Width and height of the chart as the PDF prints it (`.chart svg { max-width: 156mm }`)."""
    root = ElementTree.fromstring(svg)
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    scale = min(CSS_PX_MM, TEXT_WIDTH_MM / width) if width else 0
    return width * scale, height * scale


def chart_png(svg: str) -> bytes:
    """The chart as a PNG at print resolution, its pixels per inch recorded in the file."""
    import cairosvg
    from PIL import Image

    width_mm, height_mm = chart_size_mm(svg)
    raw = cairosvg.svg2png(
        bytestring=svg.encode(),
        output_width=round(width_mm / 25.4 * DPI),
        output_height=round(height_mm / 25.4 * DPI),
        background_color="white",  # not transparent: WPS shows a transparent PNG on grey
    )
    out = io.BytesIO()
    with Image.open(io.BytesIO(raw)) as image:
        image.save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()


def chart_style(docx: Any) -> None:
    """A paragraph style for charts: centred, no indent, single spacing (an exact line
    spacing, as the body has, would cut an inline picture down to one line)."""
    if CHART_STYLE not in [s.name for s in docx.styles]:
        docx.styles.add_style(CHART_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style = docx.styles[CHART_STYLE]
    style.base_style = docx.styles["Normal"]
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = fmt.space_after = Mm(3)  # `.chart { margin: 3mm 0 }`
    fmt.keep_together = True
    ind = fmt.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")


def add_charts(docx: Any, charts: list[dict[str, str]]) -> None:
    """Each chart as an inline picture in a paragraph of its own, in the document's order."""
    if not charts:
        return
    chart_style(docx)
    for chart in charts:
        width_mm, height_mm = chart_size_mm(chart["svg"])
        paragraph = docx.add_paragraph(style=CHART_STYLE)
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(chart_png(chart["svg"])), width=Mm(width_mm), height=Mm(height_mm))
        for doc_pr in run._r.xpath(".//wp:docPr"):
            doc_pr.set("descr", chart["title"])  # the picture's alternative text
