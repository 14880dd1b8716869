"""Readable names for the welfare workflow's log entries."""

from __future__ import annotations

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
