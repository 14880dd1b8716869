"""Turn log entries into lines a person can read: field labels and choice labels."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models

from .models import AuditEntry


@dataclass(frozen=True)
class ChangeLine:
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryItem:
    entry: AuditEntry
    lines: list[ChangeLine]


Names = dict[type[models.Model], dict[Any, str]]


def _fields(model: type[models.Model] | None) -> dict[str, models.Field]:
    if model is None:
        return {}
    return {f.name: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}


def _display(field: models.Field | None, value: Any, names: Names) -> Any:
    if value in (None, ""):
        return "（空）"
    if isinstance(field, models.ForeignKey):
        return names.get(field.related_model, {}).get(value, f"#{value}")
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def _related_names(entries: list[AuditEntry]) -> Names:
    """Names of every object the entries' foreign keys point at, one query per model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        fields = _fields(entry.content_type.model_class())
        for name, value in entry.changes.items():
            field = fields.get(name)
            if isinstance(field, models.ForeignKey):
                values = value if isinstance(value, list) else [value]
                wanted[field.related_model].update(v for v in values if isinstance(v, int))
    return {
        model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(list(pks)).items()}
        for model, pks in wanted.items()
        if pks
    }


def _lines(entry: AuditEntry, names: Names) -> list[ChangeLine]:
    fields = _fields(entry.content_type.model_class())
    lines = []
    for name, value in entry.changes.items():
        field = fields.get(name)
        label = str(field.verbose_name) if field is not None else name
        if isinstance(value, list) and len(value) == 2 and entry.action == "update":
            lines.append(
                ChangeLine(label, _display(field, value[0], names), _display(field, value[1], names))
            )
        else:
            lines.append(ChangeLine(label, None, _display(field, value, names)))
    return lines


def describe_all(entries: list[AuditEntry]) -> list[list[ChangeLine]]:
    """Readable lines for each entry, in a fixed number of queries whatever their count."""
    names = _related_names(entries)
    return [_lines(entry, names) for entry in entries]


def describe(entry: AuditEntry) -> list[ChangeLine]:
    return describe_all([entry])[0]


def history_for(obj: models.Model, limit: int = 100) -> list[HistoryItem]:
    entries = list(AuditEntry.objects.for_object(obj).select_related("content_type")[:limit])
    return [HistoryItem(entry, lines) for entry, lines in zip(entries, describe_all(entries), strict=True)]
