"""Every total of a period's counted payouts (approved and paid, not voided) from one pass.

A summary states them by type, by funding source, for 救助 and 慰问, for non-members, and
the hardship files helped; the dashboard and the statistics return state some of the same.
Each was a pass over the union's year of payouts: at 200,000 members 33,000 rows, read five
times. Here each total is computed in one query, and households (distinct recipients) are still counted
within each set: on PostgreSQL one scan grouped by GROUPING SETS (all, by type, by source,
救助 or not, members or not); elsewhere (SQLite has no grouping sets) one aggregate per set,
filtered to its rows. Both give the same answer (tests/welfare/test_selectors.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce

from records.by_union import aggregate_by_union
from records.memo import per_union
from records.money import ZERO
from records.periods import Period
from unions.models import Union

from .choices import COUNTED_STATUSES, DisbursementKind, FundingSource
from .models import Disbursement

MONEY = DecimalField(max_digits=14, decimal_places=2)
# 救助 (relief of need) as against 慰问 (care): the summary states the two apart.
AID_KINDS = (DisbursementKind.LIVING, DisbursementKind.MEDICAL, DisbursementKind.STUDENT)
COMFORT_KINDS = tuple(k for k in DisbursementKind.values if k not in AID_KINDS)
KEYS = ("person_times", "members", "named", "cash", "goods_value")


def _sets() -> dict[str, Q]:
    sets = {
        "all": Q(),
        "aid": Q(kind__in=AID_KINDS),
        "comfort": Q(kind__in=COMFORT_KINDS),
        "non_members": Q(member__isnull=True),
    }
    sets.update({f"kind:{value}": Q(kind=value) for value in DisbursementKind.values})
    sets.update({f"source:{value}": Q(funding_source=value) for value in FundingSource.values})
    return sets


def _aggregates(name: str, only: Q) -> dict[str, Any]:
    return {
        f"{name}:person_times": Count("id", filter=only),
        # A household is a member, or a named non-member; a name counts once however often it recurs.
        f"{name}:members": Count("member", distinct=True, filter=only),
        f"{name}:named": Count("recipient_name", distinct=True, filter=only & Q(member__isnull=True)),
        f"{name}:cash": Coalesce(Sum("cash_amount", filter=only), ZERO, output_field=MONEY),
        f"{name}:goods_value": Coalesce(Sum("goods_value", filter=only), ZERO, output_field=MONEY),
    }


@per_union
def counted_rows(*, unions: Sequence[Union], period: Period) -> dict[int, dict[str, Any]]:
    """{set: {person_times, members, named, cash, goods_value}} for the sets of `_sets`, and
    "hardship_files": the files that received counted aid; for each union."""
    if connection.vendor == "postgresql":
        return _grouping_sets(unions, period)
    aggregates: dict[str, Any] = {"hardship_files": Count("hardship_file", distinct=True)}
    for name, only in _sets().items():
        aggregates.update(_aggregates(name, only))
    counted = Disbursement.objects.filter(
        voided_at__isnull=True, status__in=COUNTED_STATUSES, date__range=(period.start, period.end)
    )
    out = {}
    for pk, row in aggregate_by_union(counted, unions, **aggregates).items():
        out[pk] = {"hardship_files": row["hardship_files"]}
        for name in _sets():
            out[pk][name] = {key: row[f"{name}:{key}"] for key in KEYS}
    return out


_GROUPING_SETS = """
SELECT union_id, GROUPING(kind) AS by_kind, GROUPING(funding_source) AS by_source, GROUPING(aid) AS by_aid,
       GROUPING(named_only) AS by_named, kind, funding_source, aid, named_only,
       COUNT(*), COUNT(DISTINCT member_id),
       COUNT(DISTINCT recipient_name) FILTER (WHERE member_id IS NULL),
       COALESCE(SUM(cash_amount), 0), COALESCE(SUM(goods_value), 0),
       COUNT(DISTINCT hardship_file_id)
FROM (
    SELECT union_id, kind, funding_source, member_id, recipient_name, cash_amount, goods_value,
           hardship_file_id, kind = ANY(%(aid)s) AS aid, member_id IS NULL AS named_only
    FROM welfare_disbursement
    WHERE union_id = ANY(%(unions)s) AND voided_at IS NULL AND status = ANY(%(counted)s)
      AND date BETWEEN %(start)s AND %(end)s
) AS counted
GROUP BY GROUPING SETS ((union_id), (union_id, kind), (union_id, funding_source), (union_id, aid),
                       (union_id, named_only))
"""


def _grouping_sets(unions: Sequence[Union], period: Period) -> dict[int, dict[str, Any]]:
    empty = dict.fromkeys(KEYS[:3], 0) | {"cash": ZERO, "goods_value": ZERO}
    out: dict[int, dict[str, Any]] = {
        u.pk: {name: dict(empty) for name in _sets()} | {"hardship_files": 0} for u in unions
    }
    params = {
        "unions": [u.pk for u in unions],
        "counted": [status.value for status in COUNTED_STATUSES],
        "aid": [kind.value for kind in AID_KINDS],
        "start": period.start,
        "end": period.end,
    }
    with connection.cursor() as cursor:
        cursor.execute(_GROUPING_SETS, params)
        for found in cursor.fetchall():
            pk, by_kind, by_source, by_aid, by_named, kind, source, aid, named_only = found[:9]
            values, result = found[9:], out[pk]
            row = dict(zip(KEYS, values[:5], strict=True))
            if by_kind + by_source + by_aid + by_named == 4:  # the empty set: every payout
                result["all"], result["hardship_files"] = row, values[5]
            elif not by_kind:
                result[f"kind:{kind}"] = row
            elif not by_source:
                result[f"source:{source}"] = row
            elif not by_aid:
                result["aid" if aid else "comfort"] = row
            elif named_only:
                result["non_members"] = row
    return out
