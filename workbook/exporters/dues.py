"""经费收缴: what was due and what was paid, with the completion rate of each row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from works.choices import DuesItem
from works.selectors import dues_in, rate_of

from .base import Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class DuesExporter(Exporter):
    identifier = "dues"
    verbose_name = "经费收缴"
    description = "会员会费和拨缴经费的应缴、实缴与完成率"
    totals = True
    columns = (
        Column("日期", Kind.DATE),
        Column("项目", width=16),
        Column("缴纳单位（分会）", width=20),
        Column("应缴金额（元）", Kind.MONEY, total=True),
        Column("实缴金额（元）", Kind.MONEY, total=True),
        Column("完成率（%）", Kind.DECIMAL),
        Column("备注", width=24),
    )

    def count(self) -> int:
        return dues_in(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        item = labels(DuesItem)
        for d in dues_in(union=self.union, period=self.period):
            yield (d.date, item.get(d.item, d.item), d.payer, d.due, d.paid, rate_of(d.paid, d.due), d.notes)
