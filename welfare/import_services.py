"""Writing imported disbursements in bulk with their audit entries (records.bulk_write: COPY on
PostgreSQL, one prepared statement on SQLite), in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence

from audit.models import Action
from audit.registry import build_entries, creation_changes
from records import bulk_write
from unions.models import Union

from .choices import DisbursementStatus
from .models import Disbursement

BATCH_SIZE = bulk_write.CHUNK
IMPORTED_PAID_EVENT = "welfare.disbursement.imported_paid"
RECORDED_APPROVER = "台账记载的审批人"
SOURCE = "来源"


def disbursements_import(
    *, union: Union, records: Sequence[Disbursement], approvers: dict[int, str], source: str = ""
) -> int:
    """Insert checked disbursements (drafts, or paid records of a past period) in bulk, each
    with its creation entry under the current actor, who thereby counts as their enterer
    (welfare.duties). A paid record also gets an entry saying who approved it, as the ledger
    records it; `approvers` maps a record's position in `records` to that name."""
    created = 0
    for start in range(0, len(records), BATCH_SIZE):
        batch = list(records[start : start + BATCH_SIZE])
        for record in batch:
            record.union = union
        bulk_write.insert(batch)
        entries = build_entries(batch, Action.CREATE, map(creation_changes, batch))
        paid = [(o, r) for o, r in enumerate(batch, start=start) if r.status == DisbursementStatus.PAID]
        details = [
            {
                "status": DisbursementStatus.PAID,
                "paid_on": record.paid_on.isoformat() if record.paid_on else None,
                RECORDED_APPROVER: approvers.get(offset, ""),
                SOURCE: f"往期台账导入{('：' + source) if source else ''}",
            }
            for offset, record in paid
        ]
        entries += build_entries([r for _, r in paid], IMPORTED_PAID_EVENT, details)
        bulk_write.insert(entries)
        created += len(batch)
    return created
