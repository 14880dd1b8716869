from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from unions.models import Union

from .choices import CURRENT_STATUSES
from .models import Member

SORTABLE = {
    "name": "name",
    "branch": "branch__name",
    "joined": "joined_on",
    "birth": "birth_date",
    "status": "status",
}


def member_search(*, union: Union, filters: dict[str, Any], sort: str = "") -> QuerySet[Member]:
    """The roster of `union`, narrowed by the list page's filters and sorted.

    `q` matches a name, a phone number or the last digits of an ID number.
    """
    qs = Member.objects.filter(union=union).select_related("branch")
    q = (filters.get("q") or "").strip()
    if q:
        match = Q(name__icontains=q) | Q(phone__contains=q)
        if q[:-1].isdigit() and len(q) >= 4:
            match |= Q(id_number__endswith=q.upper())
        qs = qs.filter(match)
    if filters.get("branch"):
        qs = qs.filter(branch=filters["branch"])
    status = filters.get("status")
    if status == "current":
        qs = qs.filter(status__in=CURRENT_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("gender"):
        qs = qs.filter(gender=filters["gender"])
    if filters.get("migrant") in ("0", "1"):
        qs = qs.filter(is_migrant_worker=filters["migrant"] == "1")
    key = sort.lstrip("-")
    if key in SORTABLE:
        field = SORTABLE[key]
        return qs.order_by(f"-{field}" if sort.startswith("-") else field, "id")
    return qs.order_by("name", "id")
