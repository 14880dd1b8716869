"""创新成果: the period's innovation results by level, with their benefit in 万元."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from works.choices import InnovationKind, InnovationLevel
from works.selectors import innovations_in

from .base import Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class InnovationExporter(Exporter):
    identifier = "innovation"
    verbose_name = "创新成果"
    description = "职工技术创新成果及其级别和经济效益"
    totals = True
    columns = (
        Column("认定日期", Kind.DATE),
        Column("成果名称", width=28),
        Column("类型"),
        Column("级别"),
        Column("完成人（团队）", width=20),
        Column("经济效益（万元）", Kind.MONEY, total=True),
        Column("备注", width=24),
    )
    FIELDS = ("date", "title", "kind", "level", "team", "benefit", "notes")

    def count(self) -> int:
        return innovations_in(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        kind, level = labels(InnovationKind), labels(InnovationLevel)
        for row in innovations_in(union=self.union, period=self.period).values_list(*self.FIELDS):
            values = list(row)
            values[2] = kind.get(values[2], values[2])
            values[3] = level.get(values[3], values[3])
            yield values
