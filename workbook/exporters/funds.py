"""经费收支: the period's income and spending by category (as the report states them, with
welfare disbursements paid from union funds as their own line), then every fund entry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from funds.choices import INCOME_CATEGORIES, SPENDING_CATEGORIES, Category, Direction
from funds.selectors import fund_summary

from ..selectors import fund_entries_in
from .base import Block, Column, Exporter, Kind
from .members import CHUNK, labels
from .registry import register

WELFARE_NOTE = "由帮扶慰问发放记录自动汇总（已发放、工会经费列支）"


@register
class FundsExporter(Exporter):
    identifier = "funds"
    verbose_name = "经费收支"
    description = "收支汇总（合计与“经费收入”“经费支出”一致）和收支明细"
    summary_columns = (
        Column("科目", width=22),
        Column("收入（元）", Kind.MONEY, total=True),
        Column("支出（元）", Kind.MONEY, total=True),
        Column("说明", width=40),
    )
    entry_columns = (
        Column("日期", Kind.DATE),
        Column("凭证号", Kind.CODE),
        Column("收支", width=6),
        Column("科目", width=22),
        Column("摘要", width=36),
        Column("收入（元）", Kind.MONEY, total=True),
        Column("支出（元）", Kind.MONEY, total=True),
    )

    # Every category of both directions, then the welfare line.
    SUMMARY_LINES = len(INCOME_CATEGORIES) + len(SPENDING_CATEGORIES) + 1

    def count(self) -> int:
        return self.SUMMARY_LINES + fund_entries_in(union=self.union, period=self.period).count()

    def blocks(self) -> list[Block]:
        return [
            Block(self.summary_columns, self._summary(), title="收支汇总", totals=True),
            Block(self.entry_columns, self._entries(), title="收支明细", totals=True),
        ]

    def _summary(self) -> Iterable[Sequence[Any]]:
        summary = fund_summary(union=self.union, period=self.period)
        for line in summary.income:
            yield (line.label, line.amount, None, "")
        for line in summary.spending:
            yield (line.label, None, line.amount, WELFARE_NOTE if line.derived else "")

    def _entries(self) -> Iterable[Sequence[Any]]:
        category, direction = labels(Category), labels(Direction)
        rows = (
            fund_entries_in(union=self.union, period=self.period)
            .values_list("date", "voucher", "direction", "category", "description", "amount")
            .iterator(chunk_size=CHUNK)
        )
        for date, voucher, d, cat, description, amount in rows:
            income = d == Direction.INCOME
            yield (
                date,
                voucher,
                direction.get(d, d),
                category.get(cat, cat),
                description,
                amount if income else None,
                None if income else amount,
            )
