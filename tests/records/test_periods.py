"""Every kind of period: its dates, label, words in the text, the day it stands at, the same
period a year before, and its code in a URL."""

from __future__ import annotations

import datetime as dt

import pytest

from records.periods import (
    PeriodKind,
    build_period,
    half_of,
    period_for,
    period_from_code,
    periods_offered,
    quarter_of,
    to_date,
)

D = dt.date


def test_a_calendar_year(union):
    p = period_for(union, 2025)
    assert (p.start, p.end, p.kind) == (D(2025, 1, 1), D(2025, 12, 31), PeriodKind.YEAR)
    assert (p.label, p.words, p.this_words, p.as_of) == ("2025年度", "全年", "本年度", "截至年底")
    assert p.plans_heading == "下一年工作打算"
    assert (p.previous().start, p.previous().end) == (D(2024, 1, 1), D(2024, 12, 31))


def test_halves_of_a_calendar_year(union):
    first, second = half_of(union, 2025, 1), half_of(union, 2025, 2)
    assert (first.start, first.end) == (D(2025, 1, 1), D(2025, 6, 30))
    assert (second.start, second.end) == (D(2025, 7, 1), D(2025, 12, 31))
    assert (first.label, first.words, first.this_words, first.as_of) == (
        "2025年上半年",
        "上半年",
        "上半年",
        "截至6月底",
    )
    assert (second.label, second.words, second.as_of) == ("2025年下半年", "下半年", "截至年底")
    assert first.plans_heading == "下半年工作安排"
    assert second.plans_heading == "下一年工作打算"
    before = first.previous()
    assert (before.start, before.end, before.kind, before.part) == (D(2024, 1, 1), D(2024, 6, 30), "half", 1)
    assert before.label == "2024年上半年"


def test_halves_and_quarters_follow_the_unions_start_month(union):
    union.period_start_month = 10  # 2025: 2024-10-01 .. 2025-09-30
    first = half_of(union, 2025, 1)
    assert (first.start, first.end) == (D(2024, 10, 1), D(2025, 3, 31))
    assert first.label == "2025年度上半年" and first.as_of == "截至3月底"
    q4 = quarter_of(union, 2025, 4)
    assert (q4.start, q4.end) == (D(2025, 7, 1), D(2025, 9, 30))
    assert q4.label == "2025年度第四季度"


def test_quarters(union):
    q1 = quarter_of(union, 2024, 1)
    assert (q1.start, q1.end, q1.label, q1.words, q1.as_of) == (
        D(2024, 1, 1),
        D(2024, 3, 31),
        "2024年第一季度",
        "一季度",
        "截至3月底",
    )
    assert q1.plans_heading == "下一季度工作安排"
    # 2024 is a leap year; the quarter a year before ends on 31 March all the same.
    assert (q1.previous().start, q1.previous().end) == (D(2023, 1, 1), D(2023, 3, 31))
    with pytest.raises(ValueError):
        quarter_of(union, 2024, 5)


def test_year_to_a_month_end(union):
    p = to_date(union, D(2025, 11, 30))
    assert (p.start, p.end, p.kind, p.year) == (D(2025, 1, 1), D(2025, 11, 30), "to_date", 2025)
    assert (p.label, p.words, p.this_words, p.as_of) == ("2025年1月至11月", "1-11月", "1-11月", "截至11月底")
    before = p.previous()
    assert (before.start, before.end, before.words) == (D(2024, 1, 1), D(2024, 11, 30), "1-11月")


def test_year_to_a_day_within_a_month(union):
    p = to_date(union, D(2025, 12, 20))
    assert (p.label, p.words, p.as_of) == ("2025年1月1日至12月20日", "2025年1月1日至12月20日", "截至12月20日")
    leap = to_date(union, D(2024, 2, 29)).previous()
    assert leap.end == D(2023, 2, 28)


def test_year_to_date_across_calendar_years(union):
    union.period_start_month = 10
    p = to_date(union, D(2025, 8, 31))
    assert (p.start, p.year, p.label, p.as_of) == (D(2024, 10, 1), 2025, "2024年10月至2025年8月", "截至8月底")


def test_a_draft_before_the_end_counts_the_months_that_have_ended(union):
    year = period_for(union, 2025)
    draft = year.counted_until(D(2025, 12, 1))
    assert (draft.end, draft.words, draft.as_of) == (D(2025, 11, 30), "1-11月", "截至11月底")
    assert draft.previous().end == D(2024, 11, 30)
    assert year.counted_until(D(2026, 1, 5)) == year  # over: the whole year
    early = year.counted_until(D(2025, 1, 15))  # no whole month yet: the days so far
    assert (early.end, early.as_of) == (D(2025, 1, 15), "截至1月15日")
    half = half_of(union, 2025, 1).counted_until(D(2025, 5, 10))
    assert (half.start, half.end, half.words) == (D(2025, 1, 1), D(2025, 4, 30), "1-4月")


@pytest.mark.parametrize(
    "code, start, end, kind",
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("2025-H2", D(2025, 7, 1), D(2025, 12, 31), "half"),
        ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
        ("2025-11-30", D(2025, 1, 1), D(2025, 11, 30), "to_date"),
    ],
)
def test_codes_name_periods_both_ways(union, code, start, end, kind):
    p = period_from_code(union, code)
    assert (p.start, p.end, p.kind) == (start, end, kind)
    assert p.code == code


@pytest.mark.parametrize(
    "code", ["", "25", "2025-H3", "2025-Q0", "2025-02-30", "0999", "2025-h1", "２０２５"]
)
def test_nonsense_codes_name_no_period(union, code):
    assert period_from_code(union, code) is None


def test_build_period_checks_its_parts(union):
    assert build_period(union, kind="half", year=2025, part=2).start == D(2025, 7, 1)
    with pytest.raises(ValueError):
        build_period(union, kind="to_date", year=2024, as_of=D(2025, 3, 31))
    with pytest.raises(ValueError):
        build_period(union, kind="half", year=2025, part=0)


def test_periods_offered_start_with_the_year_so_far(union):
    offered = periods_offered(union, years=2, today=D(2025, 12, 1))
    assert offered[0].label == "2025年1月至11月"
    labels = [p.label for p in offered]
    assert labels[1:4] == ["2025年度", "2025年上半年", "2025年下半年"]
    assert "2024年第四季度" in labels
