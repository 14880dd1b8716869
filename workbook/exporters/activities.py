"""活动台账: the period's activities by start date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from activities.choices import ActivityCategory
from activities.selectors import activities_in

from .base import Column, Exporter, Kind
from .members import CHUNK, labels
from .registry import register


@register
class ActivityExporter(Exporter):
    identifier = "activities"
    verbose_name = "活动台账"
    description = "本期开展的活动，合计与“活动参加职工”“活动经费”一致"
    totals = True
    columns = (
        Column("开始日期", Kind.DATE),
        Column("结束日期", Kind.DATE),
        Column("类别", width=16),
        Column("活动名称", width=28),
        Column("地点", width=16),
        Column("组织分会", width=16),
        Column("参加人次", Kind.INT, total=True),
        Column("其中女职工人次", Kind.INT, total=True),
        Column("经费（元）", Kind.MONEY, total=True),
        Column("成绩/奖项", width=24),
        Column("活动内容", width=40),
    )
    FIELDS = (
        "start_date",
        "end_date",
        "category",
        "title",
        "place",
        "branch__name",
        "participants",
        "women_participants",
        "cost",
        "results",
        "description",
    )

    def _queryset(self):  # type: ignore[no-untyped-def]
        return activities_in(union=self.union, period=self.period)

    def count(self) -> int:
        return self._queryset().count()

    def rows(self) -> Iterable[Sequence[Any]]:
        category = labels(ActivityCategory)
        for row in self._queryset().values_list(*self.FIELDS).iterator(chunk_size=CHUNK):
            values = list(row)
            values[2] = category.get(values[2], values[2])
            yield values
