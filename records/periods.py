"""Reporting periods: a value every report, dashboard and workbook is asked about.

A period is a statistical year (the calendar year, or a union's own 12 months: some surveys run
1 October to 30 September), one of its halves or quarters, or the year to a chosen date. It
knows how the text names it (its label, the words inside a sentence, the day figures stand at)
and the same period a year before, which every comparison uses.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from django.db import models

from unions.models import Union

CN_DIGITS = "一二三四"
HALF_NAMES = {1: "上半年", 2: "下半年"}


class PeriodKind(models.TextChoices):
    YEAR = "year", "全年"
    HALF = "half", "半年"
    QUARTER = "quarter", "季度"
    TO_DATE = "to_date", "截至某日"


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _is_month_end(day: dt.date) -> bool:
    return day == _month_end(day)


def _year_earlier(day: dt.date) -> dt.date:
    if _is_month_end(day):
        return _month_end(day.replace(year=day.year - 1, day=1))
    return day.replace(year=day.year - 1)


@dataclass(frozen=True)
class Period:
    year: int  # the statistical year the period belongs to (the year its 12 months end in)
    start: dt.date
    end: dt.date  # inclusive
    kind: str = PeriodKind.YEAR
    part: int = 0  # 1-2 for a half, 1-4 for a quarter

    # --- how the text names it -------------------------------------------------------------

    @property
    def calendar_based(self) -> bool:
        """The statistical year is the calendar year (so "2025年上半年", not "2025年度上半年")."""
        return self.year_start.month == 1

    @property
    def year_start(self) -> dt.date:
        """The first day of the statistical year the period lies in."""
        if self.kind == PeriodKind.HALF:
            return _add_months(self.start, -6 * (self.part - 1))
        if self.kind == PeriodKind.QUARTER:
            return _add_months(self.start, -3 * (self.part - 1))
        return self.start

    def _span(self) -> str:
        """2025年1月至11月 / 2024年10月至2025年8月 / 2025年1月1日至12月20日."""
        start, end = self.start, self.end
        whole = start.day == 1 and _is_month_end(end)
        first = f"{start.year}年{start.month}月" + ("" if whole else f"{start.day}日")
        last = ("" if end.year == start.year else f"{end.year}年") + f"{end.month}月"
        return f"{first}至{last}" + ("" if whole else f"{end.day}日")

    @property
    def label(self) -> str:
        """The period as a title names it: 2025年度, 2025年上半年, 2025年第三季度, 2025年1月至11月."""
        prefix = f"{self.year}年" if self.calendar_based else f"{self.year}年度"
        if self.kind == PeriodKind.HALF:
            return prefix + HALF_NAMES[self.part]
        if self.kind == PeriodKind.QUARTER:
            return f"{prefix}第{CN_DIGITS[self.part - 1]}季度"
        if self.kind == PeriodKind.TO_DATE:
            return self._span()
        if self.start.month == 1:
            return f"{self.year}年度"
        return f"{self.start:%Y}年{self.start.month}月至{self.end:%Y}年{self.end.month}月"

    @property
    def words(self) -> str:
        """The period inside a sentence: 全年 / 上半年 / 三季度 / 1-11月 ("全年组织开展…")."""
        if self.kind == PeriodKind.HALF:
            return HALF_NAMES[self.part]
        if self.kind == PeriodKind.QUARTER:
            return f"{CN_DIGITS[self.part - 1]}季度"
        if self.kind == PeriodKind.TO_DATE:
            start, end = self.start, self.end
            if start.year == end.year and start.day == 1 and _is_month_end(end):
                return f"{start.month}月" if start.month == end.month else f"{start.month}-{end.month}月"
            return self._span()
        return "全年"

    @property
    def this_words(self) -> str:
        """本年度 for a year; the period's own words otherwise ("上半年顺利完成换届")."""
        return "本年度" if self.kind == PeriodKind.YEAR else self.words

    @property
    def as_of(self) -> str:
        """The day stock figures stand at: 截至年底 / 截至6月底 / 截至12月20日."""
        end = self.end
        if not _is_month_end(end):
            return f"截至{end.month}月{end.day}日"
        return "截至年底" if end.month == 12 else f"截至{end.month}月底"

    @property
    def compared_with(self) -> str:
        """What a comparison names: 上年 for a year, 上年同期 for a half, quarter or months so far."""
        return "上年" if self.kind == PeriodKind.YEAR else "上年同期"

    @property
    def summary_words(self) -> str:
        """What the opening says follows: 现将【全年工作】总结如下."""
        if self.kind == PeriodKind.HALF and self.part == 1:
            return "上半年工作情况和下半年工作安排"
        if self.kind == PeriodKind.YEAR:
            return "本年度工作"
        return f"{self.words}工作情况"

    @property
    def plans_heading(self) -> str:
        """The default heading of the closing, staff-written part on the work ahead."""
        if self.kind == PeriodKind.HALF:
            return "下半年工作安排" if self.part == 1 else "下一年工作打算"
        if self.kind == PeriodKind.QUARTER:
            return "下一季度工作安排" if self.part < 4 else "下一年工作打算"
        if self.kind == PeriodKind.TO_DATE:
            return "下一步工作打算"
        return "下一年工作打算"

    @property
    def code(self) -> str:
        """How a URL names the period: 2025, 2025-H1, 2025-Q3, 2025-11-30 (to that day)."""
        if self.kind == PeriodKind.HALF:
            return f"{self.year}-H{self.part}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.part}"
        if self.kind == PeriodKind.TO_DATE:
            return self.end.isoformat()
        return str(self.year)

    # --- arithmetic ------------------------------------------------------------------------

    def previous(self) -> Period:
        """The same period a year before (what 同比 compares with)."""
        return replace(self, year=self.year - 1, start=_year_earlier(self.start), end=_year_earlier(self.end))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def counted_until(self, today: dt.date) -> Period:
        """What a draft made on `today` can speak for: the whole period once it has ended, else
        the months of it that have ended (截至11月底), or the days so far within its first month."""
        if today > self.end or today < self.start:
            return self
        through = _add_months(today, 0) - dt.timedelta(days=1)  # the last day of the month before
        if through < self.start:
            through = today
        return Period(self.year, self.start, through, PeriodKind.TO_DATE)


