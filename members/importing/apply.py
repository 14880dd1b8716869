"""Writing an import plan to the roster: all of it in one transaction, or nothing.

Bulk writes do not send the signals the audit log listens to, so each batch writes its own
audit entries, with the same content the signals would have written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from django.db import router, transaction
from django.utils import timezone

from audit.models import Action, AuditEntry
from audit.registry import build_entry, creation_changes, update_changes
from unions.models import Union

from ..models import Member
from .gcpause import gc_paused
from .plan import ATTNAMES, ImportPlan, PlannedUpdate

BATCH_SIZE = 1000
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


def roster_import_apply(*, union: Union, plan: ImportPlan) -> ImportResult:
    """Add and update the members of `plan`, all or nothing. Plans with errors are refused."""
    if plan.union.pk != union.pk:
        raise ValueError("The import plan was built for another union.")
    if plan.has_errors:
        raise ValueError("An import plan with invalid rows cannot be applied.")
    with gc_paused(), transaction.atomic():
        _add(union, plan)
        _update(union, plan)
    return ImportResult(added=len(plan.adds), updated=len(plan.updates))


def _add(union: Union, plan: ImportPlan) -> None:
    # Positional construction is Django's fast path; the model's defaults fill what the
    # file left out, exactly as Member(**values) would.
    defaults = {f.attname: f.get_default() for f in Member._meta.concrete_fields}
    defaults["union_id"] = union.pk
    union_field = Member._meta.get_field("union")
    for batch in _batches(plan.adds):
        members = []
        for add in batch:
            member = Member(*[add.values.get(name, default) for name, default in defaults.items()])
            union_field.set_cached_value(member, union)  # the audit entry reads member.union
            members.append(member)
        Member.objects.bulk_create(members, batch_size=BATCH_SIZE)
        AuditEntry.objects.bulk_create(
            [build_entry(member, Action.CREATE, creation_changes(member)) for member in members],
            batch_size=BATCH_SIZE,
        )


def _update(union: Union, plan: ImportPlan) -> None:
    # Rows changing the same fields are written together, so each UPDATE sets only the
    # fields that change and leaves the members' other columns as they are in the database.
    database = router.db_for_write(Member)
    now = timezone.now()
    entries: list[AuditEntry] = []
    for key, group in groupby(sorted(plan.updates, key=_change_key), key=_change_key):
        fields = [_NAME_OF[attname] for attname in key] + ["updated_at"]
        for batch in _batches(list(group)):
            members = []
            for update in batch:
                member = Member.from_db(database, ATTNAMES, update.before)
                member.union = union  # spares the audit log a query per member
                for attname, (_, new) in update.changes.items():
                    setattr(member, attname, new)
                member.updated_at = now  # bulk_update does not apply auto_now
                members.append(member)
            Member.objects.bulk_update(members, fields, batch_size=BATCH_SIZE)
            entries.extend(
                build_entry(member, Action.UPDATE, update_changes(member, member._audit_snapshot))
                for member in members
            )
            if len(entries) >= BATCH_SIZE:
                AuditEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
                entries = []
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
