"""A roll-up recomputes only the unions written to since the last one (each union's own
figures are cached under its own data version), and is never stale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MemberFactory, UnionFactory
from tests.welfare.factories import DisbursementFactory
from unions.models import UnionLevel
from workbook.models import UnionFigures
from workbook.rollup import rollup, stale_units

from .conftest import Y, make_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db):
    county = UnionFactory(name="甲县总工会", code="county-a", level=UnionLevel.COUNTY)
    leaves = [UnionFactory(name=f"甲{i}厂工会", code=f"g{i}", parent=county) for i in range(1, 4)]
    for leaf in leaves:
        make_records(leaf, members=3)
    return county, leaves


def _queries(work) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def test_a_second_rollup_reads_the_cache_and_a_write_recomputes_only_its_union(county):
    top, (g1, g2, g3) = county
    cold = _queries(lambda: rollup(union=top, year=Y))
    warm = _queries(lambda: rollup(union=top, year=Y))
    assert warm < cold / 4  # the versions, the subtree and its imported reports only

    before = rollup(union=top, year=Y).totals
    stored_at = dict(UnionFigures.objects.values_list("union_id", "computed_at"))
    member = MemberFactory(union=g2, joined_on=dt.date(Y, 3, 1))
    DisbursementFactory(
        union=g2,
        member=member,
        date=dt.date(Y, 5, 1),
        cash_amount=Decimal("321"),
        status="paid",
        paid_on=dt.date(Y, 5, 2),
    )
    one_union = _queries(lambda: rollup(union=top, year=Y))
    assert warm < one_union <= cold  # the units are computed together: as many queries for one
    recomputed = {
        pk for pk, at in UnionFigures.objects.values_list("union_id", "computed_at") if at != stored_at[pk]
    }
    assert recomputed == {g2.pk}
    after = rollup(union=top, year=Y).totals
    assert after["members"] == before["members"] + 1
    assert after["welfare_cash"] == before["welfare_cash"] + Decimal("321")


def test_the_cached_figures_are_each_unions_own(county):
    top, (g1, g2, g3) = county
    rollup(union=top, year=Y)
    # A county roll-up and one of its unions as the top of its own roll-up agree.
    own = rollup(union=g1, year=Y)
    whole = rollup(union=top, year=Y)
    (g1_row,) = [s for s in whole.sources if s.union_id == g1.pk]
    assert own.totals == g1_row.values


def test_a_past_years_figures_stay_stored_from_day_to_day_a_running_years_do_not(county):
    top = county[0]
    after = dt.date(Y + 1, 3, 1)
    rollup(union=top, year=Y, today=after)
    next_week = after + dt.timedelta(days=7)
    assert stale_units(union=top, year=Y, today=next_week) == (0, 4)  # as of 31 December, kept
    during = dt.date(Y, 6, 30)
    rollup(union=top, year=Y, today=during)
    assert stale_units(union=top, year=Y, today=during + dt.timedelta(days=1)) == (4, 4)
    # Rows of a running year's earlier days are cleared as new ones are written; the past
    # year's row stays.
    rollup(union=top, year=Y, today=during + dt.timedelta(days=10))
    assert not UnionFigures.objects.filter(as_of=during).exists()
    assert UnionFigures.objects.filter(as_of=dt.date(Y, 12, 31)).count() == 4
