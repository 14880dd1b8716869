"""Turn log entries into lines a person can read: field labels and choice labels."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models

from records.display import moment, person_name

from .details import DETAILS, EMPTY, number, readable
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


def _display(
    field: models.Field | None, value: Any, names: Names, options: AuditOptions | None, name: str
) -> str:
    """A stored value as a person reads it: the label of a choice, the name of a person or
    record, a local moment, an amount with separators; event details through their `Detail`."""
    if value in (None, ""):
        return EMPTY
    if options is not None and name in options.display:
        return options.display[name](value)
    if field is None:
        detail = DETAILS.get(name)
        return detail.show(value) if detail is not None and detail.show else readable(value)
    if isinstance(field, models.ForeignKey):
        return names.get(field.related_model, {}).get(value, f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return moment(value)
    if isinstance(field, models.DecimalField):  # money too: its label carries the unit, （元）
        return number(value)
    return readable(value)


def _label(field: models.Field | None, name: str) -> str:
    if field is not None:
        return str(field.verbose_name)
    detail = DETAILS.get(name)
    return detail.label if detail is not None else name


def _name_of(obj: models.Model) -> str:
    return person_name(obj) if obj._meta.label == settings.AUTH_USER_MODEL else str(obj)


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
        model: {pk: _name_of(obj) for pk, obj in model._default_manager.in_bulk(list(pks)).items()}
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
        label = _label(field, name)
        if isinstance(value, list) and len(value) == 2 and entry.action == "update":
            old, new = (_display(field, v, names, options, name) for v in value)
            lines.append(ChangeLine(label, old, new))
        elif isinstance(value, list) and field is not None and not field.many_to_many:
            # Several values of one field (records, a JSON list): each shown, then joined.
            lines.append(
                ChangeLine(label, None, "、".join(_display(field, v, names, options, name) for v in value))
            )
        else:
            lines.append(ChangeLine(label, None, _display(field, value, names, options, name)))
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
    entries = list(AuditEntry.objects.for_object(obj).select_related("content_type", "actor")[:limit])
    lines = describe_all(entries, reveal_personal=reveal_personal)
    return [HistoryItem(entry, item) for entry, item in zip(entries, lines, strict=True)]
