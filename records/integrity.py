"""Unique rules under concurrency: the check, then the insert, with a race in between.

A service checks that a row is allowed (full_clean, or its own query), then saves. Two requests
can both pass the check before either saves; the database's unique constraint then refuses the
second insert with an IntegrityError, which would end in a 500. `recheck_on_conflict` runs the
save in a savepoint and, on a unique violation, runs the service's checks again: the winner's
row is committed by then (PostgreSQL makes the loser wait for it), so the checks now fail with
the very ValidationError the loser would have got a moment later, and the form shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction

_UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE


def is_unique_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    code = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
    if code:
        return code == _UNIQUE_VIOLATION
    return "UNIQUE constraint failed" in str(exc)  # SQLite


@contextmanager
def recheck_on_conflict(recheck: Callable[[], object]) -> Iterator[None]:
    """Run the block in a savepoint; if a unique constraint refuses it, call `recheck`, which
    raises the ValidationError of the non-racing path. A conflict the checks do not explain is
    re-raised: that is a bug to see, not a message to show."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        recheck()
        raise
