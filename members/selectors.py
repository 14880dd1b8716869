from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from records.periods import Period
from unions.models import Union

from .choices import CURRENT_STATUSES, ENDED_STATUSES, ModelWorkerLevel
from .figures import MembershipFigures, membership_figures_in
from .models import Member
from .name_search import name_matches, name_order, search_through_index
from .privacy import id_query

_PHONE_CHARS = frozenset("0123456789-")

SORTABLE = {
    "name": "name",
    "branch": "branch__name",
    "joined": "joined_on",
    "birth": "birth_date",
    "status": "status",
}


@dataclass(frozen=True)
class RosterSearch:
    members: QuerySet[Member]
    # A name search: the members' keys read from the name index alone, in the same order
    # (records.paginator counts and slices these), and the roster they are fetched from by key.
    keys: QuerySet | None = None
    rows: QuerySet[Member] | None = None


def member_search(
    *, union: Union, filters: dict[str, Any], sort: str = "", full_ids: bool = False
) -> QuerySet[Member]:
    """The roster of `union`, narrowed by the list page's filters and sorted.

    `q` matches a name, a phone number or the end of an ID number: any tail for a viewer
    who may see full numbers (`full_ids`), only the last four for others (members.privacy).
    For those, sorting by birth date sorts by birth year only.
    """
    return roster_search(union=union, filters=filters, sort=sort, full_ids=full_ids).members


def roster_search(
    *, union: Union, filters: dict[str, Any], sort: str = "", full_ids: bool = False
) -> RosterSearch:
    """member_search's members, and for a name search the same rows' keys from the index."""
    qs = Member.objects.filter(union=union).select_related("branch")
    conditions = _conditions(filters)
    order = _order(sort, full_ids=full_ids)
    q = (filters.get("q") or "").strip()
    others = _other_matches(q, full_ids=full_ids) if q else None
    if q and others is None:
        # A name search: the name index answers the filters and the order too.
        found, rows = search_through_index(qs, q, union_id=union.pk, conditions=conditions)
        keys = rows.order_by(*[_on_index(field) for field in order]).values_list("member_id", flat=True)
        walk = name_order(descending=order[0] == "-name") if order[0] in ("name", "-name") else order
        # A page's members by key alone: their index rows, joined again, could lead SQLite
        # to walk all 19,000 of them.
        return RosterSearch(found.order_by(*walk), keys, qs)
    if q:
        qs = qs.filter(name_matches(q, union_id=union.pk) | others)
    return RosterSearch(qs.filter(*conditions).order_by(*order))


def _order(sort: str, *, full_ids: bool) -> list[Any]:
    """The roster's order, on Member's columns, always ending with the id."""
    key = sort.lstrip("-")
    descending = sort.startswith("-") and key in SORTABLE
    if key == "birth" and not full_ids:
        # Within a year by name: an order by date would tell months and days apart.
        year = ExtractYear("birth_date")
        return [year.desc() if descending else year.asc(), "name", "id"]
    field = SORTABLE.get(key, "name")
    return [f"-{field}" if descending else field, "id"]


def _on_index(field: Any) -> Any:
    """An order on Member's columns as one on the name index's (which mirror them)."""
    return "member_id" if field == "id" else field


def _other_matches(q: str, *, full_ids: bool) -> Q | None:
    """What else than a name `q` can be: a phone number, the end of an ID number."""
    match = None
    if set(q) <= _PHONE_CHARS:  # a valid phone number holds digits and dashes only (members.phones)
        match = Q(phone__contains=q)
    tail = id_query(q, full=full_ids)
    if tail:
        match = Q(id_number__endswith=tail) if match is None else match | Q(id_number__endswith=tail)
    return match


def _conditions(filters: dict[str, Any]) -> list[Q]:
    """The filter bar's conditions, on columns the name index mirrors (members.name_chars)."""
    conditions = []
    if filters.get("branch"):
        conditions.append(Q(branch=filters["branch"]))
    status = filters.get("status")
    if status == "current":
        conditions.append(Q(status__in=CURRENT_STATUSES))
    elif status:
        conditions.append(Q(status=status))
    if filters.get("at"):
        conditions.append(on_roster_at(filters["at"]))
    if filters.get("joined"):
        conditions.append(joined_in(filters["joined"]))
    if filters.get("left"):
        conditions.append(left_in(filters["left"]))
    if filters.get("gender"):
        conditions.append(Q(gender=filters["gender"]))
    if filters.get("migrant") in ("0", "1"):
        conditions.append(Q(is_migrant_worker=filters["migrant"] == "1"))
    return conditions


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
    return membership_figures_in(union=union, period=period)


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
