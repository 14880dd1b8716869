"""封面: the cover of the statistics return (《基层工会调查表》), from the union's settings and
its year profile: codes 901-904, 统一社会信用代码, who signs and fills it in, the day it is filed."""

from __future__ import annotations

from typing import Any

from ..profile_figures import unit_kind_label
from .base import Block, Column, Exporter, Kind
from .printing import PrintSetup
from .registry import register

UNFILLED = "（未填写）"
COVER_TITLE = "基层工会调查表"
COLUMNS = (Column("代码", Kind.CODE, width=8), Column("项目", width=24), Column("内容", width=46))


def _filled(value: str) -> str:
    return value or UNFILLED


@register
class CoverExporter(Exporter):
    identifier = "survey_cover"
    verbose_name = "封面"
    description = "封面：基层工会统计编码、名称、行政区划代码、组织类型、统一社会信用代码、负责人和填表人"
    print_setup = PrintSetup(repeat_header=False)

    def count(self) -> int:
        return sum(len(list(block.rows)) for block in self.blocks())

    def blocks(self) -> list[Block]:
        ctx, union = self.context, self.union
        if ctx.rollup is not None:
            title = f"基层以上工会调查表（{self.period.label}）"
        else:
            title = f"{COVER_TITLE}（{self.period.label}）"
        codes: list[tuple[Any, ...]] = [
            ("901", "基层工会统计编码", _filled(union.stat_code)),
            ("902", "工会名称", union.name),
            ("903", "所在地行政区划代码", _filled(union.area_code)),
            ("904", "组织类型", union.get_org_type_display()),
            ("", "统一社会信用代码", _filled(union.credit_code)),
            ("", "单位类型", self._unit_kind()),
            ("", "统计期间", f"{self.period.start:%Y年%m月%d日}至{self.period.end:%Y年%m月%d日}"),
        ]
        filing = [
            ("", "单位负责人", _filled(union.head_name)),
            ("", "填表人", _filled(union.filler_name)),
            ("", "联系电话", _filled(union.contact_phone)),
            ("", "报出日期", f"{ctx.today:%Y年%m月%d日}"),
        ]
        blocks = [Block(COLUMNS, codes, title=title), Block(COLUMNS, filing, title="填报")]
        blocks.append(Block(COLUMNS, self._checks(), title="逻辑检查"))
        return blocks

    def _checks(self) -> list[tuple[Any, ...]]:
        """The logic checks as run on the figures this workbook carries, at export time."""
        from ..survey.review import review_values

        review = review_values({i.key: i.value for i in self.context.indicators})
        rows: list[tuple[Any, ...]] = [("", "结果", review.summary())]
        for failure in review.failures:
            rows.append(("", "错误" if failure.is_error else "提示", failure.message))
        return rows

    def _unit_kind(self) -> str:
        if self.context.rollup is not None:
            return "（汇总）"
        return _filled(unit_kind_label(union=self.union, year=self.period.year))
