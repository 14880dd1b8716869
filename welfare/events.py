"""Readable names for the welfare workflow's log entries.

`audit` labels plain creates/changes/deletes; the workflow steps logged with `log_event` carry
dotted names ("welfare.disbursement.approved") that would otherwise show raw on history panels.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from audit.models import AuditEntry
from audit.presentation import HistoryItem, history_for

EVENT_LABELS = {
    "welfare.disbursement.submitted": "提交审批",
    "welfare.disbursement.approved": "审批通过",
    "welfare.disbursement.rejected": "退回",
    "welfare.disbursement.withdrawn": "撤回修改",
    "welfare.disbursement.paid": "登记发放",
    "welfare.disbursement.voided": "作废",
    "welfare.disbursement.restored": "恢复",
    "welfare.hardship.reviewed": "年度复核",
}


class LabelledEntry:
    """An audit entry whose `action_label` knows the welfare events."""

    def __init__(self, entry: AuditEntry) -> None:
        self._entry = entry

    def __getattr__(self, name: str) -> Any:
        return getattr(self._entry, name)

    @property
    def action_label(self) -> str:
        return EVENT_LABELS.get(self._entry.action) or self._entry.action_label


def labelled_history(obj: models.Model) -> list[HistoryItem]:
    return [HistoryItem(LabelledEntry(item.entry), item.lines) for item in history_for(obj)]  # type: ignore[arg-type]
