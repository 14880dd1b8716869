"""Reporting periods: the calendar year by default, or a union's own 12 months
(some surveys run 1 October to 30 September)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unions.models import Union


@dataclass(frozen=True)
class Period:
    year: int  # the year the period ends in
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        if self.start.month == 1:
            return f"{self.year}年度"
        return f"{self.start:%Y}年{self.start.month}月至{self.end:%Y}年{self.end.month}月"

    def previous(self) -> Period:
        return period_of(self.year - 1, self.start.month)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def period_of(year: int, start_month: int = 1) -> Period:
    if start_month == 1:
        return Period(year, dt.date(year, 1, 1), dt.date(year, 12, 31))
    start = dt.date(year - 1, start_month, 1)
    end = dt.date(year, start_month, 1) - dt.timedelta(days=1)
    return Period(year, start, end)


def period_for(union: Union, year: int) -> Period:
    return period_of(year, union.period_start_month)


def current_period(union: Union, today: dt.date | None = None) -> Period:
    today = today or dt.date.today()
    month = union.period_start_month
    year = today.year if month == 1 or today.month < month else today.year + 1
    return period_of(year, month)
