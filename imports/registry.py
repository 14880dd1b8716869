"""The importable record types, by key. Apps register theirs in `<app>/importers.py`."""

from __future__ import annotations

from django.http import Http404

from .spec import RecordType

_types: dict[str, RecordType] = {}


def register(cls: type[RecordType]) -> type[RecordType]:
    _types[cls.key] = cls()
    return cls


def get(key: str) -> RecordType:
    return _types[key]


def get_or_404(key: str) -> RecordType:
    try:
        return _types[key]
    except KeyError:
        raise Http404("没有这种台账类型。") from None


def all_types() -> list[RecordType]:
    return list(_types.values())
