"""The biggest events of a category, for a sentence: bounded, exact about what is cut."""

from __future__ import annotations

import datetime as dt

import pytest

from activities.choices import ActivityCategory as A
from activities.selectors import activities_ranked
from records.periods import period_for
from tests.activities.factories import ActivityFactory
from tests.factories import UnionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def union():
    return UnionFactory()


def _ranked(union, limit):
    return activities_ranked(
        union=union, period=period_for(union, 2024), category=A.SPORTS_CULTURE, limit=limit
    )


def test_the_biggest_come_first_and_only_as_many_as_asked(union):
    for n in range(10):
        ActivityFactory(union=union, title=f"活动{n}", participants=10 + n)
    ranking = _ranked(union, 3)
    assert [e.title for e in ranking.events] == ["活动9", "活动8", "活动7"]
    assert ranking.titles == ["活动9", "活动8", "活动7"]
    assert len(_ranked(union, None).events) == 10


def test_repeated_titles_are_read_past_until_enough_different_ones(union):
    # Twenty events called 篮球赛 are bigger than the one 象棋赛: the list must still know
    # that a second title exists (so a sentence ends in 等 rightly).
    for _ in range(20):
        ActivityFactory(union=union, title="篮球赛", participants=100)
    ActivityFactory(union=union, title="象棋赛", participants=5)
    ranking = _ranked(union, 2)
    assert len(ranking.events) == 2
    assert ranking.titles == ["篮球赛", "象棋赛"]


def test_voided_and_other_years_do_not_count(union):
    ActivityFactory(union=union, title="今年", participants=1)
    ActivityFactory(
        union=union, title="作废", participants=99, voided_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    )
    ActivityFactory(union=union, title="去年", participants=99, start_date=dt.date(2023, 5, 1))
    assert _ranked(union, 5).titles == ["今年"]
