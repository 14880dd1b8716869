"""Reads behind the workbook's ledgers (台账) that the record apps do not offer as lists.

Each returns one union's live (not voided) records of one reporting period, in date order,
with what the ledger shows fetched in the same query. The figures themselves come from the
apps' selectors (see `workbook.indicators`).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from democracy.models import CollectiveContract, Congress, Disclosure, Proposal
from funds.models import FundEntry
from members.models import Member
from members.selectors import members_at
from records.periods import Period
from rights.models import LegalAid, MediationCase, Petition
from unions.models import Union


def roster_at_end(*, union: Union, period: Period) -> QuerySet[Member]:
    """The 会员花名册: members on the roster at the period's end (the 会员人数 figure)."""
    return members_at(union=union, day=period.end).order_by("name", "id")


def _live(model, union: Union) -> QuerySet:  # type: ignore[no-untyped-def]
    return model.objects.filter(union=union, voided_at__isnull=True)


def congresses_in(*, union: Union, period: Period) -> QuerySet[Congress]:
    return _live(Congress, union).filter(date__range=(period.start, period.end)).order_by("date", "id")


def proposals_in(*, union: Union, period: Period) -> QuerySet[Proposal]:
    return (
        _live(Proposal, union)
        .filter(submitted_on__range=(period.start, period.end))
        .select_related("congress", "submitter_member")
        .order_by("submitted_on", "id")
    )


def disclosures_in(*, union: Union, period: Period) -> QuerySet[Disclosure]:
    return _live(Disclosure, union).filter(date__range=(period.start, period.end)).order_by("date", "id")


def contracts_in(*, union: Union, period: Period) -> QuerySet[CollectiveContract]:
    """Contracts in force at some time in the period, or signed in it."""
    overlapping = Q(start_date__lte=period.end, end_date__gte=period.start)
    signed = Q(signed_on__range=(period.start, period.end))
    return _live(CollectiveContract, union).filter(overlapping | signed).order_by("signed_on", "id")


def mediation_cases_in(*, union: Union, period: Period) -> QuerySet[MediationCase]:
    return (
        _live(MediationCase, union)
        .filter(received_on__range=(period.start, period.end))
        .order_by("received_on", "id")
    )


def legal_aid_in(*, union: Union, period: Period) -> QuerySet[LegalAid]:
    return _live(LegalAid, union).filter(date__range=(period.start, period.end)).order_by("date", "id")


def petitions_in(*, union: Union, period: Period) -> QuerySet[Petition]:
    return _live(Petition, union).filter(date__range=(period.start, period.end)).order_by("date", "id")


def fund_entries_in(*, union: Union, period: Period) -> QuerySet[FundEntry]:
    return _live(FundEntry, union).filter(date__range=(period.start, period.end)).order_by("date", "id")
