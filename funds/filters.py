"""List filters particular to funds."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from records.filters import Filter, YearFilter
from records.params import year_value
from unions.models import Union


@dataclass
class AuditYearFilter(Filter):
    """Audit notes carry the year they audit, not a date range."""

    param: str = "year"
    label: str = "审查年度"

    def options(self, union: Union) -> list[tuple[str, str]]:
        return [("", "全部年度")] + [
            (value, f"{value}年度") for value, _ in YearFilter(parts_of_years=0).options(union)[1:]
        ]

    def clean(self, value: str, union: Union) -> str | None:
        return value if value == "" or year_value(value) is not None else None

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        year = year_value(value)
        return qs.filter(year=year) if year is not None else qs
