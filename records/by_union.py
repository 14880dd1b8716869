"""Queries of several unions' records at once, grouped by union (records.memo.per_union).

A roll-up asks each of two thousand unions the same questions; asked of all of them in one
grouped query, each question is compiled and planned once instead of two thousand times.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from unions.models import Union


def of_unions(queryset: QuerySet, unions: Sequence[Union], field: str = "union") -> QuerySet:
    """`queryset` narrowed to `unions` (an equality for one, so its plan stays the one-union plan)."""
    if len(unions) == 1:
        return queryset.filter(**{f"{field}_id": unions[0].pk})
    return queryset.filter(**{f"{field}_id__in": [u.pk for u in unions]})


def aggregate_by_union(
    queryset: QuerySet, unions: Sequence[Union], field: str = "union", **aggregates: Any
) -> dict[int, dict[str, Any]]:
    """`queryset.aggregate(**aggregates)` for each of `unions`, from one grouped query; a
    union without rows gets what aggregate() gives over none (0 for counts, None for sums)."""
    key = f"{field}_id"
    rows = {
        row.pop(key): row
        for row in of_unions(queryset, unions, field).order_by().values(key).annotate(**aggregates)
    }
    empty = queryset.none().aggregate(**aggregates)  # no query
    return {u.pk: rows.get(u.pk) or dict(empty) for u in unions}


def rows_by_union(
    queryset: QuerySet, unions: Sequence[Union], *fields: str, field: str = "union", **annotations: Any
) -> dict[int, list[dict[str, Any]]]:
    """`queryset.values(*fields).annotate(**annotations)` for each of `unions`, from one query:
    {union pk: its rows}, an empty list for a union without any. Rows keep the queryset's
    order unless grouped (annotations)."""
    key = f"{field}_id"
    out: dict[int, list[dict[str, Any]]] = {u.pk: [] for u in unions}
    qs = of_unions(queryset, unions, field).values(key, *fields)
    for row in qs.order_by().annotate(**annotations) if annotations else qs:
        out[row.pop(key)].append(row)
    return out
