"""Reads of welfare records for the dashboard, the annual report and the workbook.

What counts as given out (发放): disbursements that are **approved (已审批) or paid (已发放)**
and not voided, dated inside the period. Drafts, records awaiting approval and rejected
records never count; voided records never count in anything here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from members.choices import MembershipStatus
from members.models import Member
from records.by_union import aggregate_by_union, rows_by_union
from records.memo import per_scope, per_union
from records.money import ZERO
from records.periods import Period
from unions.models import Branch, Union

from .choices import (
    COUNTED_STATUSES,
    DisbursementKind,
    DisbursementStatus,
    DonationKind,
    Festival,
    FundingSource,
    HardshipCategory,
    HardshipStatus,
)
from .counted import counted_rows
from .models import Disbursement, DisbursementBatch, DonationDrive, HardshipFile, HardshipReview

MONEY = DecimalField(max_digits=14, decimal_places=2)


def _money(expression: Any) -> Coalesce:
    return Coalesce(Sum(expression), ZERO, output_field=MONEY)


@dataclass(frozen=True)
class Totals:
    """户 (distinct recipients), 人次 (records) and amounts in 元."""

    households: int
    person_times: int
    cash: Decimal
    goods_value: Decimal
    total: Decimal


@dataclass(frozen=True)
class TypeTotal:
    """Totals for one value of a vocabulary (a disbursement type, a festival, a funding source)."""

    kind: str  # the stored value, e.g. "festival"
    label: str  # its Chinese label, e.g. "节日慰问"
    households: int
    person_times: int
    cash: Decimal
    goods_value: Decimal
    total: Decimal


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    count: int


@dataclass(frozen=True)
class HardshipCounts:
    open_at_end: int  # files open on the period's last day
    open_by_category: tuple[CategoryCount, ...]  # the same, by the file's category
    opened: int  # files opened in the period
    closed: int  # files closed (脱困) in the period
    reviewed: int  # files with a yearly review dated in the period


@dataclass(frozen=True)
class DonationKindTotal:
    kind: str
    label: str
    drives: int
    participants: int
    amount: Decimal


@dataclass(frozen=True)
class DonationTotals:
    drives: int
    participants: int  # 人次
    amount: Decimal
    by_kind: tuple[DonationKindTotal, ...]


# --- disbursements -----------------------------------------------------------------------

_AGGREGATES = {
    "person_times": Count("id"),
    # A household is a member, or a named non-member; a name counts once however often it recurs.
    "members": Count("member", distinct=True),
    "named": Count("recipient_name", distinct=True, filter=Q(member__isnull=True)),
    "cash": _money("cash_amount"),
    "goods_value": _money("goods_value"),
}


def _totals_from(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "households": row["members"] + row["named"],
        "person_times": row["person_times"],
        "cash": row["cash"],
        "goods_value": row["goods_value"],
        "total": row["cash"] + row["goods_value"],
    }


def counted_disbursements(*, union: Union, period: Period) -> QuerySet[Disbursement]:
    """Approved and paid, not voided, dated in the period."""
    return Disbursement.objects.filter(
        union=union,
        voided_at__isnull=True,
        status__in=COUNTED_STATUSES,
        date__range=(period.start, period.end),
    )


@per_scope
def disbursement_totals(*, union: Union, period: Period, kinds: Iterable[str] | None = None) -> Totals:
    """All counted disbursements of the period (approved + paid), or those of `kinds`.
    `households` counts each recipient once across all types."""
    if kinds is None:
        return _counted(union, period, "all")
    qs = counted_disbursements(union=union, period=period).filter(kind__in=list(kinds))
    return Totals(**_totals_from(qs.aggregate(**_AGGREGATES)))


def _counted(union: Union, period: Period, name: str) -> Totals:
    return Totals(**_totals_from(counted_rows(union=union, period=period)[name]))


def disbursement_totals_split(*, union: Union, period: Period) -> tuple[Totals, Totals, Totals]:
    """The period's totals: all, 救助 (AID_KINDS) and 慰问 (the other kinds)."""
    return tuple(_counted(union, period, name) for name in ("all", "aid", "comfort"))  # type: ignore[return-value]


