from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from records.periods import Period
from unions.models import Union

from .choices import CURRENT_STATUSES, ENDED_STATUSES, ModelWorkerLevel
from .figures import MembershipFigures, membership_figures_of
from .models import Member
from .name_search import name_matches, searched_name_order
from .privacy import id_query

_PHONE_CHARS = frozenset("0123456789-")

SORTABLE = {
    "name": "name",
    "branch": "branch__name",
    "joined": "joined_on",
    "birth": "birth_date",
    "status": "status",
}


def member_search(
    *, union: Union, filters: dict[str, Any], sort: str = "", full_ids: bool = False
) -> QuerySet[Member]:
    """The roster of `union`, narrowed by the list page's filters and sorted.

    `q` matches a name, a phone number or the end of an ID number: any tail for a viewer
    who may see full numbers (`full_ids`), only the last four for others (members.privacy).
    For those, sorting by birth date sorts by birth year only.
    """
    qs = Member.objects.filter(union=union).select_related("branch")
    q = (filters.get("q") or "").strip()
    if q:
        match = name_matches(q, union_id=union.pk)
        if set(q) <= _PHONE_CHARS:  # a valid phone number holds digits and dashes only (members.phones)
            match |= Q(phone__contains=q)
        tail = id_query(q, full=full_ids)
        if tail:
            match |= Q(id_number__endswith=tail)
        qs = qs.filter(match)
    if filters.get("branch"):
        qs = qs.filter(branch=filters["branch"])
    status = filters.get("status")
    if status == "current":
        qs = qs.filter(status__in=CURRENT_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("at"):
        qs = qs.filter(on_roster_at(filters["at"]))
    if filters.get("joined"):
        qs = qs.filter(joined_in(filters["joined"]))
    if filters.get("left"):
        qs = qs.filter(left_in(filters["left"]))
    if filters.get("gender"):
        qs = qs.filter(gender=filters["gender"])
    if filters.get("migrant") in ("0", "1"):
        qs = qs.filter(is_migrant_worker=filters["migrant"] == "1")
    key = sort.lstrip("-")
    if key in SORTABLE:
        if key == "birth" and not full_ids:
            # Within a year by name: an order by date would tell months and days apart.
            year = ExtractYear("birth_date")
            return qs.order_by(year.desc() if sort.startswith("-") else year.asc(), "name", "id")
        field = SORTABLE[key]
        if key == "name" and q:
            return qs.order_by(searched_name_order(descending=sort.startswith("-")), "id")
        return qs.order_by(f"-{field}" if sort.startswith("-") else field, "id")
    return qs.order_by(searched_name_order() if q else "name", "id")


def on_roster_at(day: dt.date) -> Q:
    """Members on the roster at the end of `day`: joined by then and not yet gone.

    A member who ended later (a status date after `day`) still counted on `day`.
    """
    return Q(joined_on__lte=day) & (Q(status__in=CURRENT_STATUSES) | Q(status_date__gt=day))


def joined_in(period: Period) -> Q:
    return Q(joined_on__range=(period.start, period.end))


def left_in(period: Period) -> Q:
    """Transferred out, retired or removed during the period (减少会员)."""
    return Q(status__in=ENDED_STATUSES, status_date__range=(period.start, period.end))


def members_at(*, union: Union, day: dt.date) -> QuerySet[Member]:
    return Member.objects.filter(union=union).filter(on_roster_at(day))


def membership_figures(*, union: Union, period: Period) -> MembershipFigures:
    return membership_figures_of(union=union, periods=[period])[0]


RECENT = 20  # records of each kind shown on a member's page


def member_records(*, member: Member) -> dict[str, list[Any]]:
    """What the union's records say about one member, newest first (voided ones left out)."""
    return {
        "disbursements": list(member.disbursements.filter(voided_at=None).order_by("-date", "-id")[:RECENT]),
        "hardship_files": list(member.hardship_files.filter(voided_at=None).order_by("-opened_on")[:RECENT]),
        "activities": list(member.activities.filter(voided_at=None).order_by("-start_date", "-id")[:RECENT]),
        "honours": list(member.honours.filter(voided_at=None).order_by("-date", "-id")[:RECENT]),
    }


def model_workers_by_level(*, union: Union, day: dt.date) -> list[tuple[str, int]]:
    """(level label, members) of the model workers on the roster at `day`, highest level first."""
    counts = dict(
        members_at(union=union, day=day)
        .exclude(model_worker_level="")
        .values_list("model_worker_level")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(str(level.label), counts[level.value]) for level in ModelWorkerLevel if level.value in counts]
