"""The demo's return, printed by headless LibreOffice: its cover and indicator tables fit on at
most four A4 pages, with page numbers; the demo return passes its logic checks."""

from __future__ import annotations

import shutil
import subprocess
from io import StringIO

import pdfplumber
import pytest
from django.core.management import call_command
from django.db import transaction

from demo.context import DemoContext
from records.periods import period_for
from unions.models import Union
from workbook.exporters import ExportContext, XlsxWriter, get
from workbook.survey.review import review_union

A4 = (595, 842)  # points, portrait
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("soffice") is None, reason="headless LibreOffice (soffice) is not installed"
    ),
]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _return_pdf(tmp_path):  # type: ignore[no-untyped-def]
    union = Union.objects.get(code="demo")
    context = ExportContext(union=union, period=period_for(union, DemoContext().year))
    writer = XlsxWriter()
    for identifier in ("survey_cover", "indicators"):
        writer.add(get(identifier)(context))
    source = tmp_path / "return.xlsx"
    writer.save(source)
    subprocess.run(  # noqa: S603
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return tmp_path / "return.pdf"


def test_the_demo_return_passes_its_checks():
    union = Union.objects.get(code="demo")
    review = review_union(union=union, period=period_for(union, DemoContext().year))
    assert review.errors == [], [f.message for f in review.errors]


def test_the_return_prints_on_at_most_four_a4_pages(tmp_path):
    with pdfplumber.open(_return_pdf(tmp_path)) as pdf:
        pages = pdf.pages
        text = [page.extract_text() or "" for page in pages]
        sizes = {(round(page.width), round(page.height)) for page in pages}
    print(f"return: {len(pages)} A4 pages")
    assert 2 <= len(pages) <= 4, len(pages)
    assert sizes <= {A4, A4[::-1]}
    assert "基层工会调查表" in text[0] and "3311220001" in text[0]
    assert f"第 1 页，共 {len(pages)} 页" in text[0].replace("\n", " ") or "第 1 页" in text[0]
    joined = "".join(text)
    for caption in ("一、组织建设", "五、集体合同", "十、宣教文体"):
        assert caption in joined
    # The header row repeats on every page of the indicators.
    assert all("指标代码" in page for page in text[1:])
