from __future__ import annotations

from records.forms import RecordForm

from .models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome


class PublicityForm(RecordForm):
    class Meta:
        model = Publicity
        fields = [
            "date",
            "kind",
            "title",
            "participants",
            "outlet",
            "outlet_level",
            "submitted",
            "adopted",
            "notes",
        ]


class WorkersHomeForm(RecordForm):
    class Meta:
        model = WorkersHome
        fields = ["name", "kind", "unit", "built_on", "level", "recognised_on", "books", "notes"]


class ModelWorkerCareForm(RecordForm):
    class Meta:
        model = ModelWorkerCare
        fields = ["date", "kind", "title", "member", "persons", "amount", "notes"]


class DuesCollectionForm(RecordForm):
    class Meta:
        model = DuesCollection
        fields = ["date", "item", "payer", "due", "paid", "notes"]


class SafetyInspectionForm(RecordForm):
    class Meta:
        model = SafetyInspection
        fields = ["date", "kind", "title", "hazards_found", "hazards_fixed", "measures", "notes"]


class InnovationForm(RecordForm):
    class Meta:
        model = Innovation
        fields = ["date", "title", "kind", "level", "team", "benefit", "notes"]
