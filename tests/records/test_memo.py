"""Selectors answered once per figures scope (records/memo.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.selectors import membership_figures
from records.memo import figures_scope, per_scope, per_union
from records.periods import period_for
from tests.factories import MemberFactory, UnionFactory

pytestmark = pytest.mark.django_db


def _queries(work) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def test_inside_a_scope_the_same_question_is_asked_of_the_database_once():
    union = UnionFactory()
    MemberFactory.create_batch(3, union=union)
    period = period_for(union, dt.date.today().year)
    ask = lambda: membership_figures(union=union, period=period)  # noqa: E731
    assert _queries(lambda: (ask(), ask())) == 2 * _queries(ask)  # no scope: each call asks
    with figures_scope():
        first = _queries(ask)
        assert first > 0 and _queries(ask) == 0
        other_year = period_for(union, period.year - 1)
        assert _queries(lambda: membership_figures(union=union, period=other_year)) > 0


def test_outside_a_scope_a_write_is_seen_and_a_closed_scope_forgets():
    union = UnionFactory()
    period = period_for(union, dt.date.today().year)
    with figures_scope():
        assert membership_figures(union=union, period=period).total == 0
    MemberFactory(union=union)
    assert membership_figures(union=union, period=period).total == 1
    with figures_scope():
        assert membership_figures(union=union, period=period).total == 1


def test_answers_are_not_shared_for_callers_to_change():
    calls = []

    @per_scope
    def rows(*, n: int) -> list[int]:
        calls.append(n)
        return list(range(n))

    with figures_scope():
        got = rows(n=3)
        got.append(99)
        assert rows(n=3) == [0, 1, 2] and calls == [3]


def test_an_argument_that_cannot_be_keyed_is_not_kept():
    calls = []

    @per_scope
    def total(*, values) -> int:  # noqa: ANN001
        calls.append(1)
        return sum(values)

    with figures_scope():
        assert total(values=iter([1, 2])) == 3
        assert total(values=iter([1, 2])) == 3
    assert len(calls) == 2


def test_peers_counting_the_same_period_are_asked_together_once():
    calls: list[list[int]] = []

    @per_union
    def tenfold(*, unions, period):  # noqa: ANN001, ANN202
        calls.append(sorted(u.pk for u in unions))
        return {u.pk: u.pk * 10 for u in unions}

    a, b, c = UnionFactory.create_batch(3)
    this, last = period_for(a, 2025), period_for(a, 2024)
    assert tenfold(union=a, period=this) == a.pk * 10 and calls == [[a.pk]]  # no scope: alone
    calls.clear()
    with figures_scope(peers={a: this, b: this, c: last}):
        assert [tenfold(union=u, period=this) for u in (b, a)] == [b.pk * 10, a.pk * 10]
        assert calls == [sorted([a.pk, b.pk])]
        assert tenfold(union=c, period=last) == c.pk * 10 and calls[-1] == [c.pk]
        tenfold(union=c, period=this)  # not the period c was asked with: alone
        assert calls[-1] == [c.pk] and len(calls) == 3
    tenfold(union=a, period=this)
    assert len(calls) == 4  # the scope has closed
