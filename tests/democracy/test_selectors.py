"""The democracy figures equal what the test counts itself from the records it made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from democracy.models import Proposal
from democracy.selectors import (
    congress_summary,
    contract_summary,
    disclosure_counts,
    joint_meeting_count,
    proposal_counts,
    suggestion_summary,
)
from records.periods import period_of

from .factories import (
    CollectiveContractFactory,
    CongressFactory,
    DisclosureFactory,
    JointMeetingFactory,
    ProposalFactory,
    SuggestionFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = period_of(2024)
IN, BEFORE, AFTER = dt.date(2024, 6, 1), dt.date(2023, 12, 31), dt.date(2025, 1, 1)


def _void(obj):
    obj.void("误录")
    return obj


def test_congress_summary(union, other_union):
    first = CongressFactory(
        union=union, date=dt.date(2024, 1, 5), delegates_total=100, items="工作报告\n集体合同"
    )
    latest = CongressFactory(
        union=union,
        session="第三届第三次",
        date=dt.date(2024, 12, 31),
        delegates_total=110,
        delegates_present=101,
        delegates_women=40,
        items="工作报告\n\n 福利方案 \n",
    )
    CongressFactory(union=union, date=BEFORE)
    CongressFactory(union=other_union, date=IN)
    _void(CongressFactory(union=union, date=IN, delegates_total=999))

    summary = congress_summary(union=union, period=PERIOD)
    assert summary.count == 2
    assert [s.label for s in summary.sessions] == [str(first), "第三届第三次职工代表大会"]
    assert (summary.delegates_total, summary.delegates_present, summary.delegates_women) == (110, 101, 40)
    assert summary.items_count == 4
    assert summary.items == ("工作报告", "集体合同", "福利方案")
    assert latest.item_count == 2


def test_an_empty_year_has_zero_congress_figures(union):
    summary = congress_summary(union=union, period=PERIOD)
    assert (summary.count, summary.delegates_total, summary.items_count, summary.latest) == (0, 0, 0, None)


def test_proposal_counts(union, other_union):
    statuses = ["received", "accepted", "accepted", "rejected", "closed", "closed", "closed"]
    for status in statuses:
        extra = {"reply": "已答复", "replied_on": IN} if status == "closed" else {}
        ProposalFactory(union=union, submitted_on=IN, status=status, **extra)
    ProposalFactory(union=union, submitted_on=AFTER, status="accepted")
    ProposalFactory(union=other_union, submitted_on=IN, status="accepted")
    _void(ProposalFactory(union=union, submitted_on=IN, status="accepted"))

    counts = proposal_counts(union=union, period=PERIOD)
    assert counts.received == len(statuses)
    assert counts.accepted == statuses.count("accepted") + statuses.count("closed")
    assert counts.not_accepted == statuses.count("rejected")
    assert counts.closed == statuses.count("closed")
    assert counts.pending == statuses.count("received")
    assert counts.text == "收到提案7件，立案5件，办结3件"
    assert Proposal.objects.count() == 10


def test_disclosure_counts(union, other_union):
    channels = ["board", "oa", "board", "congress", "board"]
    for channel in channels:
        DisclosureFactory(union=union, date=IN, channel=channel)
    DisclosureFactory(union=union, date=BEFORE, channel="other")
    DisclosureFactory(union=other_union, date=IN, channel="other")
    _void(DisclosureFactory(union=union, date=IN, channel="assembly"))

    counts = disclosure_counts(union=union, period=PERIOD)
    assert counts.count == len(channels)
    assert [(c.label, c.count) for c in counts.by_channel] == [("公开栏", 3), ("OA/内网", 1), ("职代会", 1)]


def test_contract_summary_counts_contracts_in_force_at_the_period_end(union, other_union):
    in_force = [
        CollectiveContractFactory(
            union=union,
            kind="general",
            workers_covered=300,
            start_date=dt.date(2023, 1, 1),
            end_date=dt.date(2025, 12, 31),
            signed_on=dt.date(2022, 12, 20),
            wage_growth=None,
        ),
        CollectiveContractFactory(
            union=union,
            kind="wage",
            workers_covered=280,
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2024, 12, 31),
            signed_on=dt.date(2024, 1, 5),
            wage_growth=Decimal("5.5"),
            negotiation_rounds=3,
        ),
        CollectiveContractFactory(
            union=union,
            kind="women",
            workers_covered=120,
            start_date=dt.date(2024, 3, 8),
            end_date=dt.date(2027, 3, 7),
            signed_on=dt.date(2024, 3, 8),
            wage_growth=None,
            negotiation_rounds=0,
        ),
    ]
    # Signed in the period but ended before its end: counts as signed, not in force.
    ended = CollectiveContractFactory(
        union=union,
        kind="safety",
        workers_covered=50,
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 6, 30),
        signed_on=dt.date(2024, 1, 2),
        wage_growth=Decimal("3"),
        negotiation_rounds=1,
    )
    CollectiveContractFactory(
        union=union,
        kind="general",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 12, 31),
        signed_on=dt.date(2025, 1, 1),
    )
    CollectiveContractFactory(union=other_union, kind="general", signed_on=IN)
    _void(CollectiveContractFactory(union=union, kind="general", signed_on=IN, wage_growth=Decimal("50")))

    summary = contract_summary(union=union, period=PERIOD, today=dt.date(2025, 3, 1))
    assert summary.as_of == PERIOD.end
    for kind in ("general", "wage", "women", "safety"):
        expected = [c for c in in_force if c.kind == kind]
        line = summary.for_kind(kind)
        assert (line.contracts, line.workers_covered) == (
            len(expected),
            sum(c.workers_covered for c in expected),
        )
    assert summary.in_force_total == 3
    signed = [c for c in [*in_force, ended] if PERIOD.contains(c.signed_on)]
    assert summary.signed == len(signed)
    assert summary.negotiation_rounds == sum(c.negotiation_rounds for c in signed)
    growths = [c.wage_growth for c in signed if c.wage_growth is not None]
    assert summary.wage_growth_average == (sum(growths) / len(growths)).quantize(Decimal("0.01"))


def test_contract_summary_of_a_running_period_is_as_of_today(union):
    CollectiveContractFactory(union=union, start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 6, 30))
    summary = contract_summary(union=union, period=PERIOD, today=dt.date(2024, 5, 1))
    assert summary.as_of == dt.date(2024, 5, 1)
    assert summary.in_force_total == 1
    assert contract_summary(union=union, period=PERIOD, today=dt.date(2025, 5, 1)).in_force_total == 0


def test_contract_summary_without_wage_growth_has_no_average(union):
    CollectiveContractFactory(union=union, signed_on=IN, wage_growth=None)
    assert contract_summary(union=union, period=PERIOD, today=AFTER).wage_growth_average is None


def test_suggestion_summary(union, other_union):
    made = [
        SuggestionFactory(union=union, date=IN, adopted=True, benefit=Decimal("1200.50")),
        SuggestionFactory(union=union, date=IN, adopted=True, benefit=Decimal("800")),
        SuggestionFactory(union=union, date=IN, adopted=True),
        SuggestionFactory(union=union, date=IN, adopted=False),
    ]
    SuggestionFactory(union=union, date=BEFORE, adopted=True, benefit=Decimal("99"))
    SuggestionFactory(union=other_union, date=IN, adopted=True, benefit=Decimal("99"))
    _void(SuggestionFactory(union=union, date=IN, adopted=True, benefit=Decimal("99")))

    summary = suggestion_summary(union=union, period=PERIOD)
    assert summary.submitted == len(made)
    assert summary.adopted == sum(1 for s in made if s.adopted)
    assert summary.benefit == sum(s.benefit for s in made if s.adopted) == Decimal("2000.50")


def test_joint_meeting_count(union, other_union):
    for day in (dt.date(2024, 1, 1), IN, dt.date(2024, 12, 31)):
        JointMeetingFactory(union=union, date=day)
    JointMeetingFactory(union=union, date=BEFORE)
    JointMeetingFactory(union=other_union, date=IN)
    _void(JointMeetingFactory(union=union, date=IN))
    assert joint_meeting_count(union=union, period=PERIOD) == 3


def test_periods_that_start_in_october_are_respected(union):
    period = period_of(2024, 10)  # 2023-10-01 .. 2024-09-30
    JointMeetingFactory(union=union, date=dt.date(2023, 10, 1))
    JointMeetingFactory(union=union, date=dt.date(2024, 9, 30))
    JointMeetingFactory(union=union, date=dt.date(2024, 10, 1))
    assert joint_meeting_count(union=union, period=period) == 2
