"""The registry of logic checks, in the order the return lists its tables."""

from __future__ import annotations

from typing import TypeVar

from .base import Check

_REGISTRY: dict[str, Check] = {}

C = TypeVar("C", bound=type[Check])


def register(cls: C) -> C:
    if cls.key in _REGISTRY:
        raise ValueError(f"check {cls.key!r} is already registered")
    _REGISTRY[cls.key] = cls()
    return cls


def all_checks() -> list[Check]:
    return list(_REGISTRY.values())


def get(key: str) -> Check:
    return _REGISTRY[key]
