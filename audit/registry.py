"""Automatic audit of model writes.

Every model of the product is registered here (see each app's `ready()`); its saves and
deletes then write an `AuditEntry` with the acting user from `audit.context`. Bulk writes
bypass signals, so services that use them write entries themselves: `build_entry` with
`creation_changes`/`update_changes`, then `AuditEntry.objects.bulk_create`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from .context import current_actor
from .models import Action, AuditEntry

REDACTED = "（已隐藏）"


@dataclass
class AuditOptions:
    exclude: set[str] = field(default_factory=set)
    redacted: set[str] = field(default_factory=set)  # logged as changed, value hidden
    masked: dict[str, Callable[[Any], str]] = field(default_factory=dict)  # logged masked
    # Logged as they are, shown reduced to viewers without full-ID rights (audit.presentation).
    personal: dict[str, Callable[[Any], str]] = field(default_factory=dict)
    # How a stored value reads in the log when the field alone does not say (a section key).
    display: dict[str, Callable[[Any], str]] = field(default_factory=dict)


_registry: dict[type[models.Model], AuditOptions] = {}


def register(
    model: type[models.Model],
    *,
    exclude: Iterable[str] = (),
    redacted: Iterable[str] = (),
    masked: dict[str, Callable[[Any], str]] | None = None,
    personal: dict[str, Callable[[Any], str]] | None = None,
    display: dict[str, Callable[[Any], str]] | None = None,
) -> None:
    _registry[model] = AuditOptions(
        set(exclude), set(redacted), dict(masked or {}), dict(personal or {}), dict(display or {})
    )
    uid = f"audit:{model._meta.label}"
    post_init.connect(_snapshot, sender=model, dispatch_uid=uid + ":init", weak=False)
    post_save.connect(_on_save, sender=model, dispatch_uid=uid + ":save", weak=False)
    post_delete.connect(_on_delete, sender=model, dispatch_uid=uid + ":delete", weak=False)


def is_registered(model: type[models.Model]) -> bool:
    return model in _registry


def options_for(model: type[models.Model] | None) -> AuditOptions | None:
    return _registry.get(model) if model is not None else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "name"):  # files
        return value.name or None
    return str(value)


def _values(instance: models.Model, options: AuditOptions) -> dict[str, Any]:
    values = {}
    for f in instance._meta.concrete_fields:
        if f.name in options.exclude or f.attname not in instance.__dict__:
            continue
        values[f.name] = f.value_from_object(instance)
    return values


def _shown(name: str, value: Any, options: AuditOptions) -> Any:
    if name in options.redacted:
        return REDACTED
    if name in options.masked and value:
        return options.masked[name](value)
    return _jsonable(value)


def _snapshot(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    # Runs for every instance loaded anywhere, so it only copies the attribute dict (by
    # attname); field values are read from it when a save needs the difference.
    instance._audit_snapshot = instance.__dict__.copy()  # type: ignore[attr-defined]


def _union_of(instance: models.Model) -> Any:
    if hasattr(instance, "audit_union"):
        return instance.audit_union()
    if instance._meta.label == "unions.Union":
        return instance
    return getattr(instance, "union", None) if hasattr(instance, "union_id") else None


def build_entry(instance: models.Model, action: str, changes: dict[str, Any]) -> AuditEntry:
    actor = current_actor()
    union = _union_of(instance)
    return AuditEntry(
        actor=actor.user,
        actor_label=actor.label[:150],
        ip_address=actor.ip_address,
        union_id=union.pk if union is not None else None,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes,
    )


_ENTRY_COLUMNS = ("id", "created_at", "actor_id", "actor_label", "ip_address", "union_id", "action",
                  "content_type_id", "object_id", "object_repr", "changes")  # fmt: skip


def build_entries(
    instances: Iterable[models.Model], action: str, changes: Iterable[dict[str, Any]]
) -> list[AuditEntry]:
    """`build_entry` for many instances written together (one transaction, one actor, one
    moment): the actor and the time are read once and entries are made positionally, which
    is Django's fast path; for bulk writers (records.bulk_write)."""
    if tuple(f.attname for f in AuditEntry._meta.concrete_fields) != _ENTRY_COLUMNS:
        raise RuntimeError("AuditEntry's fields changed: update audit.registry.build_entries.")
    actor = current_actor()
    user_id = actor.user.pk if actor.user is not None else None
    label = actor.label[:150]
    now = timezone.now()
    entries = []
    for instance, change in zip(instances, changes, strict=True):
        union = _union_of(instance)
        entries.append(
            AuditEntry(
                None, now, user_id, label, actor.ip_address, union.pk if union is not None else None,
                action, ContentType.objects.get_for_model(instance).pk, str(instance.pk),
                str(instance)[:200], change,
            )
        )  # fmt: skip
    return entries


