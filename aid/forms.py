from __future__ import annotations

from records.forms import RecordForm

from .models import AidService


class AidServiceForm(RecordForm):
    class Meta:
        model = AidService
        fields = [
            "date",
            "kind",
            "title",
            "persons",
            "items",
            "placed",
            "amount",
            "non_members",
            "notes",
            "is_typical",
            "typical_note",
        ]
