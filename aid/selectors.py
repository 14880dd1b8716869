"""Figures of an aid centre's services for the summary and the dashboard: per kind, the persons,
items, jobs and money of the live records dated in the period."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Sum
from django.db.models.functions import Coalesce

from records.periods import Period
from unions.models import Union

from .choices import ServiceKind
from .models import AidService

ZERO = Decimal("0")


@dataclass(frozen=True)
class ServiceLine:
    title: str
    persons: int


@dataclass(frozen=True)
class KindTotal:
    kind: str
    label: str
    records: int
    persons: int
    items: int
    placed: int
    amount: Decimal
    lines: tuple[ServiceLine, ...]  # by title, in date order: "SYB学员75人、GYB学员42人"


def services_in(*, union: Union, period: Period):  # type: ignore[no-untyped-def]
    return AidService.objects.filter(
        union=union, voided_at__isnull=True, date__range=(period.start, period.end)
    )


def service_totals(*, union: Union, period: Period) -> dict[str, KindTotal]:
    """{kind: totals} for the kinds that have records in the period."""
    qs = services_in(union=union, period=period)
    rows = {
        row["kind"]: row
        for row in qs.values("kind").annotate(
            n=Count("id"),
            n_persons=Coalesce(Sum("persons"), 0),
            n_items=Coalesce(Sum("items"), 0),
            n_placed=Coalesce(Sum("placed"), 0),
            money=Coalesce(Sum("amount"), ZERO, output_field=DecimalField()),
        )
    }
    lines: dict[str, dict[str, int]] = {}
    for kind, title, persons in qs.order_by("date", "id").values_list("kind", "title", "persons"):
        by_title = lines.setdefault(kind, {})
        by_title[title] = by_title.get(title, 0) + persons
    return {
        str(k.value): KindTotal(
            kind=str(k.value),
            label=str(k.label),
            records=rows[k.value]["n"],
            persons=rows[k.value]["n_persons"],
            items=rows[k.value]["n_items"],
            placed=rows[k.value]["n_placed"],
            amount=rows[k.value]["money"],
            lines=tuple(ServiceLine(t, n) for t, n in lines.get(k.value, {}).items()),
        )
        for k in ServiceKind
        if k.value in rows
    }
