"""Selectors answered once per figures scope.

A page of figures asks the same question more than once: the dashboard's cards and the
statistics return's checks below them both count the roster, the payouts, the contracts;
a summary's sections ask for this year and last year in several places. Each asking is a
pass over the union's records, and at 200,000 members a pass over the roster is 70 ms.

Inside `figures_scope()` a selector decorated with `@per_scope` runs once for each set of
arguments and later calls get the same answer. A scope is opened around work that only
reads (computing a dashboard, assembling a document); outside any scope the selectors run
as plain functions, so a view that writes and then reads sees its own write.

A roll-up asks the same questions of two thousand unions. A selector written for many
unions at once (`@per_union`: one grouped query for all of them) answers one union as
before; inside `figures_scope(peers=…)` the first question about one of the peers is
answered for every peer counting the same period, and the others find their answers kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.db import models

from .periods import Period

if TYPE_CHECKING:
    from unions.models import Union

P = ParamSpec("P")
R = TypeVar("R")

_answers: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("figures_scope", default=None)
# The unions asked about together, each with the period it counts: {pk: (union, period)}.
_peers: ContextVar[Mapping[int, tuple[Union, Period]] | None] = ContextVar("figures_peers", default=None)


@contextlib.contextmanager
def figures_scope(*, peers: Mapping[Union, Period] | None = None) -> Iterator[None]:
    """Answers kept until the outermost scope closes (an inner one joins it). `peers`: the
    unions the enclosed work asks about, each with its period, answered together."""
    peers_token = _peers.set({u.pk: (u, p) for u, p in peers.items()}) if peers else None
    try:
        if _answers.get() is not None:
            yield
            return
        token = _answers.set({})
        try:
            yield
        finally:
            _answers.reset(token)
    finally:
        if peers_token is not None:
            _peers.reset(peers_token)


class _Unkeyable(Exception):
    """An argument that does not say what it is (an iterator, a queryset): run the selector."""


def _key(value: Any) -> Any:
    """A hashable stand-in for an argument; a model instance stands for its row."""
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    if isinstance(value, (Period, dt.date, Decimal, Enum, str, int, float, bool, type(None))):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = tuple(_key(v) for v in value)
        return frozenset(items) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return tuple(sorted((_key(k), _key(v)) for k, v in value.items()))
    raise _Unkeyable


def per_scope(selector: Callable[P, R]) -> Callable[P, R]:
    """Run `selector` once per scope for each set of (keyword) arguments. Its answer is
    shared by the callers, so it must be one they do not change: lists and dicts are copied."""

    @functools.wraps(selector)
    def answer(*args: P.args, **kwargs: P.kwargs) -> R:
        answers = _answers.get()
        if answers is None:
            return selector(*args, **kwargs)
        try:
            key = (selector, _key(args), tuple(sorted((k, _key(v)) for k, v in kwargs.items())))
        except _Unkeyable:
            return selector(*args, **kwargs)
        if key not in answers:
            answers[key] = selector(*args, **kwargs)
        return _copy(answers[key])

    return answer


def _copy(found: R) -> R:
    return found.copy() if isinstance(found, (list, dict)) else found  # type: ignore[return-value]


def _batch(union: Union, period: Any) -> list[Union]:
    """The peers counting `period` alongside `union`, or `union` alone."""
    peers = _peers.get() or {}
    if union.pk not in peers or peers[union.pk][1] != period:
        return [union]
    return [u for u, p in peers.values() if p == period]


def per_union(many: Callable[..., dict[int, R]]) -> Callable[..., R]:
    """`selector(union=u, **kw)` from `many(unions=[…], **kw) -> {union pk: answer}`: once per
    scope for each union and arguments, and for all peers of the same `period` in one call."""

    @functools.wraps(many)
    def answer(*, union: Union, **kwargs: Any) -> R:
        answers = _answers.get()
        try:
            rest = tuple(sorted((k, _key(v)) for k, v in kwargs.items()))
        except _Unkeyable:
            answers = None
        if answers is None:
            return many(unions=[union], **kwargs)[union.pk]
        key = (answer, union.pk, rest)
        if key not in answers:
            # The peers not answered yet (the asked union among them), in one call.
            batch = [u for u in _batch(union, kwargs.get("period")) if (answer, u.pk, rest) not in answers]
            for pk, found in many(unions=batch, **kwargs).items():
                answers[(answer, pk, rest)] = found
        return _copy(answers[key])

    answer.many = many  # type: ignore[attr-defined]
    return answer
