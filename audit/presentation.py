"""Turn log entries into lines a person can read: field labels and choice labels."""

from __future__ import annotations

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


def _display(field: models.Field | None, value: Any) -> Any:
    if value in (None, ""):
        return "（空）"
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def describe(entry: AuditEntry) -> list[ChangeLine]:
    model = entry.content_type.model_class()
    fields = {f.name: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]} if model else {}
    lines = []
    for name, value in entry.changes.items():
        field = fields.get(name)
        label = str(field.verbose_name) if field is not None else name
        if isinstance(value, list) and len(value) == 2 and entry.action == "update":
            lines.append(ChangeLine(label, _display(field, value[0]), _display(field, value[1])))
        else:
            lines.append(ChangeLine(label, None, _display(field, value)))
    return lines


def history_for(obj: models.Model, limit: int = 100) -> list[HistoryItem]:
    entries = AuditEntry.objects.for_object(obj).select_related("content_type")[:limit]
    return [HistoryItem(entry, describe(entry)) for entry in entries]
