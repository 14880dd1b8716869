"""逻辑检查 of a roll-up workbook: the totals' findings, then each union's and imported
return's, so the county sees in the file whom to chase."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .base import Column, Exporter, Kind
from .printing import PrintSetup
from .registry import register

TOTALS = "汇总数"


@register
class RollupChecksExporter(Exporter):
    identifier = "rollup_checks"
    verbose_name = "逻辑检查"
    description = "汇总数和各单位的逻辑检查结果"
    print_setup = PrintSetup(landscape=True, autofilter=True)
    columns = (
        Column("单位", width=28),
        Column("工会代码", Kind.CODE),
        Column("来源", width=18),
        Column("类别", width=6),
        Column("规则", width=36),
        Column("说明", width=60),
    )

    def _rows(self) -> list[tuple[Any, ...]]:
        from ..survey.federation import review_rollup

        checked = review_rollup(self.context.rollup)
        rows: list[tuple[Any, ...]] = []
        for failure in checked.totals.failures:
            rows.append((TOTALS, self.union.code, "", _kind(failure), failure.rule, failure.message))
        for item in checked.sources:
            for failure in item.review.failures:
                source = item.source
                rows.append(
                    (
                        source.name,
                        source.code,
                        source.origin_label,
                        _kind(failure),
                        failure.rule,
                        failure.message,
                    )
                )
        if not rows:
            rows.append((TOTALS, self.union.code, "", "", "", "汇总数和各单位的逻辑检查全部通过。"))
        return rows

    def count(self) -> int:
        return len(self._rows())

    def rows(self) -> Iterable[Sequence[Any]]:
        return self._rows()


def _kind(failure: Any) -> str:
    return "错误" if failure.is_error else "提示"
