"""职工之家（书屋）: the homes and libraries standing at the period's end."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from works.choices import HomeKind, HomeLevel
from works.selectors import homes_at

from .base import Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class WorkersHomeExporter(Exporter):
    identifier = "workers_homes"
    verbose_name = "职工之家"
    description = "期末建成的职工之家和职工书屋，及其命名级别和藏书"
    totals = True
    columns = (
        Column("名称", width=28),
        Column("类型"),
        Column("所在单位（分会）", width=20),
        Column("建成日期", Kind.DATE),
        Column("命名级别"),
        Column("命名日期", Kind.DATE),
        Column("藏书（册）", Kind.INT, total=True),
        Column("备注", width=24),
    )
    FIELDS = ("name", "kind", "unit", "built_on", "level", "recognised_on", "books", "notes")

    def count(self) -> int:
        return homes_at(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        kind, level = labels(HomeKind), labels(HomeLevel)
        for row in homes_at(union=self.union, period=self.period).values_list(*self.FIELDS):
            values = list(row)
            values[1] = kind.get(values[1], values[1])
            values[4] = f"{level[values[4]]}模范" if values[4] in level else ""
            yield values
