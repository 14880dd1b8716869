"""The selectors' figures against figures computed here from the records the test made."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from activities import selectors
from activities.choices import ActivityCategory, HonourLevel
from records.periods import period_for
from tests.activities.factories import ActivityFactory, HonourFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

D = dt.date
# (category, start, end, participants, women, cost, voided)
SPECS = [
    ("sports_culture", D(2024, 1, 1), None, 50, 20, "1000.10", False),
    ("sports_culture", D(2024, 3, 15), D(2024, 3, 16), 30, 10, "500.00", False),
    ("safety", D(2024, 3, 20), None, 80, 5, "2000.00", False),
    ("women", D(2024, 12, 31), None, 40, 40, "300.55", False),
    ("study_training", D(2024, 7, 1), None, 100, 50, "9999.00", True),  # voided
    ("health_check", D(2024, 12, 30), D(2025, 1, 2), 200, 90, "36000.00", False),  # spans the new year
    ("sports_culture", D(2023, 12, 31), None, 77, 7, "777.00", False),  # previous year
    ("skill_contest", D(2023, 10, 8), None, 12, 2, "120.00", False),
    ("sports_culture", D(2025, 1, 1), None, 66, 6, "666.00", False),  # next year
    ("safety", D(2024, 9, 30), None, 25, 3, "250.00", False),
]


def _make(union, specs=SPECS):
    made = []
    for category, start, end, people, women, cost, voided in specs:
        activity = ActivityFactory(
            union=union,
            category=category,
            start_date=start,
            end_date=end,
            participants=people,
            women_participants=women,
            cost=Decimal(cost),
        )
        if voided:
            activity.void("误录")
        made.append(activity)
    return made


def _counted(period):
    return [s for s in SPECS if period.start <= s[1] <= period.end and not s[6]]


@pytest.fixture
def records(union, other_union):
    _make(other_union)  # another union's records never count here
    return _make(union)


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_totals(union, records, year):
    period = period_for(union, year)
    expected = _counted(period)
    totals = selectors.activity_totals(union=union, period=period)
    assert totals == selectors.ActivityTotals(
        count=len(expected),
        participants=sum(s[3] for s in expected),
        women_participants=sum(s[4] for s in expected),
        cost=sum((Decimal(s[5]) for s in expected), Decimal("0")),
    )


def test_totals_of_an_empty_period_are_zero(union, records):
    totals = selectors.activity_totals(union=union, period=period_for(union, 2019))
    assert totals == selectors.ActivityTotals(0, 0, 0, Decimal("0"))
    assert isinstance(totals.cost, Decimal)


def test_the_2024_figures_as_written_by_hand(union, records):
    # One case spelled out, so a mistake shared by the selector and _counted() shows up.
    totals = selectors.activity_totals(union=union, period=period_for(union, 2024))
    assert totals == selectors.ActivityTotals(6, 425, 168, Decimal("40050.65"))


@pytest.mark.parametrize("year", [2023, 2024])
def test_by_category(union, records, year):
    period = period_for(union, year)
    expected = _counted(period)
    result = selectors.activities_by_category(union=union, period=period)
    order = [c.value for c in ActivityCategory]
    present = sorted({s[0] for s in expected}, key=order.index)
    assert [r.category for r in result] == present
    for row in result:
        mine = [s for s in expected if s[0] == row.category]
        assert row.label == ActivityCategory(row.category).label
        assert (row.count, row.participants, row.women_participants, row.cost) == (
            len(mine),
            sum(s[3] for s in mine),
            sum(s[4] for s in mine),
            sum((Decimal(s[5]) for s in mine), Decimal("0")),
        )


def test_by_category_spelled_out(union, records):
    result = selectors.activities_by_category(union=union, period=period_for(union, 2024))
    assert [(r.label, r.count, r.participants, r.cost) for r in result] == [
        ("文体活动", 2, 80, Decimal("1500.10")),
        ("女职工活动", 1, 40, Decimal("300.55")),
        ("安全生产/安康杯", 2, 105, Decimal("2250.00")),
        ("职工体检", 1, 200, Decimal("36000.00")),
    ]


def test_by_month_gives_twelve_months_in_calendar_order(union, records):
    period = period_for(union, 2024)
    months = selectors.activities_by_month(union=union, period=period)
    counts = Counter((s[1].year, s[1].month) for s in _counted(period))
    people = Counter()
    for s in _counted(period):
        people[(s[1].year, s[1].month)] += s[3]
    assert [(m.year, m.month) for m in months] == [(2024, n) for n in range(1, 13)]
    assert [m.count for m in months] == [counts[(m.year, m.month)] for m in months]
    assert [m.participants for m in months] == [people[(m.year, m.month)] for m in months]
    assert [m.count for m in months] == [1, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 2]


def test_a_period_from_october_runs_october_to_september(union, records):
    union.period_start_month = 10
    union.save()
    period = period_for(union, 2024)  # 2023-10-01 .. 2024-09-30
    months = selectors.activities_by_month(union=union, period=period)
    assert [(m.year, m.month) for m in months] == [(2023, n) for n in (10, 11, 12)] + [
        (2024, n) for n in range(1, 10)
    ]
    expected = _counted(period)
    assert {s[1] for s in expected} == {
        D(2023, 10, 8),
        D(2023, 12, 31),
        D(2024, 1, 1),
        D(2024, 3, 15),
        D(2024, 3, 20),
        D(2024, 9, 30),
    }
    assert sum(m.count for m in months) == len(expected)
    assert months[0].count == 1 and months[0].participants == 12
    assert months[-1].count == 1 and months[-1].participants == 25
    totals = selectors.activity_totals(union=union, period=period)
    assert totals.participants == sum(s[3] for s in expected)


def test_activities_in_lists_live_records_by_date(union, records):
    period = period_for(union, 2024)
    listed = list(selectors.activities_in(union=union, period=period))
    expected = sorted((s for s in _counted(period)), key=lambda s: s[1])
    assert [a.start_date for a in listed] == [s[1] for s in expected]
    assert all(not a.is_void and a.union == union for a in listed)
    safety = selectors.activities_in(union=union, period=period, category="safety")
    assert [a.start_date for a in safety] == [D(2024, 3, 20), D(2024, 9, 30)]


# (level, kind, date, voided)
HONOURS = [
    ("national", "collective", D(2024, 5, 1), False),
    ("city", "individual", D(2024, 2, 1), False),
    ("city", "collective", D(2024, 1, 1), False),
    ("city", "individual", D(2024, 12, 31), False),
    ("provincial", "individual", D(2024, 6, 1), True),  # voided
    ("internal", "collective", D(2023, 12, 31), False),  # previous year
]


@pytest.fixture
def honours(union, other_union):
    member = MemberFactory(union=union)
    made = []
    for target in (other_union, union):
        for level, kind, date, voided in HONOURS:
            honour = HonourFactory(
                union=target,
                level=level,
                recipient_kind=kind,
                member=(member if target == union else MemberFactory(union=target))
                if kind == "individual"
                else None,
                date=date,
            )
            if voided:
                honour.void("误录")
            made.append(honour)
    return made


def test_honours_in_and_counts_by_level(union, honours):
    period = period_for(union, 2024)
    expected = [h for h in HONOURS if period.contains(h[2]) and not h[3]]
    listed = list(selectors.honours_in(union=union, period=period))
    assert [h.date for h in listed] == sorted(h[2] for h in expected)
    assert all(h.union == union for h in listed)

    counts = selectors.honour_counts_by_level(union=union, period=period)
    order = [lv.value for lv in HonourLevel]
    assert [c.level for c in counts] == sorted({h[0] for h in expected}, key=order.index)
    for c in counts:
        mine = [h for h in expected if h[0] == c.level]
        assert c.count == len(mine)
        assert c.collective == sum(1 for h in mine if h[1] == "collective")
        assert c.individual == sum(1 for h in mine if h[1] == "individual")
        assert c.label == HonourLevel(c.level).label
    assert [(c.label, c.count, c.collective, c.individual) for c in counts] == [
        ("国家级", 1, 1, 0),
        ("市级", 3, 1, 2),
    ]
