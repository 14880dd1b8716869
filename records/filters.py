"""Filters for record list pages: each reads one GET parameter and narrows a queryset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from unions.models import Union

from .params import date_value, id_value, period_value
from .periods import PeriodKind, current_period, part_of, period_for


@dataclass
class Filter:
    param: str
    label: str

    def options(self, union: Union) -> list[tuple[str, str]]:
        raise NotImplementedError

    def clean(self, value: str, union: Union) -> str | None:
        """`value` as `apply` takes it, or None when no option of this filter can mean it
        (records/params.py: then the filter is treated as absent, with a notice)."""
        return value if value == "" or value in {v for v, _ in self.options(union)} else None

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        raise NotImplementedError

    def default(self, union: Union) -> str:
        return ""

    def value_label(self, value: str, union: Union) -> str:
        """How the select names a value none of its options has (a day a link named)."""
        return value


@dataclass
class YearFilter(Filter):
    """The union's reporting period: a statistical year (calendar year unless the union says
    otherwise), or any period a `Period.code` names (2025-H1, 2025-Q3, 2025-11-30 for the
    year to that day), so a dashboard card of a half year opens that half year's rows.
    `date_field` is the record's date; records spanning periods match on their start."""

    param: str = "year"
    label: str = "年度"
    date_field: str = "date"
    first_year: int = 2015
    parts_of_years: int = 2  # the latest years whose halves and quarters are offered too

    def options(self, union: Union) -> list[tuple[str, str]]:
        last = current_period(union).year
        options = [("all", "全部年度")]
        for back, y in enumerate(range(last, self.first_year - 1, -1)):
            year = period_for(union, y)
            options.append((str(y), year.label))
            if back < self.parts_of_years:
                parts = [part_of(year, PeriodKind.HALF, n) for n in (1, 2)]
                parts += [part_of(year, PeriodKind.QUARTER, n) for n in (1, 2, 3, 4)]
                options += [(p.code, p.label) for p in parts]
        return options

    def default(self, union: Union) -> str:
        return str(current_period(union).year)

    def clean(self, value: str, union: Union) -> str | None:
        # Any plausible period, not only the listed ones: an old link still works.
        return value if value in ("", "all") or period_value(union, value) is not None else None

    def value_label(self, value: str, union: Union) -> str:
        period = period_value(union, value)
        return period.label if period else value

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        period = period_value(union, value)
        if period is None:
            return qs
        return qs.filter(**{f"{self.date_field}__range": (period.start, period.end)})


@dataclass
class ChoiceFilter(Filter):
    field_name: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    # Options standing for several values, e.g. {"counted": ("计入统计（已审批+已发放）", [...])}:
    # the set a figure counts, so its card can open exactly those rows.
    groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)

    def options(self, union: Union) -> list[tuple[str, str]]:
        grouped = [(key, label) for key, (label, _) in self.groups.items()]
        return [("", "全部"), *grouped] + [(str(v), str(label)) for v, label in self.choices]

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        if value in self.groups:
            return qs.filter(**{f"{self.field_name}__in": self.groups[value][1]})
        valid = {str(v) for v, _ in self.choices}
        return qs.filter(**{self.field_name: value}) if value in valid else qs


@dataclass
class OnDateFilter(Filter):
    """Records in a state on one day: a hardship file open, a contract in force. `condition`
    is the selectors' own Q for that state, so a dashboard figure and its list agree."""

    param: str = "on"
    label: str = "截至日期"
    condition: Callable[[dt.date], Q] | None = None

    def options(self, union: Union) -> list[tuple[str, str]]:
        today = dt.date.today()
        periods = [period_for(union, y) for y in range(current_period(union).year - 1, 2014, -1)]
        ends = [(p.end.isoformat(), f"{p.label}末（{p.end:%Y-%m-%d}）") for p in periods]
        return [("", "不限"), (today.isoformat(), f"今天（{today:%Y-%m-%d}）"), *ends]

    def clean(self, value: str, union: Union) -> str | None:
        # Any real day, not only the listed ones: a dashboard card names its own.
        return value if value == "" or date_value(value) is not None else None

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        day = date_value(value)
        if day is None or self.condition is None:
            return qs
        return qs.filter(self.condition(day))


@dataclass
class BranchFilter(Filter):
    param: str = "branch"
    label: str = "分会"
    field_name: str = "branch"

    def options(self, union: Union) -> list[tuple[str, str]]:
        return [("", "全部分会")] + [(str(b.pk), b.name) for b in union.branches.all()]

    def clean(self, value: str, union: Union) -> str | None:
        return value if value == "" or id_value(value) is not None else None

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        branch = id_value(value)
        return qs.filter(**{f"{self.field_name}_id": branch}) if branch is not None else qs


@dataclass
class BoolFilter(Filter):
    field_name: str = ""

    def options(self, union: Union) -> list[tuple[str, str]]:
        return [("", "全部"), ("1", "是"), ("0", "否")]

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        return qs.filter(**{self.field_name: value == "1"}) if value in ("0", "1") else qs


def search(qs: QuerySet, fields: list[str], text: str) -> QuerySet:
    text = text.strip()
    if not text or not fields:
        return qs
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": text})
    return qs.filter(condition)


@dataclass
class ConditionFilter(Filter):
    """One named condition the selectors define (复核到期): the to-do panel's count and the
    list it opens then agree. `condition` gets today's date."""

    option: str = ""
    condition: Callable[[dt.date], Q] | None = None

    def options(self, union: Union) -> list[tuple[str, str]]:
        return [("", "全部"), ("1", self.option)]

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        if value != "1" or self.condition is None:
            return qs
        return qs.filter(self.condition(dt.date.today()))
