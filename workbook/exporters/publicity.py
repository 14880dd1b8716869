"""宣传教育台账: the period's study sessions, articles and 信息, with what was adopted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from works.choices import OutletLevel, PublicityKind
from works.selectors import publicity_in

from .base import Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class PublicityExporter(Exporter):
    identifier = "publicity"
    verbose_name = "宣传教育"
    description = "政治理论学习、宣传稿件和工会信息的报送与采用"
    totals = True
    columns = (
        Column("日期", Kind.DATE),
        Column("类型", width=16),
        Column("主题", width=30),
        Column("参加人次", Kind.INT, total=True),
        Column("报送刊物或单位", width=20),
        Column("采用级别"),
        Column("报送篇（条）数", Kind.INT, total=True),
        Column("采用篇（条）数", Kind.INT, total=True),
        Column("备注", width=24),
    )
    FIELDS = (
        "date",
        "kind",
        "title",
        "participants",
        "outlet",
        "outlet_level",
        "submitted",
        "adopted",
        "notes",
    )

    def count(self) -> int:
        return publicity_in(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        kind, level = labels(PublicityKind), labels(OutletLevel)
        for row in publicity_in(union=self.union, period=self.period).values_list(*self.FIELDS):
            values = list(row)
            values[1] = kind.get(values[1], values[1])
            values[5] = level.get(values[5], values[5])
            yield values
