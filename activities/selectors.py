"""Reads for the dashboard, the annual report and the workbook.

An activity belongs to the reporting period of its start date; voided records never count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, IntegerField, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from records.by_union import rows_by_union
from records.memo import per_scope, per_union
from records.periods import Period
from unions.models import Union

from .choices import ActivityCategory, HonourLevel, RecipientKind
from .models import Activity, Honour

_ZERO = Decimal("0")


def _money_sum(field: str) -> Coalesce:
    return Coalesce(Sum(field), _ZERO, output_field=DecimalField(max_digits=14, decimal_places=2))


def _int_sum(field: str) -> Coalesce:
    return Coalesce(Sum(field), 0, output_field=IntegerField())


def _live_activities(union: Union, period: Period) -> QuerySet[Activity]:
    return Activity.objects.filter(
        union=union, voided_at__isnull=True, start_date__range=(period.start, period.end)
    )


@dataclass(frozen=True)
class ActivityTotals:
    count: int
    participants: int  # 人次
    women_participants: int  # 人次
    cost: Decimal  # 元


@dataclass(frozen=True)
class CategoryTotal:
    category: str  # ActivityCategory value
    label: str
    count: int
    participants: int
    women_participants: int
    cost: Decimal


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    count: int
    participants: int

    @property
    def label(self) -> str:
        return f"{self.month}月"


@dataclass(frozen=True)
class LevelCount:
    level: str  # HonourLevel value
    label: str
    count: int
    collective: int  # 工会集体
    individual: int  # 会员个人


@per_union
def _category_rows(*, unions: Sequence[Union], period: Period) -> dict[int, dict[str, dict]]:
    """The period's live activities grouped by category: the totals add these up."""
    live = Activity.objects.filter(voided_at__isnull=True, start_date__range=(period.start, period.end))
    grouped = rows_by_union(
        live,
        unions,
        "category",
        count=Count("id"),
        participants=_int_sum("participants"),
        women_participants=_int_sum("women_participants"),
        cost=_money_sum("cost"),
    )
    return {pk: {row["category"]: row for row in rows} for pk, rows in grouped.items()}


def activity_totals(*, union: Union, period: Period) -> ActivityTotals:
    rows = _category_rows(union=union, period=period).values()
    return ActivityTotals(
        count=sum(r["count"] for r in rows),
        participants=sum(r["participants"] for r in rows),
        women_participants=sum(r["women_participants"] for r in rows),
        cost=sum((r["cost"] for r in rows), _ZERO),
    )


def activities_by_category(*, union: Union, period: Period) -> list[CategoryTotal]:
    """Every category that has activities in the period, in the order of the choices."""
    rows = _category_rows(union=union, period=period)
    return [
        CategoryTotal(
            category=category.value,
            label=str(category.label),
            count=rows[category.value]["count"],
            participants=rows[category.value]["participants"],
            women_participants=rows[category.value]["women_participants"],
            cost=rows[category.value]["cost"],
        )
        for category in ActivityCategory
        if category.value in rows
    ]


@per_scope
def activities_by_month(*, union: Union, period: Period) -> list[MonthCount]:
    """The period's months in order (e.g. October to September), empty months as 0."""
    rows = {
        (row["y"], row["m"]): row
        for row in _live_activities(union, period)
        .order_by()
        .annotate(y=ExtractYear("start_date"), m=ExtractMonth("start_date"))
        .values("y", "m")
        .annotate(count=Count("id"), participants=_int_sum("participants"))
    }
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month) and len(months) < 12:
        row = rows.get((year, month))
        months.append(
            MonthCount(
                year=year,
                month=month,
                count=row["count"] if row else 0,
                participants=row["participants"] if row else 0,
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def activities_in(*, union: Union, period: Period, category: str | None = None) -> QuerySet[Activity]:
    """The period's live activities by date, for the report's lists and the 活动台账."""
    qs = _live_activities(union, period).select_related("branch")
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("start_date", "id")


def honours_in(*, union: Union, period: Period) -> QuerySet[Honour]:
    return (
        Honour.objects.filter(union=union, voided_at__isnull=True, date__range=(period.start, period.end))
        .select_related("member")
        .order_by("date", "id")
    )


def honours_below(*, union: Union, period: Period) -> QuerySet[Honour]:
    """The honours the unions below `union` received in the period, with their union, in
    the unions' order: one query for a federation's whole subtree."""
    return (
        Honour.objects.filter(
            union__in=union.descendants(), voided_at__isnull=True, date__range=(period.start, period.end)
        )
        .select_related("union")
        .order_by("union__path", "date", "id")
    )


def honour_counts_by_level(*, union: Union, period: Period) -> list[LevelCount]:
    """Honours received in the period per level that has any, in the order of the levels."""
    counts: dict[str, dict[str, int]] = {}
    for row in (
        honours_in(union=union, period=period)
        .order_by()
        .values("level", "recipient_kind")
        .annotate(n=Count("id"))
    ):
        counts.setdefault(row["level"], {})[row["recipient_kind"]] = row["n"]
    result = []
    for level in HonourLevel:
        if level.value not in counts:
            continue
        by_kind = counts[level.value]
        collective = by_kind.get(RecipientKind.COLLECTIVE.value, 0)
        individual = by_kind.get(RecipientKind.INDIVIDUAL.value, 0)
        result.append(
            LevelCount(
                level=level.value,
                label=str(level.label),
                count=collective + individual,
                collective=collective,
                individual=individual,
            )
        )
    return result


@dataclass(frozen=True)
class Event:
    """What a sentence says of one activity. Rows, not model instances: a large union's
    year has thousands of activities and a section reads them all to rank them."""

    title: str
    category: str
    participants: int
    results: str
    commended_groups: int
    commended_people: int


RANKING = ("-participants", "-cost", "start_date", "id")  # the biggest event first


def _ranked(qs: QuerySet[Activity], limit: int | None) -> list[Event]:
    fields = ("title", "category", "participants", "results", "commended_groups", "commended_people")
    rows = qs.order_by(*RANKING).values_list(*fields)
    return [Event(*row) for row in (rows if limit is None else rows[:limit])]


@dataclass(frozen=True)
class Ranking:
    events: list[Event]  # the biggest first
    titles: list[str]  # their different titles, in that order


def activities_ranked(*, union: Union, period: Period, category: str, limit: int | None = None) -> Ranking:
    """A category's live activities, the biggest first (participants, then cost, then date), so
    that a list cut for a sentence keeps the events that mattered most: the first `limit`
    events and the first `limit` different titles (everything when `limit` is None). Rows
    are read a chunk at a time and the reading stops once both are found."""
    fields = ("title", "category", "participants", "results", "commended_groups", "commended_people")
    rows = _live_activities(union, period).filter(category=category).order_by(*RANKING).values_list(*fields)
    events: list[Event] = []
    titles: dict[str, None] = {}
    for row in rows.iterator(chunk_size=100 if limit is None else 4 * limit):
        if limit is None or len(events) < limit:
            events.append(Event(*row))
        if row[0].strip():
            titles.setdefault(row[0].strip())
        if limit is not None and len(events) == limit and len(titles) >= limit:
            break
    return Ranking(events, list(titles)[:limit])


def activities_with_results(
    *, union: Union, period: Period, categories: tuple[str, ...], limit: int
) -> list[Event]:
    """The first `limit` live activities of `categories` whose results (名次, 奖项) were
    recorded, biggest first."""
    qs = _live_activities(union, period).filter(category__in=categories).exclude(results="")
    return _ranked(qs, limit)