def disbursement_totals_to_non_members(*, union: Union, period: Period) -> Totals:
    """Counted disbursements to named people who are not members (retirees, families, the
    workers an aid centre serves): aid to non-members is reported as such."""
    return _counted(union, period, "non_members")


def _by(
    union: Union, period: Period, prefix: str, choices: list[tuple[str, str]], include_empty: bool
) -> list[TypeTotal]:
    rows = counted_rows(union=union, period=period)
    result = []
    for value, label in choices:
        row = rows[f"{prefix}:{value}"]
        if row["person_times"] or include_empty:
            result.append(TypeTotal(kind=value, label=str(label), **_totals_from(row)))
    return result


def _grouped(
    qs: QuerySet[Disbursement], field: str, choices: list[tuple[str, str]], include_empty: bool
) -> list[TypeTotal]:
    rows = {r[field]: r for r in qs.values(field).annotate(**_AGGREGATES).order_by()}
    result = []
    for value, label in choices:
        if value in rows:
            result.append(TypeTotal(kind=value, label=str(label), **_totals_from(rows[value])))
        elif include_empty:
            result.append(TypeTotal(value, str(label), 0, 0, ZERO, ZERO, ZERO))
    return result


def disbursement_totals_by_type(
    *, union: Union, period: Period, include_empty: bool = False
) -> list[TypeTotal]:
    """Counted disbursements (approved + paid) by type, in the vocabulary's order; types without
    records are left out unless `include_empty`."""
    return _by(union, period, "kind", DisbursementKind.choices, include_empty)


def disbursement_totals_by_festival(
    *, union: Union, period: Period, include_empty: bool = False
) -> list[TypeTotal]:
    """Counted 节日慰问 (approved + paid) by festival (春节, 中秋 …)."""
    qs = counted_disbursements(union=union, period=period).filter(kind=DisbursementKind.FESTIVAL)
    return _grouped(qs, "festival", Festival.choices, include_empty)


def disbursement_totals_by_funding_source(
    *, union: Union, period: Period, include_empty: bool = False
) -> list[TypeTotal]:
    """Counted disbursements (approved + paid) by funding source."""
    return _by(union, period, "source", FundingSource.choices, include_empty)


@per_union
def disbursements_paid_from_union_funds(*, unions: Sequence[Union], period: Period) -> dict[int, Decimal]:
    """Spending from union funds (工会经费) on welfare: cash plus goods value of **paid**
    disbursements (approved but unpaid ones are not spent yet) funded by 工会经费, by the day
    they were paid (`paid_on`) inside the period. Voided records excluded."""
    paid = Disbursement.objects.filter(
        voided_at__isnull=True,
        status=DisbursementStatus.PAID,
        funding_source=FundingSource.UNION_FUNDS,
        paid_on__range=(period.start, period.end),
    )
    totals = aggregate_by_union(paid, unions, total=_money(F("cash_amount") + F("goods_value")))
    return {pk: found["total"] for pk, found in totals.items()}


def disbursements_in(*, union: Union, period: Period, counted_only: bool = True) -> QuerySet[Disbursement]:
    """The 帮扶慰问台账 rows: by default the counted records (approved + paid) dated in the period;
    with `counted_only=False` every record not voided. Recipient, branch, hardship file and batch
    are fetched with the rows."""
    qs = Disbursement.objects.filter(
        union=union, voided_at__isnull=True, date__range=(period.start, period.end)
    )
    if counted_only:
        qs = qs.filter(status__in=COUNTED_STATUSES)
    return qs.select_related("member", "member__branch", "hardship_file", "batch").order_by("date", "id")


def pending_approval_count(*, union: Union) -> int:
    """Records waiting for a leader (待审批), not voided."""
    return Disbursement.objects.filter(
        union=union, voided_at__isnull=True, status=DisbursementStatus.SUBMITTED
    ).count()


def pending_approval(*, union: Union) -> QuerySet[Disbursement]:
    return (
        Disbursement.objects.filter(union=union, voided_at__isnull=True, status=DisbursementStatus.SUBMITTED)
        .select_related("member", "member__branch", "batch", "submitted_by")
        .order_by("date", "id")
    )


@dataclass(frozen=True)
class BatchSummary:
    count: int
    cash: Decimal
    goods_value: Decimal
    total: Decimal
    by_status: tuple[tuple[str, str, int], ...]  # (status, label, count)


