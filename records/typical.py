"""Marking a record as a 典型事例 after the fact.

The mark and its note are about the summary, not the record's figures: a paid disbursement,
locked against edits, can still be marked. Only these two fields change, and the change is logged.
"""

from __future__ import annotations

from django.db import transaction

from audit.registry import log_event

from .models import TypicalCase

TYPICAL_FIELDS = ("is_typical", "typical_note")


@transaction.atomic
def typical_case_mark(*, record: TypicalCase, is_typical: bool, note: str = "") -> TypicalCase:
    current = type(record).objects.select_for_update().get(pk=record.pk)
    current.is_typical = is_typical
    current.typical_note = note.strip() if is_typical else ""
    # Only the mark is checked: a record entered under older rules can still be marked.
    others = [f.name for f in current._meta.concrete_fields if f.name not in TYPICAL_FIELDS]
    current.clean_fields(exclude=others)
    current.save(update_fields=[*TYPICAL_FIELDS, "updated_at"])
    log_event(
        current, "records.typical_case.marked", {"is_typical": is_typical, "note": current.typical_note}
    )
    return current