def entry_rows(
    model: type[models.Model], action: str, items: Iterable[tuple[Any, str, dict[str, Any]]], *, union_id: Any
) -> list[tuple[Any, ...]]:
    """What `build_entries` makes, for objects of `model` written as rows without instances
    (records.bulk_write.insert_rows): `items` are (primary key, str(object), changes). Rows in
    records.bulk_write.attnames(AuditEntry) order, to be inserted with insert_rows."""
    if tuple(f.attname for f in AuditEntry._meta.concrete_fields) != _ENTRY_COLUMNS:
        raise RuntimeError("AuditEntry's fields changed: update audit.registry.entry_rows.")
    actor = current_actor()
    head = (
        timezone.now(),
        actor.user.pk if actor.user is not None else None,
        actor.label[:150],
        actor.ip_address,
    )
    content_type = ContentType.objects.get_for_model(model).pk
    return [
        (*head, union_id, action, content_type, str(pk), text[:200], changes) for pk, text, changes in items
    ]


_JSON_PLAIN = frozenset({str, int, float, bool, type(None)})


def _steps(model: type[models.Model], attnames: Iterable[str]) -> list[tuple[str, str, int, bool]]:
    """(name, attname, position in `attnames`, value shown as is) of each logged field."""
    options = _registry[model]
    at = {name: i for i, name in enumerate(attnames)}
    return [
        (
            f.name,
            f.attname,
            at.get(f.attname, -1),
            f.name not in options.redacted and f.name not in options.masked,
        )
        for f in model._meta.concrete_fields
        if f.name not in options.exclude
    ]


def creation_changes_of(
    model: type[models.Model], attnames: Sequence[str]
) -> Callable[[Sequence[Any]], dict]:
    """`creation_changes` for rows of `model` given as values in `attnames` order, without an
    instance; fields, exclusions and masks are looked up once, for a bulk writer's rows."""
    options = _registry[model]
    steps = [(name, index, plain) for name, _, index, plain in _steps(model, attnames) if index >= 0]

    def changes(row: Sequence[Any]) -> dict[str, Any]:
        result = {}
        for name, index, plain in steps:
            value = row[index]
            if value is None or value == "":
                continue
            if plain and type(value) in _JSON_PLAIN:
                result[name] = value
            else:
                result[name] = _shown(name, value, options)
        return result

    return changes


def update_changes_of(model: type[models.Model]) -> Callable[[dict[str, tuple[Any, Any]]], dict]:
    """`update_changes` from {attname: (old, new)} of the fields a bulk writer changes."""
    options = _registry[model]
    steps = [(name, attname) for name, attname, _, _ in _steps(model, ())]

    def changes(changed: dict[str, tuple[Any, Any]]) -> dict[str, list[Any]]:
        result = {}
        for name, attname in steps:
            pair = changed.get(attname)
            if pair is not None and pair[0] != pair[1]:
                result[name] = [_shown(name, pair[0], options), _shown(name, pair[1], options)]
        return result

    return changes


def creation_changes(instance: models.Model) -> dict[str, Any]:
    options = _registry[type(instance)]
    return {
        name: _shown(name, value, options)
        for name, value in _values(instance, options).items()
        if value not in (None, "")
    }


def update_changes(instance: models.Model, before: dict[str, Any]) -> dict[str, list[Any]]:
    """Field changes against `before`, an attribute dict as `_snapshot` copies it."""
    options = _registry[type(instance)]
    changes = {}
    for f in instance._meta.concrete_fields:
        if f.name in options.exclude or f.attname not in before or f.attname not in instance.__dict__:
            continue
        old, new = before[f.attname], getattr(instance, f.attname)
        if old != new:
            changes[f.name] = [_shown(f.name, old, options), _shown(f.name, new, options)]
    return changes


def _on_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw:  # fixtures loading
        return
    if created:
        build_entry(instance, Action.CREATE, creation_changes(instance)).save()
    else:
        changes = update_changes(instance, getattr(instance, "_audit_snapshot", {}))
        if changes:
            build_entry(instance, Action.UPDATE, changes).save()
    _snapshot(sender, instance)


def _on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    build_entry(instance, Action.DELETE, creation_changes(instance)).save()


def log_event(instance: models.Model, action: str, details: dict[str, Any] | None = None) -> AuditEntry:
    """Log something that is not a plain field change (an import, an export, an approval)."""
    entry = build_entry(instance, action, details or {})
    entry.save()
    return entry
