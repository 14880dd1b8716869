"""A union's membership figures for one or more periods, from one grouped pass over its roster.

The figures are counts under conditions on a handful of columns (status, gender, migrant,
model-worker level, and where the join and status dates fall against the periods' bounds).
Rather than one conditional count per figure and period (thirty-odd FILTER clauses for a
report's this year and last year, each evaluated on every member), each date is placed
in one of the few intervals the bounds cut the calendar into, and the database only counts
the members of each (status, gender, …, join interval, status interval) group: a few
hundred rows, from which Python adds up every figure. One index (member_union_figures_idx)
holds all those columns, so the pass reads the index alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Value, When

from records.by_union import of_unions, rows_by_union
from records.memo import per_union
from records.periods import Period
from unions.models import Union

from .choices import CURRENT_STATUSES, Gender, MembershipStatus, ModelWorkerLevel
from .models import Member

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class MembershipFigures:
    total: int  # members on the roster at the period's end (在册 and 保留)
    women: int
    migrant: int
    joined: int  # joined during the period
    left: int  # transferred out, retired or removed during the period
    retired: int
    transferred: int
    removed: int
    model_workers: int
    branches: int
    levels: tuple[tuple[str, int], ...] = ()  # (ModelWorkerLevel value, members at the end)

    def model_workers_by_level(self) -> list[tuple[str, int]]:
        """(level label, members) of the model workers at the end, highest level first."""
        counts = dict(self.levels)
        return [
            (str(level.label), counts[level.value]) for level in ModelWorkerLevel if level.value in counts
        ]


def _interval(field: str, thresholds: list[dt.date]) -> Case:
    """How many thresholds the date reaches (date >= threshold); 0 below all, or no date."""
    whens = [
        When(**{f"{field}__gte": day}, then=Value(n))
        for n, day in reversed(list(enumerate(thresholds, start=1)))
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


@per_union
def membership_figures_of(
    *, unions: Sequence[Union], periods: Sequence[Period]
) -> dict[int, list[MembershipFigures]]:
    """The figures of each period, as members.selectors defines them (on_roster_at,
    joined_in, left_in), from one query."""
    # "date >= start" and "date > end" (date >= end + 1 day) are all the conditions ask.
    thresholds = sorted({p.start for p in periods} | {p.end + DAY for p in periods})
    reach = {day: n for n, day in enumerate(thresholds, start=1)}
    grouped = rows_by_union(
        Member.objects.annotate(
            joined_at=_interval("joined_on", thresholds), ended_at=_interval("status_date", thresholds)
        ),
        unions,
        "status",
        "gender",
        "is_migrant_worker",
        "model_worker_level",
        "joined_at",
        "ended_at",
        n=Count("*"),  # not Count("id"): the index does not hold the id
    )
    branches = _active_branches(unions)
    return {
        pk: [_figures(rows, reach[p.start], reach[p.end + DAY], branches[pk]) for p in periods]
        for pk, rows in grouped.items()
    }


@per_union
def membership_figures_in(*, unions: Sequence[Union], period: Period) -> dict[int, MembershipFigures]:
    """The figures of one period (membership_figures_of, asked of all peers at once)."""
    return {pk: found[0] for pk, found in membership_figures_of.many(unions=unions, periods=[period]).items()}


def _active_branches(unions: Sequence[Union]) -> dict[int, int]:
    from unions.models import Branch

    counts = dict.fromkeys((u.pk for u in unions), 0)
    rows = of_unions(Branch.objects.filter(is_active=True), unions).order_by().values("union_id")
    counts.update(rows.annotate(n=Count("*")).values_list("union_id", "n"))
    return counts


def _figures(rows: list[dict], start: int, after_end: int, branches: int) -> MembershipFigures:
    """Sums over the groups; a date's interval b satisfies date >= threshold k iff b >= k."""
    counts = dict.fromkeys(("total", "women", "migrant", "joined", "model_workers"), 0)
    endings = {MembershipStatus.RETIRED: 0, MembershipStatus.TRANSFERRED: 0, MembershipStatus.REMOVED: 0}
    levels = dict.fromkeys((level.value for level in ModelWorkerLevel), 0)
    for row in rows:
        n, status = row["n"], row["status"]
        if start <= row["joined_at"] < after_end:
            counts["joined"] += n
        if status in endings and start <= row["ended_at"] < after_end:
            endings[status] += n
        on_roster = row["joined_at"] < after_end and (
            status in CURRENT_STATUSES or row["ended_at"] >= after_end
        )
        if not on_roster:
            continue
        counts["total"] += n
        counts["women"] += n if row["gender"] == Gender.FEMALE else 0
        counts["migrant"] += n if row["is_migrant_worker"] else 0
        if row["model_worker_level"]:
            counts["model_workers"] += n
            if row["model_worker_level"] in levels:
                levels[row["model_worker_level"]] += n
    return MembershipFigures(
        **counts,
        retired=endings[MembershipStatus.RETIRED],
        transferred=endings[MembershipStatus.TRANSFERRED],
        removed=endings[MembershipStatus.REMOVED],
        left=sum(endings.values()),
        branches=branches,
        levels=tuple((level, n) for level, n in levels.items() if n),
    )
