from __future__ import annotations

import datetime as dt

import pytest

from members.selectors import membership_figures
from records.periods import period_of
from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_membership_figures_follow_the_lifecycle(union, other_union):
    period = period_of(2025)
    BranchFactory(union=union)
    BranchFactory(union=union, is_active=False)
    old_f = MemberFactory.create_batch(3, union=union, gender="F", joined_on=dt.date(2010, 1, 1))
    MemberFactory.create_batch(
        2, union=union, gender="M", joined_on=dt.date(2025, 4, 1), is_migrant_worker=True
    )
    MemberFactory(union=union, gender="M", joined_on=dt.date(2026, 2, 1))  # joined after the period
    MemberFactory(
        union=union,
        gender="F",
        status="retired",
        status_date=dt.date(2025, 6, 30),
        joined_on=dt.date(2000, 1, 1),
    )
    MemberFactory(
        union=union,
        gender="M",
        status="transferred",
        status_date=dt.date(2026, 3, 1),
        joined_on=dt.date(2000, 1, 1),
    )
    MemberFactory(
        union=union,
        gender="M",
        status="removed",
        status_date=dt.date(2024, 3, 1),
        joined_on=dt.date(2000, 1, 1),
    )
    MemberFactory(
        union=union, gender="F", status="retained", joined_on=dt.date(2012, 1, 1), model_worker_level="city"
    )
    MemberFactory(union=other_union, joined_on=dt.date(2025, 1, 1))
    old_f[0].model_worker_level = "county"
    old_f[0].save()

    figures = membership_figures(union=union, period=period)

    # On 2025-12-31: 3 women from 2010, 2 new men, the man who left in 2026, the retained woman.
    assert figures.total == 3 + 2 + 1 + 1
    assert figures.women == 3 + 1
    assert figures.migrant == 2
    assert figures.joined == 2
    assert (figures.retired, figures.transferred, figures.removed, figures.left) == (1, 0, 0, 1)
    assert figures.model_workers == 2
    assert figures.branches == 1
