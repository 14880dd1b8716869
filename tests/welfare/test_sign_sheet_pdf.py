"""签收表 as PDF (issue #13 item 2): printed through the bounded PDF path, A4, one part per
branch starting on its own page, the header repeated on every page, names, amounts and goods
in real CJK glyphs, and an empty signature column; read back with pdfplumber."""

from __future__ import annotations

import io
from decimal import Decimal

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import BranchFactory, MemberFactory
from tests.welfare.factories import DisbursementBatchFactory, DisbursementFactory
from welfare.sign_sheet import sign_sheet_html

pytestmark = pytest.mark.django_db
A4 = (595.3, 841.9)  # points
MARGIN = 15 / 25.4 * 72  # the sheet's side margins, in points


def _pdf(client, union, batch) -> pdfplumber.PDF:
    response = client.get(reverse("welfare:batch-sign-sheet-pdf", args=[union.code, batch.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    return pdfplumber.open(io.BytesIO(response.content))


@pytest.fixture
def batch(union):
    batch = DisbursementBatchFactory(union=union, title="2025年春节慰问")
    big, small = BranchFactory(union=union, name="机加分会"), BranchFactory(union=union, name="装配分会")
    for i in range(40):  # more rows than one page holds
        DisbursementFactory(
            union=union,
            batch=batch,
            member=MemberFactory(union=union, name=f"机加{i:02d}", branch=big),
            cash_amount=Decimal("500"),
            goods_description="米、油",
            goods_value=Decimal("150.50"),
        )
    DisbursementFactory(
        union=union,
        batch=batch,
        member=MemberFactory(union=union, name="王装配", branch=small),
        cash_amount=Decimal("1234.50"),
        goods_value=Decimal("0"),
    )
    DisbursementFactory(
        union=union,
        batch=batch,
        member=MemberFactory(union=union, name="作废者", branch=small),
        voided_at=timezone.now(),
        void_reason="重复",
    )
    return batch


def test_each_branch_starts_a_page_and_the_header_repeats(clerk_client, union, batch):
    with _pdf(clerk_client, union, batch) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
        assert len(pages) >= 3  # 40 rows over at least two pages, then the small branch
        for page in pdf.pages:
            assert (round(page.width, 1), round(page.height, 1)) == A4
            # The table's rules stay inside the 15 mm side margins: no column is cut off.
            edges = page.edges
            assert edges and max(e["x1"] for e in edges) <= page.width - MARGIN + 1
            assert min(e["x0"] for e in edges) >= MARGIN - 1
        for text in pages:
            assert "2025年春节慰问签收表" in text
            assert "签收人签字" in text and "签收日期" in text  # the header on every page
        big = [t for t in pages if "分会：机加分会" in t]
        small = [t for t in pages if "分会：装配分会" in t]
        assert len(big) >= 2 and len(small) == 1
        assert not any("机加" in line for line in small[0].splitlines() if "王装配" in line)
        whole = "\n".join(pages)
        assert all(f"机加{i:02d}" in whole for i in range(40))
        assert "合计（40人）" in whole and "20,000.00" in whole and "6,020.00" in whole
        assert "合计（1人）" in small[0] and "1,234.50" in small[0]
        assert "作废者" not in whole
        assert "米、油" in whole
        assert "\ufffd" not in whole and "□" not in whole  # real glyphs, not boxes


def test_the_signature_column_is_left_empty(clerk_client, union, batch):
    with _pdf(clerk_client, union, batch) as pdf:
        table = pdf.pages[0].extract_table()
    header, first = table[0], table[1]
    assert header[-2:] == ["签收人签字", "签收日期"]
    assert first[1] == "机加00" and first[3] == "500.00" and first[-2:] == ["", ""]


def test_staff_text_cannot_reach_outside(union):
    batch = DisbursementBatchFactory(union=union)
    DisbursementFactory(
        union=union,
        batch=batch,
        member=MemberFactory(union=union, name='<img src="file:///etc/passwd">'),
    )
    html = sign_sheet_html(batch)
    assert "<img" not in html and "&lt;img" in html  # escaped: no element, nothing fetched


def test_another_unions_batch_is_not_found(outsider_client, union):
    batch = DisbursementBatchFactory(union=union)
    assert (
        outsider_client.get(reverse("welfare:batch-sign-sheet-pdf", args=[union.code, batch.pk])).status_code
        == 404
    )
