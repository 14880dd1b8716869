"""The 说明 sheet: what the workbook is, for whom and which period, the check digest of its
indicators, and this installation's signature over everything an import reads."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from .. import format as fmt
from .. import signing
from ..indicators import digest
from ..profile_figures import unit_kind_label
from .base import Column, Exporter, cell_text
from .printing import PrintSetup
from .registry import register

log = logging.getLogger(__name__)

MASKED_NOTE = "已脱敏（身份证号只保留末4位，出生日期只写年份，手机号隐去中间4位）"


def _signature(figures: signing.SignedFigures) -> signing.Signature | None:
    """The signature, or None when the key cannot be had: the file then goes out unsigned
    (an import marks it so and asks for confirmation) rather than not at all."""
    try:
        return signing.sign(figures)
    except signing.SigningKeyError as exc:
        log.error("Workbook exported unsigned: %s", exc)
        return None


@register
class AboutExporter(Exporter):
    identifier = "about"
    verbose_name = fmt.ABOUT_SHEET
    description = "说明：导出单位、统计期间、导出人、指标校验码和数字签名"
    print_setup = PrintSetup()
    columns = (Column(fmt.ABOUT_HEADER[0], width=14), Column(fmt.ABOUT_HEADER[1], width=70))

    def count(self) -> int:
        return len(list(self.rows()))

    def rows(self) -> Iterable[Sequence[Any]]:
        ctx = self.context
        values = {i.key: i.value for i in ctx.indicators}
        rollup = ctx.rollup
        kind = fmt.KIND_ROLLUP if rollup is not None else fmt.KIND_ANNUAL
        exported_at = f"{ctx.generated_at:%Y-%m-%d %H:%M:%S}"
        units = len(rollup.sources) if rollup is not None else 1
        unit_kind = "" if rollup is not None else unit_kind_label(union=ctx.union, year=ctx.period.year)
        yield (fmt.ITEM_PRODUCT, fmt.PRODUCT)
        yield (fmt.ITEM_KIND, kind)
        yield (fmt.ITEM_VERSION, fmt.FORMAT_VERSION)
        yield (fmt.ITEM_UNION_NAME, ctx.union.name)
        yield (fmt.ITEM_UNION_CODE, ctx.union.code)
        # Text, not a number: a count format would show the year as “2,025”.
        yield (fmt.ITEM_YEAR, str(ctx.period.year))
        yield (fmt.ITEM_PERIOD_START, ctx.period.start)
        yield (fmt.ITEM_PERIOD_END, ctx.period.end)
        yield (fmt.ITEM_EXPORTED_AT, exported_at)
        yield (fmt.ITEM_EXPORTED_BY, ctx.generated_by)
        if rollup is None:
            yield (fmt.ITEM_IDS, "完整" if ctx.full_ids else MASKED_NOTE)
        yield (fmt.ITEM_UNITS, str(units))
        if rollup is None:
            yield (fmt.ITEM_UNIT_KIND, unit_kind)
        yield (fmt.ITEM_DIGEST, digest(union_code=ctx.union.code, year=ctx.period.year, values=values))
        signature = _signature(
            signing.SignedFigures(
                kind=kind,
                # As the import will read them back: cleaned by the cell writer, stripped.
                union_name=cell_text(ctx.union.name)[0].strip(),
                union_code=cell_text(ctx.union.code)[0].strip(),
                year=ctx.period.year,
                period_start=ctx.period.start,
                period_end=ctx.period.end,
                units=units,
                exported_at=exported_at,
                values=values,
                unit_kind=unit_kind,
            )
        )
        if signature is not None:
            yield (fmt.ITEM_SIGNATURE_KEY, signature.key_id)
            yield (fmt.ITEM_SIGNATURE, signature.value)
        yield (
            fmt.ITEM_NOTE,
            "本工作簿由工会年报系统导出。“统计指标”表的数字与年度工作总结一致；上级工会可将本文件导入系统参与汇总。"
            + (
                "导出系统用自己的私钥对“统计指标”和“说明”表中导入所读的内容做了数字签名；上级工会登记本系统的签名公钥后，"
                "导入时可验证数字未被改动，签名不符的文件将被拒绝。"
                if signature is not None
                else "本文件未签名（导出系统的签名密钥不可用），导入时将标为“未验证签名”。"
            )
            + "指标校验码只用于发现无意的改动，不能防止有意篡改。"
            + ("台账含个人信息，请妥善保管，不得外传。" if rollup is None else ""),
        )
