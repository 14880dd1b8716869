"""Every list page runs the same number of queries for 2 rows as for 12."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MemberFactory

from .factories import (
    CollectiveContractFactory,
    CongressFactory,
    DisclosureFactory,
    JointMeetingFactory,
    ProposalFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db


def _proposal(union):
    return ProposalFactory(
        union=union, congress=CongressFactory(union=union), submitter_member=MemberFactory(union=union)
    )


MAKERS = {
    "congress": lambda union: CongressFactory(union=union),
    "proposal": _proposal,
    "disclosure": lambda union: DisclosureFactory(union=union),
    "contract": lambda union: CollectiveContractFactory(union=union),
    "suggestion": lambda union: SuggestionFactory(union=union, submitter_member=MemberFactory(union=union)),
    "meeting": lambda union: JointMeetingFactory(union=union),
}


@pytest.mark.parametrize("prefix", MAKERS)
def test_list_queries_do_not_grow_with_rows(clerk_client, union, prefix):
    url = reverse(f"democracy:{prefix}-list", args=[union.code]) + "?year=all"

    def count_queries(rows: int) -> int:
        while len(clerk_client.get(url).context["rows"]) < rows:
            MAKERS[prefix](union)
        with CaptureQueriesContext(connection) as ctx:
            response = clerk_client.get(url)
        assert len(response.context["rows"]) == rows
        return len(ctx)

    assert count_queries(2) == count_queries(12)
