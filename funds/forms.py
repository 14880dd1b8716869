from __future__ import annotations

from typing import Any

from records.forms import RecordForm

from .choices import INCOME_CATEGORIES, SPENDING_CATEGORIES
from .models import FundAudit, FundEntry


class FundEntryForm(RecordForm):
    class Meta:
        model = FundEntry
        fields = ["date", "direction", "category", "amount", "description", "voucher"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Grouped so that the list reads as the two sides of the account.
        self.fields["category"].choices = [
            ("", "---------"),
            ("收入", [(c.value, c.label) for c in INCOME_CATEGORIES]),
            ("支出", [(c.value, c.label) for c in SPENDING_CATEGORIES]),
        ]


class FundAuditForm(RecordForm):
    class Meta:
        model = FundAudit
        fields = ["year", "audited_on", "auditor", "findings"]
