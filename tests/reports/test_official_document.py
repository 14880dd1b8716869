"""The summary as an official document (红头, issue #12 item 4), measured in the PDF with
pdfplumber and read back from the .docx: the red 发文机关标志 35 mm into the text block, the
发文字号 with 〔〕, the red rule as wide as the block, and the 版记 on the foot of an even page."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pdfplumber
import pytest
from django.urls import reverse

from reports.document import assemble
from reports.official import MISSING_NUMBER, OfficialNumber, OfficialStyle, doc_number
from reports.services import render_report_pdf, report_update
from reports.word import render_docx
from tests.reports.pdfs import libreoffice_pdf
from tests.reports.printed import BOTTOM, LEFT, MM, RIGHT, TOP, demo_like_report

pytestmark = pytest.mark.django_db
RED = (0.902, 0.0, 0.071)  # #e60012


def _style(union, **overrides) -> OfficialStyle:  # type: ignore[no-untyped-def]
    fields = {
        "enabled": True,
        "authority": "青山县总工会文件",
        "code_prefix": "青工",
        "copies_to": "市总工会、县委办公室，县政府办公室",
        "issuer": "青山县总工会办公室",
    }
    return OfficialStyle.objects.create(union=union, **{**fields, **overrides})


def _reddish(colour) -> bool:  # type: ignore[no-untyped-def]
    return bool(colour) and len(colour) == 3 and colour[0] > 0.8 and colour[1] < 0.2 and colour[2] < 0.2


def _rows(page, **filters) -> dict[int, str]:  # type: ignore[no-untyped-def]
    rows: dict[int, str] = {}
    for c in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"])):
        rows[round(c["top"])] = rows.get(round(c["top"]), "") + c["text"]
    return rows


def test_the_number_is_written_as_gbt_9704_asks() -> None:
    assert doc_number("青工", 2026, 5) == "青工〔2026〕5号"


def test_no_style_means_no_red_header(union):
    report = demo_like_report(union)
    _style(union, enabled=False)
    assert assemble(report).official is None


def test_the_first_page_carries_the_red_header(union):
    report = demo_like_report(union)
    _style(union)
    OfficialNumber.objects.create(report=report, year=2026, serial=5, issued_on=dt.date(2026, 1, 8))
    pdf = render_report_pdf(report)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        red = [c for c in page.chars if _reddish(c.get("non_stroking_color"))]
        assert "".join(c["text"] for c in red) == "青山县总工会文件"
        assert abs(min(c["top"] for c in red) - (TOP + 35 * MM)) < 3 * MM  # 35 mm into the block
        centre = (min(c["x0"] for c in red) + max(c["x1"] for c in red)) / 2
        assert abs(centre - (LEFT + RIGHT) / 2) < 1 * MM
        title_faces = {c["fontname"] for c in page.chars if c["size"] > 20 and c not in red}
        assert {c["fontname"] for c in red} == title_faces  # the title's 小标宋 (or its substitute)

        rows = _rows(page)
        number_top = next(top for top, text in rows.items() if text == "青工〔2026〕5号")
        rules = [
            r
            for r in page.rects + page.lines
            if _reddish(r.get("non_stroking_color") or r.get("stroking_color")) and r["width"] > 100 * MM
        ]
        assert len(rules) == 1
        rule = rules[0]
        assert (
            abs(rule["x0"] - LEFT) < 0.5 * MM and abs(rule["x1"] - RIGHT) < 0.5 * MM
        )  # as wide as the block
        assert number_top < rule["top"] and rule["top"] - (number_top + 16) < 6 * MM  # 4 mm under the number
        title_top = min(
            c["top"] for c in page.chars if c["size"] > 20 and not _reddish(c.get("non_stroking_color"))
        )
        assert title_top > rule["bottom"]


def test_the_colophon_sits_on_the_foot_of_an_even_page(union):
    last_text: list[int] = []
    for extra in range(0, 600, 60):  # more text until the text has ended on an odd and an even page
        if {n % 2 for n in last_text} == {0, 1}:
            break
        report = demo_like_report(union)
        report.include_appendix = False
        report.save(update_fields=["include_appendix"])
        report.sections.filter(key="problems").update(staff_text="工会工作还需加强。" * extra)
        if not OfficialStyle.objects.filter(union=union).exists():
            _style(union)
        pdf = render_report_pdf(report)
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            found = [
                (number, page)
                for number, page in enumerate(doc.pages, start=1)
                if "印发" in "".join(c["text"] for c in page.chars)
            ]
            assert len(found) == 1
            number, page = found[0]
            assert number % 2 == 0, number
            signed = assemble(report).date_text  # the text's last line (no appendix here)
            end = max(
                n
                for n, p in enumerate(doc.pages, start=1)
                if signed in "".join(c["text"] for c in p.chars).replace(f"{signed}印发", "")
            )
            last_text.append(end)
            if end % 2:  # the text ends on an odd page: the colophon is on the next
                assert number == end + 1
            else:  # on an even page: there at its foot, or (no room) two pages on
                assert number in (end, end + 2)
            rows = _rows(page)
            copies = next(top for top, text in rows.items() if text.startswith("抄送："))
            issue = next(top for top, text in rows.items() if text.startswith("青山县总工会办公室"))
            assert rows[copies] == "抄送：市总工会，县委办公室，县政府办公室。"
            assert rows[issue].endswith("印发") and copies < issue
            rules = sorted(
                (
                    r
                    for r in page.rects + page.lines
                    if r["width"] > 150 * MM and not _reddish(r.get("non_stroking_color"))
                ),
                key=lambda r: r["top"],
            )
            assert len(rules) == 3, [
                (r["top"], r["height"], r.get("non_stroking_color"), r.get("fill"), r.get("stroke"))
                for r in rules
            ]
            assert abs(rules[-1]["bottom"] - BOTTOM) < 1 * MM  # the last rule on the block's lower edge
            thick, thin = rules[0]["height"], rules[1]["height"]
            assert thick > thin
            issuer = [c for c in page.chars if round(c["top"]) == issue]
            assert abs(issuer[0]["x0"] - (LEFT + 14)) < 1 * MM  # 印发机关 one character in
            assert abs(issuer[-1]["x1"] - (RIGHT - 14)) < 1 * MM  # 印发日期 one in from the right
        report.delete()
    assert {n % 2 for n in last_text} == {0, 1}, last_text  # both cases were printed


def test_a_missing_number_is_said_not_left_blank(union):
    report = demo_like_report(union)
    _style(union)
    official = assemble(report).official
    assert official is not None and official["number"] == MISSING_NUMBER


def test_the_docx_has_the_same_red_header_and_colophon(union):
    report = demo_like_report(union)
    _style(union)
    OfficialNumber.objects.create(report=report, year=2026, serial=12)
    report_update(report=report, signed_on=dt.date(2026, 1, 9))
    word = docx.Document(io.BytesIO(render_docx(assemble(report))))
    texts = [p.text for p in word.paragraphs]
    assert texts[:2] == ["青山县总工会文件", "青工〔2026〕12号"]
    authority = word.paragraphs[0].runs[0]
    assert str(authority.font.color.rgb) == "E60012"
    assert authority._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    rule = word.paragraphs[1]._element.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"
    )
    assert rule is not None
    assert "抄送：市总工会，县委办公室，县政府办公室。" in texts
    assert texts[-1].startswith("青山县总工会办公室") and texts[-1].endswith("2026年1月9日印发")


def test_the_settings_page_saves_style_and_number(leader_client, union):
    report = demo_like_report(union)
    url = reverse("reports:official", args=[union.code, report.pk])
    page = leader_client.get(url)
    assert page.status_code == 200 and "发文机关标志" in page.content.decode()
    response = leader_client.post(
        url,
        {
            "enabled": "on",
            "authority": "青山县总工会文件",
            "code_prefix": "青工",
            "copies_to": "市总工会",
            "issuer": "",
            "year": "2026",
            "serial": "05",
            "issued_on": "2026-01-08",
        },
    )
    assert response.status_code == 302
    number = OfficialNumber.objects.get(report=report)
    assert (number.year, number.serial) == (2026, 5)
    assert assemble(report).official["number"] == "青工〔2026〕5号"


def test_the_settings_page_refuses_a_style_without_its_names(leader_client, union):
    report = demo_like_report(union)
    url = reverse("reports:official", args=[union.code, report.pk])
    response = leader_client.post(
        url, {"enabled": "on", "authority": "", "code_prefix": "", "year": "2026", "serial": "0"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "请填写发文机关标志" in html and "请填写发文机关代字" in html and "发文序号从1开始" in html
    assert not OfficialStyle.objects.filter(union=union).exists()


def test_another_unions_report_is_not_found(outsider_client, union):
    report = demo_like_report(union)
    assert outsider_client.get(reverse("reports:official", args=[union.code, report.pk])).status_code == 404


@pytest.mark.slow
def test_libreoffice_lays_out_the_docx_red_header_and_colophon(union, tmp_path):
    report = demo_like_report(union)
    _style(union)
    OfficialNumber.objects.create(report=report, year=2026, serial=12)
    pdf = libreoffice_pdf(render_docx(assemble(report)), tmp_path)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first, last = doc.pages[0], doc.pages[-1]
        red = "".join(c["text"] for c in first.chars if _reddish(c.get("non_stroking_color")))
        assert red == "青山县总工会文件"
        rows = _rows(last)
        copies = next(top for top, text in rows.items() if text.startswith("抄送："))
        issue = next(top for top, text in rows.items() if text.startswith("青山县总工会办公室"))
        assert rows[issue].endswith("印发") and copies < issue
        assert issue == max(top for top in rows if top < BOTTOM)  # the document's last line
