from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from records.money import format_wan, format_yuan
from records.periods import current_period, period_of


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("410000"), "41万元"),
        (Decimal("36000"), "3.6万元"),
        (Decimal("123456.78"), "12.35万元"),
        (Decimal("10000"), "1万元"),
        (Decimal("8600"), "8600元"),
        (Decimal("8600.50"), "8600.5元"),
        (Decimal("0"), "0元"),
        (None, "0元"),
    ],
)
def test_wan_formatting_follows_the_summaries(amount, text):
    assert format_wan(amount) == text


def test_yuan_keeps_cents_only_when_there_are_some():
    assert format_yuan(Decimal("500.00")) == "500元"
    assert format_yuan(Decimal("0.456")) == "0.46元"


def test_calendar_year_period():
    p = period_of(2026)
    assert (p.start, p.end, p.label) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026年度")
    assert p.previous().start == dt.date(2025, 1, 1)


def test_october_to_september_period():
    p = period_of(2026, 10)
    assert (p.start, p.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert p.label == "2025年10月至2026年9月"
    assert p.contains(dt.date(2025, 12, 31)) and not p.contains(dt.date(2026, 10, 1))


def test_current_period_rolls_over_at_the_start_month(union):
    union.period_start_month = 10
    assert current_period(union, dt.date(2026, 9, 30)).year == 2026
    assert current_period(union, dt.date(2026, 10, 1)).year == 2027
    union.period_start_month = 1
    assert current_period(union, dt.date(2026, 11, 24)).year == 2026
