"""劳模关爱台账: allowances, recuperation, forums and visits of the period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from members.choices import ModelWorkerLevel
from works.choices import CareKind
from works.selectors import care_in

from .base import Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class ModelWorkerCareExporter(Exporter):
    identifier = "model_worker_care"
    verbose_name = "劳模关爱"
    description = "劳模津贴、疗休养、座谈和走访慰问"
    totals = True
    columns = (
        Column("日期", Kind.DATE),
        Column("类型"),
        Column("事项", width=28),
        Column("劳模", width=12),
        Column("劳模级别"),
        Column("人次", Kind.INT, total=True),
        Column("金额（元）", Kind.MONEY, total=True),
        Column("备注", width=24),
    )

    def count(self) -> int:
        return care_in(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        kind, level = labels(CareKind), labels(ModelWorkerLevel)
        for c in care_in(union=self.union, period=self.period):
            member = c.member
            yield (
                c.date,
                kind.get(c.kind, c.kind),
                c.title,
                member.name if member else "",
                level.get(member.model_worker_level, "") if member else "",
                c.persons,
                c.amount,
                c.notes,
            )
