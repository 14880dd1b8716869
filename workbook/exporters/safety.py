"""安全检查: the period's inspections, the hazards found and put right."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from works.choices import InspectionKind
from works.selectors import inspections_in, rate_of

from .base import Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class SafetyExporter(Exporter):
    identifier = "safety"
    verbose_name = "安全检查"
    description = "安全生产和劳动保护监督检查，发现和整改的隐患"
    totals = True
    columns = (
        Column("日期", Kind.DATE),
        Column("类型", width=16),
        Column("检查名称", width=28),
        Column("发现隐患（处）", Kind.INT, total=True),
        Column("已整改（处）", Kind.INT, total=True),
        Column("整改率（%）", Kind.DECIMAL),
        Column("提出整改措施（条）", Kind.INT, total=True),
        Column("备注", width=24),
    )

    def count(self) -> int:
        return inspections_in(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        kind = labels(InspectionKind)
        for i in inspections_in(union=self.union, period=self.period):
            rate = rate_of(i.hazards_fixed, i.hazards_found)
            yield (
                i.date,
                kind.get(i.kind, i.kind),
                i.title,
                i.hazards_found,
                i.hazards_fixed,
                rate,
                i.measures,
                i.notes,
            )
