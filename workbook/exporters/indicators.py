"""The indicator sheet (统计指标): the first sheet of the annual and the roll-up workbooks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..format import INDICATOR_HEADER, INDICATOR_SHEET
from ..indicators import INDICATORS
from .base import Column, Exporter, Kind
from .registry import register


@register
class IndicatorExporter(Exporter):
    identifier = "indicators"
    verbose_name = INDICATOR_SHEET
    description = "统计指标：会员、民主管理、劳动竞赛、帮扶救助、维权、经费等汇总数字"
    columns = (
        Column(INDICATOR_HEADER[0], width=18),
        Column(INDICATOR_HEADER[1], width=30),
        Column(INDICATOR_HEADER[2], width=34),
        Column(INDICATOR_HEADER[3], width=6),
        Column(INDICATOR_HEADER[4], Kind.NUMBER, width=16),
    )

    def count(self) -> int:
        return len(INDICATORS)

    def rows(self) -> Iterable[Sequence[Any]]:
        for indicator in self.context.indicators:
            yield (indicator.group, indicator.key, indicator.label, indicator.unit, indicator.value)


@register
class RollupBreakdownExporter(Exporter):
    """分单位明细: one row per union (and imported report) of a roll-up, one column per
    indicator, then the total."""

    identifier = "rollup_breakdown"
    verbose_name = "分单位明细"
    description = "汇总表中各工会（含导入的外部年报）的指标明细"
    totals = True

    @property
    def columns(self) -> Sequence[Column]:  # type: ignore[override]
        fixed = [
            Column("工会名称", width=28),
            Column("工会代码", Kind.CODE),
            Column("来源", width=20),
            Column("统计期间", width=24),
        ]
        return fixed + [
            Column(f"{d.label}（{d.unit}）", Kind.MONEY if d.is_money else Kind.INT, total=True)
            for d in INDICATORS
        ]

    def count(self) -> int:
        return len(self.context.rollup.sources)

    def rows(self) -> Iterable[Sequence[Any]]:
        for source in self.context.rollup.sources:
            yield [source.name, source.code, source.origin_label, source.period_label] + [
                source.values[d.key] for d in INDICATORS
            ]