def is_whole_year(start: dt.date, end: dt.date) -> bool:
    """Twelve whole months from the first of a month (what a roll-up can add up)."""
    return start.day == 1 and end == _add_months(start, 12) - dt.timedelta(days=1)


def period_of(year: int, start_month: int = 1) -> Period:
    if start_month == 1:
        return Period(year, dt.date(year, 1, 1), dt.date(year, 12, 31))
    start = dt.date(year - 1, start_month, 1)
    end = dt.date(year, start_month, 1) - dt.timedelta(days=1)
    return Period(year, start, end)


def period_for(union: Union, year: int) -> Period:
    return period_of(year, union.period_start_month)


def part_of(year_period: Period, kind: str, part: int) -> Period:
    """Half `part` (1-2) or quarter `part` (1-4) of a statistical year."""
    months = {PeriodKind.HALF: 6, PeriodKind.QUARTER: 3}[PeriodKind(kind)]
    if not 1 <= part <= 12 // months:
        raise ValueError(f"no part {part} of kind {kind}")
    start = _add_months(year_period.start, months * (part - 1))
    end = _add_months(start, months) - dt.timedelta(days=1)
    return Period(year_period.year, start, end, kind, part)


def half_of(union: Union, year: int, part: int) -> Period:
    return part_of(period_for(union, year), PeriodKind.HALF, part)


def quarter_of(union: Union, year: int, part: int) -> Period:
    return part_of(period_for(union, year), PeriodKind.QUARTER, part)


def current_period(union: Union, today: dt.date | None = None) -> Period:
    today = today or dt.date.today()
    month = union.period_start_month
    year = today.year if month == 1 or today.month < month else today.year + 1
    return period_of(year, month)


def to_date(union: Union, day: dt.date) -> Period:
    """From the start of the statistical year `day` falls in, to `day` itself."""
    year = current_period(union, day)
    return Period(year.year, year.start, day, PeriodKind.TO_DATE)


def build_period(
    union: Union, *, kind: str, year: int, part: int = 0, as_of: dt.date | None = None
) -> Period:
    """The period of `kind`; ValueError when the parts do not make one."""
    if kind == PeriodKind.YEAR:
        return period_for(union, year)
    if kind in (PeriodKind.HALF, PeriodKind.QUARTER):
        return part_of(period_for(union, year), kind, part)
    if kind == PeriodKind.TO_DATE:
        if as_of is None:
            raise ValueError("a to-date period needs its day")
        period = to_date(union, as_of)
        if period.year != year:
            raise ValueError("the day is not in that statistical year")
        return period
    raise ValueError(f"unknown period kind {kind!r}")


_CODE = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<kind>[HQ])(?P<part>[1-4]))?|(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})"
)


def period_from_code(union: Union, code: str, *, min_year: int = 1900, max_year: int = 2100) -> Period | None:
    """The period a `Period.code` names for `union`, or None for anything else."""
    match = _CODE.fullmatch(code)
    if not match:
        return None
    try:
        if match["day"]:
            day = dt.date.fromisoformat(match["day"])
            period = to_date(union, day)
        else:
            year = int(match["year"])
            if match["kind"] is None:
                period = period_for(union, year)
            else:
                kind = PeriodKind.HALF if match["kind"] == "H" else PeriodKind.QUARTER
                period = part_of(period_for(union, year), kind, int(match["part"]))
    except ValueError:
        return None
    return period if min_year <= period.year <= max_year else None


def is_period_code(text: str) -> bool:
    """`text` has the shape of a `Period.code` (a field may check it before it knows the union)."""
    return _CODE.fullmatch(text) is not None


def periods_offered(union: Union, *, years: int = 6, today: dt.date | None = None) -> list[Period]:
    """The periods a selector offers, newest first: the year to the end of last month, each
    statistical year with its halves, and the quarters of this year and last."""
    latest = current_period(union, today)
    offered: list[Period] = []
    to_last_month = latest.counted_until(today or dt.date.today())
    if to_last_month.kind == PeriodKind.TO_DATE:
        offered.append(to_last_month)
    for back in range(years):
        year = period_for(union, latest.year - back)
        offered.append(year)
        offered += [part_of(year, PeriodKind.HALF, n) for n in (1, 2)]
        if back < 2:
            offered += [part_of(year, PeriodKind.QUARTER, n) for n in (1, 2, 3, 4)]
    return offered
