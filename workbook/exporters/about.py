"""The 说明 sheet: what the workbook is, for whom and which period, and the check digest of
its indicators that an import verifies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .. import format as fmt
from ..indicators import digest
from .base import Column, Exporter
from .registry import register


@register
class AboutExporter(Exporter):
    identifier = "about"
    verbose_name = fmt.ABOUT_SHEET
    description = "说明：导出单位、统计期间、导出人和指标校验码"
    columns = (Column(fmt.ABOUT_HEADER[0], width=14), Column(fmt.ABOUT_HEADER[1], width=70))

    def count(self) -> int:
        return len(list(self.rows()))

    def rows(self) -> Iterable[Sequence[Any]]:
        ctx = self.context
        values = {i.key: i.value for i in ctx.indicators}
        rollup = ctx.rollup
        yield (fmt.ITEM_PRODUCT, fmt.PRODUCT)
        yield (fmt.ITEM_KIND, fmt.KIND_ROLLUP if rollup is not None else fmt.KIND_ANNUAL)
        yield (fmt.ITEM_VERSION, fmt.FORMAT_VERSION)
        yield (fmt.ITEM_UNION_NAME, ctx.union.name)
        yield (fmt.ITEM_UNION_CODE, ctx.union.code)
        yield (fmt.ITEM_YEAR, ctx.period.year)
        yield (fmt.ITEM_PERIOD_START, ctx.period.start)
        yield (fmt.ITEM_PERIOD_END, ctx.period.end)
        yield (fmt.ITEM_EXPORTED_AT, f"{ctx.generated_at:%Y-%m-%d %H:%M:%S}")
        yield (fmt.ITEM_EXPORTED_BY, ctx.generated_by)
        if rollup is None:
            yield (fmt.ITEM_IDS, "完整" if ctx.full_ids else "已脱敏（只保留末4位，出生日期只写年份）")
        yield (fmt.ITEM_UNITS, len(rollup.sources) if rollup is not None else 1)
        yield (fmt.ITEM_DIGEST, digest(union_code=ctx.union.code, year=ctx.period.year, values=values))
        yield (
            fmt.ITEM_NOTE,
            "本工作簿由工会年报系统导出。“统计指标”表的数字与年度工作总结一致；上级工会可将本文件导入系统参与汇总，"
            "导入时按指标校验码核对，导出后修改过数字的文件将被拒绝。"
            + ("台账含个人信息，请妥善保管，不得外传。" if rollup is None else ""),
        )
