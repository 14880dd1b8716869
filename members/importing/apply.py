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

from django.db import router, transaction

from audit.models import Action, AuditEntry
from audit.registry import build_entries, creation_changes, update_changes
from imports.gcpause import gc_paused
from imports.plan import Plan
from imports.spec import Built
from records import bulk_write
from unions.models import Union

from ..models import Member
from .rows import ATTNAMES, PlannedAdd, PlannedUpdate

BATCH_SIZE = bulk_write.CHUNK
_NAME_OF = {f.attname: f.name for f in Member._meta.concrete_fields}

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
    # Positional construction is Django's fast path; the model's defaults fill what the
    # file left out, exactly as Member(**values) would.
    defaults = {f.attname: f.get_default() for f in Member._meta.concrete_fields}
    defaults["union_id"] = union.pk
    union_field = Member._meta.get_field("union")
    for batch in _batches(adds):
        members = []
        for add in batch:
            member = Member(*[add.values.get(name, default) for name, default in defaults.items()])
            union_field.set_cached_value(member, union)  # the audit entry reads member.union
            members.append(member)
        bulk_write.insert(members)
        bulk_write.insert(build_entries(members, Action.CREATE, map(creation_changes, members)))


def _update(union: Union, updates: list[PlannedUpdate]) -> None:
    # Rows changing the same fields are written together, so each UPDATE sets only the
    # fields that change and leaves the members' other columns as they are in the database.
    database = router.db_for_write(Member)
    entries: list[AuditEntry] = []
    for key, group in groupby(sorted(updates, key=_change_key), key=_change_key):
        fields = [_NAME_OF[attname] for attname in key]  # and updated_at, as auto_now
        for batch in _batches(list(group)):
            members = []
            for update in batch:
                member = Member.from_db(database, ATTNAMES, update.before)
                member.union = union  # spares the audit log a query per member
                for attname, (_, new) in update.changes.items():
                    setattr(member, attname, new)
                members.append(member)
            bulk_write.update(members, fields)
            changes = [update_changes(member, member._audit_snapshot) for member in members]
            entries.extend(build_entries(members, Action.UPDATE, changes))
            if len(entries) >= bulk_write.CHUNK:
                bulk_write.insert(entries)
                entries = []
    bulk_write.insert(entries)
