"""Who is acting right now: set per request by middleware, per run by commands."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any = None  # a User, or None for the system
    label: str = "系统"
    ip_address: str | None = None


_SYSTEM = Actor()
_current: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("audit_actor", default=None)


def current_actor() -> Actor:
    return _current.get() or _SYSTEM


@contextmanager
def acting_as(user: Any = None, label: str | None = None, ip_address: str | None = None) -> Iterator[Actor]:
    if label is None:
        label = user.get_username() if user is not None else "系统"
    actor = Actor(user=user, label=label, ip_address=ip_address)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
