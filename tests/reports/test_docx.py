"""The summary as .docx: the same Document as the PDF, GB/T 9704 page and styles with East
Asian fonts, alternating page-number footers, table grid widths, the download view."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import docx.table
import pytest
from django.urls import reverse
from docx.oxml.ns import qn

from reports.document import assemble
from reports.services import render_report_pdf, report_finalise, report_update
from reports.word import render_docx
from tests.activities.factories import ActivityFactory
from tests.reports.pdfs import libreoffice_pdf, pdf_text
from tests.reports.printed import demo_like_report

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def report(union):
    report = demo_like_report(union)
    report_update(report=report, include_charts=False)  # charts are SVG, not in the .docx
    return report


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
