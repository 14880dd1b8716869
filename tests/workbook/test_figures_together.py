"""A roll-up computes its units' figures together (records.memo.per_union): one grouped query
per question for all the units, and each unit's figures exactly those it has asked alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records.periods import period_for
from unions.models import Union, UnionLevel
from workbook.figures_store import FiguresStore
from workbook.indicators import INDICATORS, indicator_values
from workbook.models import UnionFigures

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def province() -> Union:
    call_command(
        "generate_province",
        "--cities",
        "1",
        "--counties",
        "2",
        "--unions",
        "5",
        "--members",
        "900",
        stdout=None,
    )
    return Union.objects.get(code="prov")


def _computed(top: Union, unions: list[Union], year: int) -> tuple[dict[int, dict], int]:
    UnionFigures.objects.all().delete()
    periods = {u.pk: period_for(u, year) for u in unions}
    with CaptureQueriesContext(connection) as captured:
        values = FiguresStore(top=top, unions=unions, periods=periods, today=TODAY).values()
    return values, len(captured)


@pytest.mark.parametrize("years_back", [1, 0])  # a past year, and the running one
def test_each_units_figures_are_those_it_has_alone(province, years_back):
    year = TODAY.year - years_back
    unions = list(province.descendants(include_self=True).order_by("path"))
    together, _ = _computed(province, unions, year)
    grassroots = [u for u in unions if u.level == UnionLevel.GRASSROOTS]
    # The generated year has records of every kind, and the units differ.
    assert len({together[u.pk]["members"] for u in grassroots}) == len(grassroots)
    for key in ("members", "activities", "welfare_person_times", "contracts", "funds_income", "petitions"):
        assert sum(together[u.pk][key] for u in grassroots) > 0, key
    for union in unions:
        alone = indicator_values(union=union, period=period_for(union, year), today=TODAY)
        assert together[union.pk] == alone, union.name
    assert set(together[unions[0].pk]) == {d.key for d in INDICATORS}


def test_the_queries_do_not_grow_with_the_units(province):
    year = TODAY.year - 1
    unions = list(province.descendants(include_self=True).order_by("path"))
    grassroots = [u for u in unions if u.level == UnionLevel.GRASSROOTS]
    _, two = _computed(province, grassroots[:2], year)
    _, all_of_them = _computed(province, unions, year)
    _, one = _computed(province, grassroots[:1], year)
    assert len(unions) >= 9
    assert all_of_them == two == one
