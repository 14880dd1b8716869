"""签收表 of a festival batch (issue #13 item 2): one sheet per branch with name, branch,
amount, goods and an empty signature column, written through the safe writer; read back."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import BranchFactory, MemberFactory
from tests.welfare.factories import DisbursementBatchFactory, DisbursementFactory

pytestmark = pytest.mark.django_db


def _sheet_book(client, union, batch):
    response = client.get(reverse("welfare:batch-sign-sheet", args=[union.code, batch.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_one_sheet_per_branch_with_a_signature_column(clerk_client, union):
    batch = DisbursementBatchFactory(union=union, title="2025年春节慰问")
    a, b = BranchFactory(union=union, name="机加分会"), BranchFactory(union=union, name="装配分会")
    for name, branch in (("乙", a), ("甲", a), ("丙", b), ("=HYPERLINK(1)", None)):
        DisbursementFactory(
            union=union,
            batch=batch,
            member=MemberFactory(union=union, name=name, branch=branch),
            cash_amount=Decimal("500"),
            goods_description="米、油",
            goods_value=Decimal("150.50"),
        )
    DisbursementFactory(
        union=union,
        batch=batch,
        member=MemberFactory(union=union, name="作废者", branch=a),
        voided_at=timezone.now(),
        void_reason="重复",
    )
    book = _sheet_book(clerk_client, union, batch)
    assert book.sheetnames == ["机加分会", "装配分会", "未分会"]
    sheet = book["机加分会"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "序号",
        "姓名",
        "分会",
        "现金（元）",
        "慰问物品",
        "物品折价（元）",
        "签收人签字",
        "签收日期",
    )
    assert [r[1] for r in rows[1:3]] == sorted(["甲", "乙"])  # by name within the branch
    assert rows[1][3] == 500 and rows[1][4] == "米、油" and float(rows[1][5]) == 150.5 and rows[1][6] is None
    assert len(rows) == 4 and "作废者" not in str(rows)  # two people and the 合计 row
    assert float(rows[3][3]) == 1000
    odd = book["未分会"]["B2"]
    assert odd.value == "=HYPERLINK(1)" and odd.data_type == "s"  # text, never a formula


def test_another_unions_batch_is_not_found(outsider_client, union):
    batch = DisbursementBatchFactory(union=union)
    url = reverse("welfare:batch-sign-sheet", args=["other", batch.pk])
    assert outsider_client.get(url).status_code == 404