def batch_summary(*, batch: DisbursementBatch) -> BatchSummary:
    """The batch's live (not voided) records: how many, how much, in which states."""
    qs = batch.disbursements.filter(voided_at__isnull=True)
    row = qs.aggregate(count=Count("id"), cash=_money("cash_amount"), goods_value=_money("goods_value"))
    counts = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    by_status = tuple((s, str(label), counts[s]) for s, label in DisbursementStatus.choices if s in counts)
    return BatchSummary(
        count=row["count"],
        cash=row["cash"],
        goods_value=row["goods_value"],
        total=row["cash"] + row["goods_value"],
        by_status=by_status,
    )


def batch_recipients(
    *,
    union: Union,
    member_ids: Iterable[int] = (),
    branch: Branch | None = None,
    branches: Iterable[Branch] = (),
    everyone: bool = False,
    retired: bool = False,
    model_workers: bool = False,
    with_open_hardship_files: bool = False,
) -> list[Member]:
    """The members a batch goes to, each once, by name: those picked (ids of other unions are
    ignored), plus every current member (在册 and 保留) of the union (`everyone`) or of the
    chosen branches, plus the retired members, the current 劳模 and every member with an
    open hardship file, as asked."""
    condition = Q(pk__in=list(member_ids))
    current = Member.objects.current().filter(union=union)
    chosen = [b.pk for b in branches] + ([branch.pk] if branch is not None else [])
    if everyone:
        condition |= Q(pk__in=current.values("pk"))
    elif chosen:
        condition |= Q(pk__in=current.filter(branch_id__in=chosen).values("pk"))
    if retired:
        condition |= Q(status=MembershipStatus.RETIRED)
    if model_workers:
        condition |= Q(pk__in=current.exclude(model_worker_level="").values("pk"))
    if with_open_hardship_files:
        open_files = HardshipFile.objects.live().filter(union=union, status=HardshipStatus.OPEN)
        condition |= Q(pk__in=open_files.values("member_id"))
    return list(
        Member.objects.filter(union=union).filter(condition).select_related("branch").order_by("name", "id")
    )


def members_already_given(
    *, union: Union, member_ids: Iterable[int], kind: str, festival: str, period: Period
) -> set[int]:
    """Members who already have a live record of this type (and festival) in the period: a
    batch shows them so nobody is given the same festival twice by mistake."""
    qs = Disbursement.objects.filter(
        union=union,
        voided_at__isnull=True,
        member_id__in=list(member_ids),
        kind=kind,
        date__range=(period.start, period.end),
    ).exclude(status=DisbursementStatus.REJECTED)
    if kind == DisbursementKind.FESTIVAL:
        qs = qs.filter(festival=festival)
    return set(qs.values_list("member_id", flat=True))


# --- hardship files ----------------------------------------------------------------------


def open_on(at: dt.date) -> Q:
    """Files open on day `at`: opened by then and not closed by then (the list's 在档日期)."""
    return Q(opened_on__lte=at) & (Q(status=HardshipStatus.OPEN) | Q(closed_on__gt=at))


REVIEW_EVERY = dt.timedelta(days=365)


def review_due(today: dt.date) -> Q:
    """Open files whose yearly review is due by `today`: a year since the last review, or
    since the file was opened when it was never reviewed."""
    last = today - REVIEW_EVERY
    return Q(status=HardshipStatus.OPEN) & (
        Q(last_reviewed_on__lte=last) | Q(last_reviewed_on__isnull=True, opened_on__lte=last)
    )


def hardship_files_due(*, union: Union, today: dt.date) -> QuerySet[HardshipFile]:
    return (
        HardshipFile.objects.live()
        .filter(union=union)
        .filter(review_due(today))
        .select_related("member")
        .order_by("last_reviewed_on", "opened_on", "id")
    )


def returned_to(*, union: Union, user: Any) -> QuerySet[Disbursement]:
    """Records a leader sent back (已退回) that `user` had submitted, not voided."""
    return (
        Disbursement.objects.filter(
            union=union, voided_at__isnull=True, status=DisbursementStatus.REJECTED, submitted_by=user
        )
        .select_related("member")
        .order_by("-rejected_at", "-id")
    )


