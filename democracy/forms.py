from __future__ import annotations

from typing import Any

from django.db.models import Q

from records.forms import RecordForm

from .models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion


class CongressForm(RecordForm):
    class Meta:
        model = Congress
        fields = [
            "session",
            "kind",
            "date",
            "delegates_total",
            "delegates_present",
            "delegates_women",
            "items",
            "resolutions",
            "notes",
        ]


class ProposalForm(RecordForm):
    class Meta:
        model = Proposal
        fields = [
            "congress",
            "number",
            "title",
            "submitted_on",
            "submitter",
            "submitter_member",
            "content",
            "status",
            "department",
            "reply",
            "replied_on",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        congress = self.fields["congress"]
        congress.queryset = congress.queryset.filter(
            Q(voided_at__isnull=True) | Q(pk=self.instance.congress_id)
        )


class DisclosureForm(RecordForm):
    class Meta:
        model = Disclosure
        fields = ["date", "topic", "channel", "content"]


class CollectiveContractForm(RecordForm):
    class Meta:
        model = CollectiveContract
        fields = [
            "kind",
            "title",
            "scope",
            "units_covered",
            "signed_on",
            "start_date",
            "end_date",
            "workers_covered",
            "wage_growth",
            "negotiation_rounds",
            "notes",
        ]


class SuggestionForm(RecordForm):
    class Meta:
        model = Suggestion
        fields = [
            "title",
            "date",
            "submitter",
            "submitter_member",
            "content",
            "adopted",
            "adopted_on",
            "benefit",
            "is_typical",
            "typical_note",
        ]


class JointMeetingForm(RecordForm):
    class Meta:
        model = JointMeeting
        fields = ["date", "topic", "attendees", "decisions"]
