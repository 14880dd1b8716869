"""membership_figures_of counts every figure of several periods in one grouped query; it
must agree with the plain definitions (on_roster_at, joined_in, left_in) on every date at
and around the periods' bounds."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from members.choices import Gender, MembershipStatus, ModelWorkerLevel
from members.figures import membership_figures_of
from members.models import Member
from members.selectors import joined_in, left_in, on_roster_at
from records.periods import half_of, period_of
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _plain(union, period) -> dict[str, int]:
    roster = Member.objects.filter(union=union)
    at_end = roster.filter(on_roster_at(period.end))
    ended = roster.filter(left_in(period))
    return {
        "total": at_end.count(),
        "women": at_end.filter(gender=Gender.FEMALE).count(),
        "migrant": at_end.filter(is_migrant_worker=True).count(),
        "model_workers": at_end.exclude(model_worker_level="").count(),
        "joined": roster.filter(joined_in(period)).count(),
        "left": ended.count(),
        "retired": ended.filter(status=MembershipStatus.RETIRED).count(),
        "transferred": ended.filter(status=MembershipStatus.TRANSFERRED).count(),
        "removed": ended.filter(status=MembershipStatus.REMOVED).count(),
        **{
            f"level {level}": at_end.filter(Q(model_worker_level=level)).count()
            for level in ModelWorkerLevel.values
        },
    }


def test_one_pass_agrees_with_the_definitions_at_every_bound(union, other_union):
    periods = [period_of(2025), period_of(2024), half_of(union, 2025, 1)]
    bounds = sorted({d for p in periods for d in (p.start, p.end)})
    days = sorted({d + dt.timedelta(days=k) for d in bounds for k in (-1, 0, 1)})
    statuses = list(MembershipStatus.values)
    levels = ["", *ModelWorkerLevel.values]
    for i, (joined, status) in enumerate(itertools.product(days, statuses)):
        ended = (
            None
            if status in (MembershipStatus.ACTIVE, MembershipStatus.RETAINED)
            else days[-1 - i % len(days)]
        )
        if ended is not None and ended < joined:
            ended = joined
        MemberFactory(
            union=union,
            joined_on=joined,
            status=status,
            status_date=ended,
            gender=Gender.FEMALE if i % 3 else Gender.MALE,
            is_migrant_worker=i % 4 == 0,
            model_worker_level=levels[i % len(levels)],
        )
    MemberFactory.create_batch(3, union=other_union, joined_on=days[0])  # another union's
    with CaptureQueriesContext(connection) as queries:
        figures = membership_figures_of(union=union, periods=periods)
    assert len(queries) == 2  # the grouped pass and the branch count
    for period, got in zip(periods, figures, strict=True):
        mine = {
            **{key: getattr(got, key) for key in _plain(union, period) if not key.startswith("level")},
            **{f"level {level}": dict(got.levels).get(level, 0) for level in ModelWorkerLevel.values},
        }
        assert mine == _plain(union, period), period
