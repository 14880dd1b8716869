"""The summary as .docx: the same Document as the PDF, GB/T 9704 page and styles with East
Asian fonts, alternating page-number footers, table grid widths, the charts as pictures from
the PDF's SVG, the download view."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import docx.table
import pdfplumber
import pytest
from defusedxml import ElementTree
from django.urls import reverse
from docx.oxml.ns import qn
from PIL import Image, ImageChops

from reports.charts import horizontal_bars
from reports.document import assemble
from reports.services import render_report_pdf, report_finalise, report_update
from reports.word import render_docx
from reports.word_charts import DPI, chart_png
from tests.activities.factories import ActivityFactory
from tests.reports.pdfs import libreoffice_pdf, pdf_text
from tests.reports.printed import LEFT, MM, RIGHT, demo_like_report

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def report(union):
    report = demo_like_report(union)
    # Without charts: their labels are text in the PDF and part of a picture in the .docx.
    report_update(report=report, include_charts=False)
    return report


@pytest.fixture
def charted(union):
    return demo_like_report(union)  # two charts: aid by kind, activities by month


def read(data: bytes):  # type: ignore[no-untyped-def]
    return docx.Document(io.BytesIO(data))


def docx_text(document) -> str:  # type: ignore[no-untyped-def]
    """All text in reading order: paragraphs and table cells row by row."""
    parts = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            parts += [cell.text for row in item.rows for cell in row.cells]
        else:
            parts.append(item.text)
    return re.sub(r"\s+", "", "".join(parts))


def test_its_text_is_the_pdfs(report):
    document = read(render_docx(assemble(report)))
    assert document.tables
    assert docx_text(document) == pdf_text(render_report_pdf(report))


def test_it_is_a4_with_the_gbt9704_margins_and_grid(report):
    section = read(render_docx(assemble(report))).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [section.top_margin, section.right_margin, section.bottom_margin, section.left_margin]
    assert [round(m.mm) for m in margins] == [37, 26, 35, 28]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert abs(int(grid.get(qn("w:linePitch"))) / 20 - 225 / 22 * 72 / 25.4) < 0.1  # 22 lines


def test_styles_name_their_east_asian_fonts(report):
    document = read(render_docx(assemble(report)))
    expected = {"公文标题": ("方正小标宋", 22), "Normal": ("仿宋", 16), "Heading 1": ("黑体", 16)}
    expected["Heading 2"] = ("楷体", 16)
    for name, (font, size) in expected.items():
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert font in fonts.get(qn("w:eastAsia")), (name, fonts.attrib)
        assert fonts.get(qn("w:eastAsiaTheme")) is None
        assert style.font.size.pt == size
    used = {p.style.name for p in document.paragraphs}
    assert {"公文标题", "Normal", "Heading 1", "Heading 2"} <= used
    title = next(p for p in document.paragraphs if p.style.name == "公文标题")
    assert title.text == report.title  # one line here; a long title gets a line break
    first = next(p for p in document.paragraphs if p.style.name == "Normal")
    ind = document.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200", first.text


def test_body_text_is_chinese_with_the_pdfs_character_spacing(report):
    from reports.word import RPR_ORDER

    document = read(render_docx(assemble(report)))
    rpr = document.styles["Normal"].element.rPr
    assert rpr.find(qn("w:spacing")).get(qn("w:val")) == "-4"  # -0.2 pt in twentieths
    lang = rpr.find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
    # In the schema's order, as Word requires.
    ns = qn("w:x")[:-1]
    order = [RPR_ORDER.index(child.tag.replace(ns, "w:")) for child in rpr]
    assert order == sorted(order)


def test_page_numbers_alternate_sides_as_fields(report):
    data = render_docx(assemble(report))
    document = read(data)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # right, left
    for footer in (odd, even):
        xml = footer._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert footer.text.startswith("— ") and footer.text.endswith(" —")


def test_tables_have_explicit_grid_column_widths(report):
    document = read(render_docx(assemble(report)))
    assert document.tables
    for table in document.tables:
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert all(w > 0 for w in widths)
        assert abs(sum(widths) / 20 - 156 * 72 / 25.4) < 2  # the text width, in twips


def test_the_download_is_a_docx_not_cached_and_refused_to_outsiders(
    report, union, clerk_client, outsider_client
):
    url = reverse("reports:docx", args=[union.code, report.pk])
    response = clerk_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    assert outsider_client.get(url).status_code in (403, 404)


def test_a_finalised_reports_docx_comes_from_its_snapshot(report, union, leader, leader_client):
    from activities.choices import ActivityCategory

    final = report_finalise(report=report, actor=leader)
    before = leader_client.get(reverse("reports:docx", args=[union.code, final.pk])).content
    ActivityFactory(union=union, category=ActivityCategory.SPORTS_CULTURE, participants=500)
    after = leader_client.get(reverse("reports:docx", args=[union.code, final.pk])).content
    assert docx_text(read(before)) == docx_text(read(after))
    assert "，共2次" in docx_text(read(after))


@pytest.mark.slow
def test_libreoffice_converts_it_to_pdf(report, tmp_path):
    converted = pdf_text(libreoffice_pdf(render_docx(assemble(report)), tmp_path))
    assert "全年共开展职工技能培训班12期" in converted


def _svg_size_mm(svg: str) -> tuple[float, float]:
    """The chart's size in the PDF: its SVG's width and height in CSS pixels (96 per inch)."""
    root = ElementTree.fromstring(svg)
    return float(root.get("width")) * 25.4 / 96, float(root.get("height")) * 25.4 / 96


def test_charts_are_pictures_after_the_tables_as_large_as_in_the_pdf(charted):
    document_of = assemble(charted)
    assert len(document_of.charts) == 2
    document = read(render_docx(document_of))
    items = list(document.iter_inner_content())
    last_table = max(i for i, item in enumerate(items) if isinstance(item, docx.table.Table))
    pictures = [
        i
        for i, item in enumerate(items)
        if not isinstance(item, docx.table.Table) and item._p.xpath(".//pic:pic")
    ]
    assert len(pictures) == 2 and all(i > last_table for i in pictures)  # where the PDF has them
    assert len(document.inline_shapes) == 2
    for shape, chart in zip(document.inline_shapes, document_of.charts, strict=True):
        width, height = _svg_size_mm(chart["svg"])
        assert width <= 156
        assert abs(shape.width.mm - width) < 0.1 and abs(shape.height.mm - height) < 0.1
        assert shape._inline.docPr.get("descr") == chart["title"]
        blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        with Image.open(io.BytesIO(blob)) as image:
            assert image.format == "PNG"
            assert abs(image.size[0] - width / 25.4 * DPI) <= 1  # 300 dpi at the printed size
            assert round(image.info["dpi"][0]) == DPI
    for i in pictures:
        paragraph = items[i]
        assert paragraph.alignment == 1 or paragraph.style.paragraph_format.alignment == 1  # centred
        assert paragraph.style.paragraph_format.line_spacing_rule == 0  # single: not cut to a line


def test_chart_labels_are_drawn_in_a_chinese_face_not_in_boxes():
    # A face without the glyphs draws every Chinese character as the same box (tofu): two
    # charts that differ in one label only would then come out the same, pixel for pixel.
    images = {}
    for label in ("甲", "乙", ""):
        with Image.open(io.BytesIO(chart_png(str(horizontal_bars([(label, 1)], unit="人"))))) as image:
            images[label] = image.convert("L")
    changed = ImageChops.difference(images["甲"], images["乙"]).getbbox()
    assert changed is not None, "甲 and 乙 drawn alike: no Chinese face"
    label_column = 150 / 560 * images["甲"].size[0]  # reports.charts: labels left of x = 150
    assert changed[2] <= label_column, changed
    drawn = ImageChops.difference(images["甲"], images[""]).getbbox()
    assert drawn is not None and drawn[2] <= label_column
    # and with ink: the glyph covers dozens of dark pixels at 300 dpi, not a hairline
    dark = images["甲"].crop(drawn).point(lambda value: 255 if value < 128 else 0)
    assert sum(dark.histogram()[255:]) > 50


@pytest.mark.slow
def test_libreoffice_puts_the_charts_on_the_page(charted, tmp_path):
    document_of = assemble(charted)
    converted = libreoffice_pdf(render_docx(document_of), tmp_path)
    with pdfplumber.open(io.BytesIO(converted)) as pdf:
        appendix_page = next(
            n
            for n, page in enumerate(pdf.pages)
            if "附件：主要统计数据" in "".join(c["text"] for c in page.chars)
        )
        images = [(n, image) for n, page in enumerate(pdf.pages) for image in page.images]
    assert len(images) == 2
    for (page, image), chart in zip(images, document_of.charts, strict=True):
        width, height = _svg_size_mm(chart["svg"])
        assert page >= appendix_page
        assert abs((image["x1"] - image["x0"]) - width * MM) < 1, (image["x1"] - image["x0"]) / MM
        assert abs((image["bottom"] - image["top"]) - height * MM) < 1
        assert abs((image["x0"] + image["x1"]) / 2 - (LEFT + RIGHT) / 2) < 1 * MM  # centred
