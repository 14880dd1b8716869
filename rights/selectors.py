"""Figures of rights protection (维权) for the dashboard, the annual report and the workbook.

Every figure counts a union's live (not voided) records dated in the period: mediation
cases by the day they were received.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce

from records.by_union import aggregate_by_union, rows_by_union
from records.memo import per_union
from records.periods import Period
from unions.models import Union

from .choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel
from .models import LegalAid, MediationCase, Petition

ZERO = Decimal("0")


def _money(field: str, condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum(field, filter=condition), ZERO, output_field=DecimalField())


@dataclass(frozen=True)
class DisputeTypeCount:
    dispute_type: str
    label: str
    count: int


@dataclass(frozen=True)
class ChannelCount:
    """Letters, visits, calls apart: 来访 counts persons, 来电 calls, 来信 letters."""

    channel: str
    label: str
    cases: int  # 件次: letters, calls, visits (a collective visit is one)
    persons: int  # 人次


@dataclass(frozen=True)
class RightsSummary:
    mediation_received: int  # cases received
    mediation_successful: int  # of those, 调解成功
    mediation_failed: int  # 调解不成
    mediation_pending: int  # 处理中
    mediation_workers: int  # workers involved in the cases received
    mediation_recovered: Decimal  # 元
    mediation_by_type: tuple[DisputeTypeCount, ...]  # types that occurred, in vocabulary order
    consultation_persons: int  # 法律咨询 人次
    represented_cases: int  # 代理案件 件
    legal_aid_recovered: Decimal  # 元
    petition_cases: int  # 来信来访 件次
    petition_persons: int  # 人次
    petition_resolved: int  # 件次 resolved
    petition_by_channel: tuple[ChannelCount, ...] = ()  # channels that occurred, in vocabulary order
    collective_visits: int = 0  # 集体访 起
    collective_persons: int = 0  # 人
    represented_workers: int = 0  # workers the represented cases act for
    represented_migrants: int = 0  # of those, 农民工

    @property
    def total_recovered(self) -> Decimal:
        """Wages and compensation recovered for workers (追讨工资), mediation and legal aid."""
        return self.mediation_recovered + self.legal_aid_recovered


def _sums(rows, counts: tuple[str, ...], money: tuple[str, ...]) -> dict[str, Any]:  # noqa: ANN001
    """The totals of grouped rows: every aggregate here adds up across the groups."""
    rows = list(rows)
    return {key: sum(r[key] for r in rows) for key in counts} | {
        key: sum((r[key] for r in rows), ZERO) for key in money
    }


@per_union
def rights_summary(*, unions: Sequence[Union], period: Period) -> dict[int, RightsSummary]:
    live = Q(voided_at__isnull=True)
    cases = MediationCase.objects.filter(live, received_on__range=(period.start, period.end))
    # One grouped pass: the totals add up the dispute types' rows.
    by_type = rows_by_union(
        cases,
        unions,
        "dispute_type",
        received=Count("id"),
        successful=Count("id", filter=Q(outcome=MediationOutcome.SUCCESS)),
        failed=Count("id", filter=Q(outcome=MediationOutcome.FAILED)),
        pending=Count("id", filter=Q(outcome=MediationOutcome.PENDING)),
        workers=Coalesce(Sum("workers_involved"), 0),
        recovered=_money("amount_recovered"),
    )
    aid = aggregate_by_union(
        LegalAid.objects.filter(live, date__range=(period.start, period.end)),
        unions,
        consultation_persons=Coalesce(Sum("persons", filter=Q(kind=LegalAidKind.CONSULTATION)), 0),
        represented=Count("id", filter=Q(kind=LegalAidKind.REPRESENTATION)),
        represented_workers=Coalesce(
            Sum("workers_represented", filter=Q(kind=LegalAidKind.REPRESENTATION)), 0
        ),
        represented_migrants=Coalesce(Sum("migrant_workers", filter=Q(kind=LegalAidKind.REPRESENTATION)), 0),
        recovered=_money("amount_recovered"),
    )
    # Aliases differ from the field names: an aggregate may not reuse a field's name.
    by_channel = rows_by_union(
        Petition.objects.filter(live, date__range=(period.start, period.end)),
        unions,
        "channel",
        n_cases=Coalesce(Sum("cases"), 0),
        n_persons=Coalesce(Sum("persons"), 0),
        n_resolved=Coalesce(Sum("cases", filter=Q(resolved=True)), 0),
        n_collective=Coalesce(Sum("cases", filter=Q(collective=True)), 0),
        n_collective_persons=Coalesce(Sum("persons", filter=Q(collective=True)), 0),
    )
    return {u.pk: _rights_summary(by_type[u.pk], aid[u.pk], by_channel[u.pk]) for u in unions}


def _rights_summary(
    by_type_rows: list[dict[str, Any]], aid: dict[str, Any], by_channel_rows: list[dict[str, Any]]
) -> RightsSummary:
    mediation = _sums(
        by_type_rows, ("received", "successful", "failed", "pending", "workers"), ("recovered",)
    )
    by_type = {row["dispute_type"]: row["received"] for row in by_type_rows}
    keys = ("n_cases", "n_persons", "n_resolved", "n_collective", "n_collective_persons")
    petitions = _sums(by_channel_rows, keys, ())
    by_channel = {row["channel"]: row for row in by_channel_rows}
    return RightsSummary(
        mediation_received=mediation["received"],
        mediation_successful=mediation["successful"],
        mediation_failed=mediation["failed"],
        mediation_pending=mediation["pending"],
        mediation_workers=mediation["workers"],
        mediation_recovered=mediation["recovered"],
        mediation_by_type=tuple(
            DisputeTypeCount(str(t.value), str(t.label), by_type[t.value])
            for t in DisputeType
            if t.value in by_type
        ),
        consultation_persons=aid["consultation_persons"],
        represented_cases=aid["represented"],
        legal_aid_recovered=aid["recovered"],
        petition_cases=petitions["n_cases"],
        petition_persons=petitions["n_persons"],
        petition_resolved=petitions["n_resolved"],
        petition_by_channel=tuple(
            ChannelCount(
                str(c.value), str(c.label), by_channel[c.value]["n_cases"], by_channel[c.value]["n_persons"]
            )
            for c in PetitionChannel
            if c.value in by_channel
        ),
        collective_visits=petitions["n_collective"],
        collective_persons=petitions["n_collective_persons"],
        represented_workers=aid["represented_workers"],
        represented_migrants=aid["represented_migrants"],
    )
