"""The indicator sheet (统计指标): the first sheet of the annual and the roll-up workbooks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..codes import TABLES, caption
from ..format import INDICATOR_HEADER, INDICATOR_SHEET
from ..indicators import INDICATORS
from .base import Caption, Column, Exporter, Kind
from .printing import PrintSetup
from .registry import register


@register
class IndicatorExporter(Exporter):
    identifier = "indicators"
    verbose_name = INDICATOR_SHEET
    description = "统计指标：《基层工会调查表》各表的指标，代码、名称、计量单位和数值"
    print_setup = PrintSetup()
    columns = (
        Column(INDICATOR_HEADER[0], Kind.CODE, width=10),
        Column(INDICATOR_HEADER[1], width=40),
        Column(INDICATOR_HEADER[2], width=10),
        Column(INDICATOR_HEADER[3], Kind.NUMBER, width=18),
    )

    def count(self) -> int:
        return len(INDICATORS)

    def rows(self) -> Iterable[Sequence[Any]]:
        """Table by table of the return: its caption, then its items."""
        by_key = {indicator.key: indicator for indicator in self.context.indicators}
        for position, table in enumerate(TABLES):
            yield Caption((caption(position, table),))
            for key in table.keys:
                indicator = by_key[key]
                yield (indicator.code, indicator.label, indicator.unit, indicator.value)


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
