"""Figures of democratic management for the dashboard, the annual report and the workbook.

Every function reads one union's live (not voided) records of one reporting period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from records.by_union import aggregate_by_union, of_unions, rows_by_union
from records.memo import per_scope, per_union
from records.periods import Period
from unions.models import Union

from .choices import ACCEPTED_STATUSES, ContractKind, ContractScope, DisclosureChannel, ProposalStatus
from .models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion

ZERO = Decimal("0")


def _live(model, union: Union) -> QuerySet:
    return model.objects.filter(union=union, voided_at__isnull=True)


def _all_live(model) -> QuerySet:
    return model.objects.filter(voided_at__isnull=True)


def _in(period: Period, field: str) -> Q:
    return Q(**{f"{field}__range": (period.start, period.end)})


# --- congresses -------------------------------------------------------------------------


@dataclass(frozen=True)
class CongressSession:
    label: str  # "第三届第二次职工代表大会"
    date: dt.date
    delegates_total: int
    delegates_present: int
    delegates_women: int
    items: tuple[str, ...]


@dataclass(frozen=True)
class CongressSummary:
    """Sessions held in the period, in date order.

    Delegate figures are those of the latest session (the congress's current size), not sums:
    two sessions of one congress have the same delegates.
    """

    sessions: tuple[CongressSession, ...]

    @property
    def count(self) -> int:
        return len(self.sessions)

    @property
    def latest(self) -> CongressSession | None:
        return self.sessions[-1] if self.sessions else None

    @property
    def delegates_total(self) -> int:
        return self.latest.delegates_total if self.latest else 0

    @property
    def delegates_present(self) -> int:
        return self.latest.delegates_present if self.latest else 0

    @property
    def delegates_women(self) -> int:
        return self.latest.delegates_women if self.latest else 0

    @property
    def items_count(self) -> int:
        """Items reviewed, over all sessions of the period."""
        return sum(len(s.items) for s in self.sessions)

    @property
    def items(self) -> tuple[str, ...]:
        """The distinct items reviewed, in the order first reviewed."""
        return tuple(dict.fromkeys(item for s in self.sessions for item in s.items))


@per_union
def congress_summary(*, unions: Sequence[Union], period: Period) -> dict[int, CongressSummary]:
    congresses = of_unions(_all_live(Congress), unions).filter(_in(period, "date")).order_by("date", "id")
    sessions: dict[int, list[CongressSession]] = {u.pk: [] for u in unions}
    for c in congresses:
        sessions[c.union_id].append(
            CongressSession(
                label=str(c),
                date=c.date,
                delegates_total=c.delegates_total,
                delegates_present=c.delegates_present,
                delegates_women=c.delegates_women,
                items=tuple(c.item_list),
            )
        )
    return {pk: CongressSummary(tuple(found)) for pk, found in sessions.items()}


# --- proposals --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalCounts:
    received: int  # all proposals submitted in the period
    accepted: int  # 立案, including those since closed
    not_accepted: int  # 不立案
    closed: int  # 办结
    pending: int  # received, not yet decided

    @property
    def text(self) -> str:
        return f"收到提案{self.received}件，立案{self.accepted}件，办结{self.closed}件"


@per_union
def proposal_counts(*, unions: Sequence[Union], period: Period) -> dict[int, ProposalCounts]:
    figures = aggregate_by_union(
        _all_live(Proposal).filter(_in(period, "submitted_on")),
        unions,
        received=Count("id"),
        accepted=Count("id", filter=Q(status__in=ACCEPTED_STATUSES)),
        not_accepted=Count("id", filter=Q(status=ProposalStatus.REJECTED)),
        closed=Count("id", filter=Q(status=ProposalStatus.CLOSED)),
        pending=Count("id", filter=Q(status=ProposalStatus.RECEIVED)),
    )
    return {pk: ProposalCounts(**found) for pk, found in figures.items()}


# --- disclosures ------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    label: str
    count: int


@dataclass(frozen=True)
class DisclosureCounts:
    count: int
    by_channel: tuple[ChannelCount, ...]  # channels used, in the vocabulary's order


@per_union
def disclosure_counts(*, unions: Sequence[Union], period: Period) -> dict[int, DisclosureCounts]:
    grouped = rows_by_union(
        _all_live(Disclosure).filter(_in(period, "date")), unions, "channel", n=Count("id")
    )
    return {pk: _disclosure_counts({r["channel"]: r["n"] for r in rows}) for pk, rows in grouped.items()}


def _disclosure_counts(rows: dict[str, int]) -> DisclosureCounts:
    by_channel = tuple(
        ChannelCount(str(c.value), str(c.label), rows[c.value]) for c in DisclosureChannel if c.value in rows
    )
    return DisclosureCounts(count=sum(rows.values()), by_channel=by_channel)


# --- collective contracts -----------------------------------------------------------------


@dataclass(frozen=True)
class ContractKindLine:
    kind: str
    label: str
    contracts: int
    workers_covered: int


@dataclass(frozen=True)
class ContractSummary:
    as_of: dt.date  # the period's end, or today while the period runs
    in_force: tuple[ContractKindLine, ...]  # every kind, in the vocabulary's order
    signed: int  # contracts signed in the period
    negotiation_rounds: int  # 工资集体协商 rounds of the contracts signed in the period
    wage_growth_average: Decimal | None  # over contracts signed in the period that state one

    @property
    def in_force_total(self) -> int:
        return sum(line.contracts for line in self.in_force)

    def for_kind(self, kind: str) -> ContractKindLine:
        return next(line for line in self.in_force if line.kind == kind)


def in_force_on(day: dt.date) -> Q:
    """Contracts in force on `day` (the list's 有效日期)."""
    return Q(start_date__lte=day, end_date__gte=day)


@per_union
def contract_summary(
    *, unions: Sequence[Union], period: Period, today: dt.date
) -> dict[int, ContractSummary]:
    as_of = min(period.end, today)
    # One pass, grouped by kind: the contracts in force on the day and those signed in the
    # period (the signed totals add up over the kinds).
    force, signing = in_force_on(as_of), _in(period, "signed_on")
    grouped = rows_by_union(
        _all_live(CollectiveContract).filter(force | signing),
        unions,
        "kind",
        n=Count("id", filter=force),
        workers=Coalesce(Sum("workers_covered", filter=force), 0),
        signed=Count("id", filter=signing),
        rounds=Coalesce(Sum("negotiation_rounds", filter=signing), 0),
        growth_n=Count("wage_growth", filter=signing),
        growth_sum=Coalesce(Sum("wage_growth", filter=signing), ZERO, output_field=DecimalField()),
    )
    return {pk: _contract_summary({r["kind"]: r for r in rows}, as_of) for pk, rows in grouped.items()}


def _contract_summary(rows: dict[str, dict], as_of: dt.date) -> ContractSummary:
    lines = tuple(
        ContractKindLine(
            kind=str(k.value),
            label=str(k.label),
            contracts=rows.get(k.value, {}).get("n", 0),
            workers_covered=rows.get(k.value, {}).get("workers") or 0,
        )
        for k in ContractKind
    )
    signed = {key: sum(r[key] for r in rows.values()) for key in ("signed", "rounds", "growth_n")}
    signed["n"] = signed.pop("signed")
    signed["growth_sum"] = sum((r["growth_sum"] for r in rows.values()), ZERO)
    average = None
    if signed["growth_n"]:
        average = (Decimal(signed["growth_sum"]) / signed["growth_n"]).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
    return ContractSummary(
        as_of=as_of,
        in_force=lines,
        signed=signed["n"],
        negotiation_rounds=signed["rounds"],
        wage_growth_average=average,
    )


def contracts_carried_over(*, union: Union, period: Period, today: dt.date) -> dict[str, int]:
    """Contracts in force at the period's end (or today) that were signed before it began,
    by kind: they are 继续履行 this period, not 签订."""
    as_of = min(period.end, today)
    rows = (
        _live(CollectiveContract, union)
        .filter(in_force_on(as_of), signed_on__lt=period.start)
        .values("kind")
        .annotate(n=Count("id"))
    )
    return {row["kind"]: row["n"] for row in rows}


@dataclass(frozen=True)
class ExpiringContract:
    contract: CollectiveContract
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0

    @property
    def label(self) -> str:
        if self.expired:
            return f"已到期{-self.days_left}天，未续签"
        return "今天到期" if self.days_left == 0 else f"{self.days_left}天后到期"


@per_scope
def contracts_expiring(*, union: Union, today: dt.date, days: int = 90) -> tuple[ExpiringContract, ...]:
    """Contracts ending within `days` of `today`, and those already ended, that have not been
    renewed. A contract counts as renewed once a later one of the same kind is entered
    (one starting after it started)."""
    successor = _live(CollectiveContract, union).filter(
        kind=OuterRef("kind"), start_date__gt=OuterRef("start_date")
    )
    contracts = (
        _live(CollectiveContract, union)
        .filter(end_date__lte=today + dt.timedelta(days=days))
        .exclude(Exists(successor))
        .order_by("end_date", "id")
    )
    return tuple(ExpiringContract(c, (c.end_date - today).days) for c in contracts)


# --- suggestions and joint meetings ----------------------------------------------------------


@dataclass(frozen=True)
class SuggestionSummary:
    submitted: int
    adopted: int
    benefit: Decimal  # 元, of the adopted suggestions


@per_union
def suggestion_summary(*, unions: Sequence[Union], period: Period) -> dict[int, SuggestionSummary]:
    figures = aggregate_by_union(
        _all_live(Suggestion).filter(_in(period, "date")),
        unions,
        n_submitted=Count("id"),
        n_adopted=Count("id", filter=Q(adopted=True)),
        benefit_total=Coalesce(Sum("benefit", filter=Q(adopted=True)), ZERO, output_field=DecimalField()),
    )
    return {
        pk: SuggestionSummary(submitted=f["n_submitted"], adopted=f["n_adopted"], benefit=f["benefit_total"])
        for pk, f in figures.items()
    }


@per_union
def joint_meeting_count(*, unions: Sequence[Union], period: Period) -> dict[int, int]:
    counts = aggregate_by_union(_all_live(JointMeeting).filter(_in(period, "date")), unions, n=Count("id"))
    return {pk: found["n"] for pk, found in counts.items()}


def disclosure_topics(*, union: Union, period: Period) -> list[str]:
    """The distinct topics disclosed in the period, in date order."""
    topics = (
        _live(Disclosure, union)
        .filter(_in(period, "date"))
        .order_by("date", "id")
        .values_list("topic", flat=True)
    )
    return list(dict.fromkeys(t.strip() for t in topics if t.strip()))


@dataclass(frozen=True)
class AdoptedSuggestion:
    title: str
    submitter: str  # the member's name or the typed name; may be empty
    benefit: Decimal


def adopted_suggestions(*, union: Union, period: Period) -> list[AdoptedSuggestion]:
    """Adopted suggestions of the period, the largest benefit first."""
    rows = (
        _live(Suggestion, union)
        .filter(_in(period, "date"), adopted=True)
        .order_by("-benefit", "date", "id")
        .values_list("title", "submitter_member__name", "submitter", "benefit")
    )
    return [
        AdoptedSuggestion(title=title, submitter=member or typed.strip(), benefit=benefit or ZERO)
        for title, member, typed, benefit in rows
    ]


@dataclass(frozen=True)
class AreaContracts:
    """区域性 and 行业性 contracts of a set of unions (a federation and those below it)."""

    signed: int  # signed (renewed) in the period
    in_force: int  # in force at the period's end (or today while it runs)
    units_covered: int  # units the contracts in force cover
    workers_covered: int


def area_contracts(*, unions: Iterable[Union], period: Period, today: dt.date) -> AreaContracts:
    as_of = min(period.end, today)
    qs = CollectiveContract.objects.filter(
        union__in=list(unions),
        voided_at__isnull=True,
        scope__in=(ContractScope.REGIONAL, ContractScope.INDUSTRY),
    )
    live = qs.filter(in_force_on(as_of)).aggregate(
        n=Count("id"), units=Coalesce(Sum("units_covered"), 0), workers=Coalesce(Sum("workers_covered"), 0)
    )
    return AreaContracts(
        signed=qs.filter(_in(period, "signed_on")).count(),
        in_force=live["n"],
        units_covered=live["units"],
        workers_covered=live["workers"],
    )
