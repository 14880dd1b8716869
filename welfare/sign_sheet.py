"""签收表: the sign-off sheet of a festival batch, one part per branch: as xlsx through the
workbook's one safe writer (workbook.exporters.base), and as PDF through reports.pdf."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import IO, Any

from django.template.loader import render_to_string
from django.utils import timezone

from records.money import ZERO
from records.periods import current_period
from workbook.exporters.base import Block, Column, ExportContext, Exporter, Kind, XlsxWriter

from .models import Disbursement, DisbursementBatch

NO_BRANCH = "未分会"
COLUMNS = (
    Column("序号", Kind.INT, width=6),
    Column("姓名", width=12),
    Column("分会", width=16),
    Column("现金（元）", Kind.MONEY, total=True),
    Column("慰问物品", width=20),
    Column("物品折价（元）", Kind.MONEY, total=True),
    Column("签收人签字", width=18),
    Column("签收日期", width=14),
)


class BranchSignSheet(Exporter):
    identifier = "welfare_sign_sheet"
    verbose_name = "签收表"

    def __init__(
        self, context: ExportContext, *, title: str, branch: str, records: list[Disbursement]
    ) -> None:
        super().__init__(context)
        self.verbose_name = branch  # type: ignore[misc]  (one sheet per branch, named after it)
        self.title = title
        self.records = records

    def rows(self) -> Iterable[Sequence[Any]]:
        for number, d in enumerate(self.records, start=1):
            yield [
                number,
                d.recipient_display,
                self.verbose_name,
                d.cash_amount,
                d.goods_description,
                d.goods_value,
                "",
                "",
            ]

    def blocks(self) -> list[Block]:
        return [Block(COLUMNS, self.rows(), totals=True, count=len(self.records))]


def _branch(d: Disbursement) -> str:
    return d.member.branch.name if d.member_id and d.member.branch_id else NO_BRANCH


def sign_sheet_records(batch: DisbursementBatch) -> list[Disbursement]:
    """The batch's records that count (not voided), by branch and name."""
    records = batch.disbursements.filter(voided_at__isnull=True).select_related("member", "member__branch")
    return sorted(records, key=lambda d: (_branch(d) == NO_BRANCH, _branch(d), d.recipient_display, d.pk))


def write_sign_sheet(*, batch: DisbursementBatch, target: str | IO[bytes]) -> dict[str, int]:
    """One sheet per branch; returns the rows written per sheet."""
    context = ExportContext(union=batch.union, period=current_period(batch.union, batch.date))
    writer = XlsxWriter()
    records = sign_sheet_records(batch)
    for branch, group in groupby(records, key=_branch):
        writer.add(BranchSignSheet(context, title=batch.title, branch=branch, records=list(group)))
    if not records:  # every record voided: an empty sheet says so rather than no file
        writer.add(BranchSignSheet(context, title=batch.title, branch=NO_BRANCH, records=[]))
    writer.save(target)
    return writer.row_counts


# --- the same sheet as PDF ---------------------------------------------------------------


@dataclass(frozen=True)
class BranchPage:
    branch: str
    records: list[Disbursement]

    @property
    def cash(self) -> Decimal:
        return sum((d.cash_amount for d in self.records), ZERO)

    @property
    def goods_value(self) -> Decimal:
        return sum((d.goods_value for d in self.records), ZERO)


def sign_sheet_pages(batch: DisbursementBatch) -> list[BranchPage]:
    records = sign_sheet_records(batch)
    pages = [BranchPage(branch, list(group)) for branch, group in groupby(records, key=_branch)]
    return pages or [BranchPage(NO_BRANCH, [])]


def sign_sheet_html(batch: DisbursementBatch) -> str:
    """The printable sheet: one A4 section per branch, the header repeated on every page."""
    return render_to_string(
        "welfare/sign_sheet_pdf.html",
        {"batch": batch, "pages": sign_sheet_pages(batch), "printed_on": timezone.localdate()},
    )


def sign_sheet_pdf(batch: DisbursementBatch) -> bytes:
    """Printed by the product's one bounded PDF path (reports.pdf: a child process with a
    time and memory limit, a fetcher that serves only our static files)."""
    from reports.pdf import render_pdf

    return render_pdf(sign_sheet_html(batch))
