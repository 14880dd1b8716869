"""Dates the union's year turns on: the lunar festivals and working days.

春节 and 中秋 follow the lunar calendar, so their Gregorian dates move by weeks from year to
year; a handout "ten days before 春节" must land in late January one year and early February
the next. The table covers the years the demo can plausibly run in; outside it the dates
fall back to a typical day, which keeps the demo working, only less exact.
"""

from __future__ import annotations

import datetime as dt

# fmt: off
SPRING_FESTIVAL = {
    2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
    2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3), 2031: (1, 23),
    2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
}
MID_AUTUMN = {
    2020: (10, 1), 2021: (9, 21), 2022: (9, 10), 2023: (9, 29), 2024: (9, 17), 2025: (10, 6),
    2026: (9, 25), 2027: (9, 15), 2028: (10, 3), 2029: (9, 22), 2030: (9, 12), 2031: (10, 1),
    2032: (9, 19), 2033: (9, 8), 2034: (9, 27), 2035: (9, 16),
}
# fmt: on


def spring_festival(year: int) -> dt.date:
    return dt.date(year, *SPRING_FESTIVAL.get(year, (2, 5)))


def mid_autumn(year: int) -> dt.date:
    return dt.date(year, *MID_AUTUMN.get(year, (9, 20)))


def workday(day: dt.date) -> dt.date:
    """`day`, or the Friday before it when it falls on a weekend (offices are shut)."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def weekend(day: dt.date) -> dt.date:
    """The Saturday of `day`'s week: sport and outings are held when the shifts are off."""
    return day + dt.timedelta(days=5 - day.weekday())
