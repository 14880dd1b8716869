from __future__ import annotations

from records.forms import RecordForm

from .models import LegalAid, MediationCase, Petition


class MediationCaseForm(RecordForm):
    class Meta:
        model = MediationCase
        fields = [
            "received_on",
            "parties",
            "subject",
            "dispute_type",
            "workers_involved",
            "outcome",
            "closed_on",
            "amount_recovered",
            "notes",
            "is_typical",
            "typical_note",
        ]


class LegalAidForm(RecordForm):
    class Meta:
        model = LegalAid
        fields = [
            "date",
            "kind",
            "persons",
            "subject",
            "workers_represented",
            "migrant_workers",
            "outcome",
            "amount_recovered",
            "is_typical",
            "typical_note",
        ]


class PetitionForm(RecordForm):
    class Meta:
        model = Petition
        fields = ["date", "channel", "cases", "persons", "collective", "subject", "handling", "resolved"]
