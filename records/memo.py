"""Selectors answered once per figures scope.

A page of figures asks the same question more than once: the dashboard's cards and the
statistics return's checks below them both count the roster, the payouts, the contracts;
a summary's sections ask for this year and last year in several places. Each asking is a
pass over the union's records, and at 200,000 members a pass over the roster is 70 ms.

Inside `figures_scope()` a selector decorated with `@per_scope` runs once for each set of
arguments and later calls get the same answer. A scope is opened around work that only
reads (computing a dashboard, assembling a document); outside any scope the selectors run
as plain functions, so a view that writes and then reads sees its own write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from enum import Enum
from typing import Any, ParamSpec, TypeVar

from django.db import models

from .periods import Period

P = ParamSpec("P")
R = TypeVar("R")

_answers: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("figures_scope", default=None)


@contextlib.contextmanager
def figures_scope() -> Iterator[None]:
    """Answers kept until the outermost scope closes (an inner one joins it)."""
    if _answers.get() is not None:
        yield
        return
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


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
        found = answers[key]
        if isinstance(found, (list, dict)):
            return found.copy()  # type: ignore[return-value]
        return found

    return answer
