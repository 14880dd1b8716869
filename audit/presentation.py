"""Turn log entries into lines a person can read: field labels and choice labels."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models

from .models import AuditEntry
from .registry import AuditOptions, options_for


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


def _shown(name: str, value: Any, options: AuditOptions | None, reveal_personal: bool) -> Any:
    """A stored value as this viewer may see it. Masking runs again because entries written
    under an older, weaker mask are never rewritten (the log is append-only)."""
    if options is None or value in (None, ""):
        return value
    if name in options.masked:
        return options.masked[name](value)
    if name in options.personal and not reveal_personal:
        return options.personal[name](value)
    return value


def _lines(entry: AuditEntry, names: Names, reveal_personal: bool) -> list[ChangeLine]:
    model = entry.content_type.model_class()
    fields = _fields(model)
    options = options_for(model)
    lines = []
    for name, stored in entry.changes.items():
        field = fields.get(name)
        if isinstance(stored, list):
            value: Any = [_shown(name, v, options, reveal_personal) for v in stored]
        else:
            value = _shown(name, stored, options, reveal_personal)
        label = str(field.verbose_name) if field is not None else name
        if isinstance(value, list) and len(value) == 2 and entry.action == "update":
            lines.append(
                ChangeLine(label, _display(field, value[0], names), _display(field, value[1], names))
            )
        else:
            lines.append(ChangeLine(label, None, _display(field, value, names)))
    return lines


def describe_all(entries: list[AuditEntry], *, reveal_personal: bool = False) -> list[list[ChangeLine]]:
    """Readable lines for each entry, in a fixed number of queries whatever their count.

    Fields registered as `personal` (a member's birth date) are shown reduced unless the
    viewer may see full ID numbers (`reveal_personal`, from Perm.VIEW_FULL_ID).
    """
    names = _related_names(entries)
    return [_lines(entry, names, reveal_personal) for entry in entries]


def describe(entry: AuditEntry, *, reveal_personal: bool = False) -> list[ChangeLine]:
    return describe_all([entry], reveal_personal=reveal_personal)[0]


def history_for(obj: models.Model, limit: int = 100, *, reveal_personal: bool = False) -> list[HistoryItem]:
    entries = list(AuditEntry.objects.for_object(obj).select_related("content_type")[:limit])
    lines = describe_all(entries, reveal_personal=reveal_personal)
    return [HistoryItem(entry, item) for entry, item in zip(entries, lines, strict=True)]