def hardship_files_open(*, union: Union, at: dt.date) -> QuerySet[HardshipFile]:
    """The 困难职工档案 ledger: files (not voided) open on day `at` — opened by then and not
    closed by then — with member and branch."""
    return (
        HardshipFile.objects.live()
        .filter(union=union)
        .filter(open_on(at))
        .select_related("member", "member__branch")
        .order_by("member__name", "id")
    )


@per_union
def hardship_file_counts(*, unions: Sequence[Union], period: Period) -> dict[int, HardshipCounts]:
    """Files (not voided) open at the period's end (by their current category), opened in the
    period, closed in the period, and reviewed in the period."""
    # One pass over the union's files, grouped by category; opened and closed add up.
    grouped = rows_by_union(
        HardshipFile.objects.live(),
        unions,
        "category",
        open=Count("id", filter=open_on(period.end)),
        opened=Count("id", filter=Q(opened_on__range=(period.start, period.end))),
        closed=Count(
            "id", filter=Q(status=HardshipStatus.CLOSED, closed_on__range=(period.start, period.end))
        ),
    )
    reviewed = aggregate_by_union(
        HardshipReview.objects.live().filter(
            file__voided_at__isnull=True, reviewed_on__range=(period.start, period.end)
        ),
        unions,
        n=Count("file", distinct=True),
    )
    return {pk: _hardship_counts(rows, reviewed[pk]["n"]) for pk, rows in grouped.items()}


def _hardship_counts(rows: list[dict[str, Any]], reviewed: int) -> HardshipCounts:
    by_category = {row["category"]: row["open"] for row in rows if row["open"]}
    counts = {key: sum(row[key] for row in rows) for key in ("opened", "closed")}
    return HardshipCounts(
        open_at_end=sum(by_category.values()),
        open_by_category=tuple(
            CategoryCount(value, str(label), by_category[value])
            for value, label in HardshipCategory.choices
            if value in by_category
        ),
        opened=counts["opened"],
        closed=counts["closed"],
        reviewed=reviewed,
    )


# --- donation drives ---------------------------------------------------------------------


@per_union
def donation_totals(*, unions: Sequence[Union], period: Period) -> dict[int, DonationTotals]:
    """Donation drives (not voided) dated in the period: how many, 人次 and amount raised, also by kind."""
    qs = DonationDrive.objects.live().filter(date__range=(period.start, period.end))
    aggregates = {
        "drives": Count("id"),
        "participants": Coalesce(Sum("participants"), 0),
        "amount": _money("amount_raised"),
    }
    grouped = rows_by_union(qs, unions, "kind", **aggregates)
    return {pk: _donation_totals({r["kind"]: r for r in rows}, aggregates) for pk, rows in grouped.items()}


def _donation_totals(rows: dict[str, dict[str, Any]], aggregates: dict[str, Any]) -> DonationTotals:
    total = {key: sum((r[key] for r in rows.values()), ZERO if key == "amount" else 0) for key in aggregates}
    by_kind = tuple(
        DonationKindTotal(
            value, str(label), rows[value]["drives"], rows[value]["participants"], rows[value]["amount"]
        )
        for value, label in DonationKind.choices
        if value in rows
    )
    return DonationTotals(total["drives"], total["participants"], total["amount"], by_kind)


def hardship_households_helped(*, union: Union, period: Period) -> int:
    """Hardship households (困难职工档案) that received counted aid in the period: one per file."""
    return counted_rows(union=union, period=period)["hardship_files"]


@per_scope
def union_funds_unpaid(*, union: Union, period: Period) -> Decimal:
    """Approved but not yet paid disbursements from 工会经费 dated in the period: counted as given
    in the welfare figures, not yet spent in the funds figures."""
    return (
        counted_disbursements(union=union, period=period)
        .filter(status=DisbursementStatus.APPROVED, funding_source=FundingSource.UNION_FUNDS)
        .aggregate(total=_money(F("cash_amount") + F("goods_value")))["total"]
    )


def donation_titles(*, union: Union, period: Period) -> list[str]:
    """The period's donation drives by name, the largest amount first."""
    qs = DonationDrive.objects.live().filter(union=union, date__range=(period.start, period.end))
    return list(qs.order_by("-amount_raised", "date", "id").values_list("title", flat=True))
