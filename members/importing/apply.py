"""Writing an import plan to the roster: all of it in one transaction, or nothing.

Rows go in through records.bulk_write (COPY on PostgreSQL, one prepared statement on SQLite).
Bulk writes do not send the signals the audit log listens to, so each batch writes its own
audit entries, with the same content the signals would have written, the same fast way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from audit.models import Action, AuditEntry
from audit.registry import creation_changes_of, entry_rows, update_changes_of
from imports.gcpause import gc_paused
from imports.plan import Plan
from imports.spec import Built
from records import bulk_write
from unions.models import Union

from ..models import Member
from .rows import PlannedAdd, PlannedUpdate

BATCH_SIZE = bulk_write.CHUNK

T = TypeVar("T")


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def _batches(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _change_key(update: PlannedUpdate) -> tuple[str, ...]:
    return tuple(sorted(update.changes))


def roster_import_apply(*, union: Union, plan: Plan) -> ImportResult:
    """Add and update the members of a checked roster plan, all or nothing. Plans with
    errors are refused."""
    if plan.context is None or plan.context.union.pk != union.pk:
        raise ValueError("The import plan was built for another union.")
    if plan.invalid or plan.pending or plan.missing:
        raise ValueError("An import plan with invalid rows cannot be applied.")
    return write_roster(union=union, built=[built for _, built in plan.valid])


def write_roster(*, union: Union, built: Sequence[Built]) -> ImportResult:
    """The planned adds and updates written, in one transaction (the caller's, if any)."""
    adds = [item.item for item in built if not item.is_update]
    updates = [item.item for item in built if item.is_update]
    with gc_paused(), transaction.atomic():
        _add(union, adds)
        _update(union, updates)
    return ImportResult(added=len(adds), updated=len(updates))


def _add(union: Union, adds: list[PlannedAdd]) -> None:
    # Rows as they are stored, without a Member instance each: the model's defaults fill what
    # the file left out (as Member(**values) would), created_at and updated_at are the
    # moment of the import (auto_now_add, auto_now), and the audit entry says what the
    # post_save signal would (audit.registry.creation_changes) from the same row.
    names = bulk_write.attnames(Member)
    defaults = {f.attname: f.get_default() for f in Member._meta.concrete_fields}
    now = timezone.now()
    defaults.update(union_id=union.pk, created_at=now, updated_at=now)
    pairs = [(name, defaults[name]) for name in names]
    name_at = names.index("name")
    changes_of = creation_changes_of(Member, ("id", *names))
    for batch in _batches(adds):
        rows = [tuple([add.values.get(name, default) for name, default in pairs]) for add in batch]
        ids = bulk_write.insert_rows(Member, rows)
        items = ((pk, row[name_at], changes_of((pk, *row))) for pk, row in zip(ids, rows, strict=True))
        bulk_write.insert_rows(AuditEntry, entry_rows(Member, Action.CREATE, items, union_id=union.pk))


def _update(union: Union, updates: list[PlannedUpdate]) -> None:
    # Rows changing the same fields are written together, so each UPDATE sets only the
    # fields that change and leaves the members' other columns as they are in the database.
    now = timezone.now()
    changes_of = update_changes_of(Member)
    entries: list[tuple] = []
    for key, group in groupby(sorted(updates, key=_change_key), key=_change_key):
        names = [*key, "updated_at"]  # auto_now, as save() would set it
        for batch in _batches(list(group)):
            rows = [(*[update.changes[name][1] for name in key], now, update.pk) for update in batch]
            bulk_write.update_rows(Member, names, rows)
            items = ((update.pk, update.name, changes_of(update.changes)) for update in batch)
            entries += entry_rows(Member, Action.UPDATE, items, union_id=union.pk)
            if len(entries) >= bulk_write.CHUNK:
                bulk_write.insert_rows(AuditEntry, entries)
                entries = []
    bulk_write.insert_rows(AuditEntry, entries)
