"""A union's data version: the id of the newest log entry of the union and those below it.

Every write to a union's records logs an entry (audit.registry), so anything computed from
those records can be cached under this number and is never stale: a write moves it.
"""

from __future__ import annotations

from django.db.models import Max, OuterRef, Subquery

from unions.models import Union

from .models import AuditEntry


def data_version(union: Union) -> int:
    entries = AuditEntry.objects.filter(union__path__startswith=union.path)
    return entries.aggregate(newest=Max("id"))["newest"] or 0


def own_versions(top: Union) -> dict[int, int]:
    """{union id: the newest entry of that union's own} for every union of `top`'s subtree:
    what a union's own figures can be cached under. One query, an index probe per union
    (audit_union_id_idx read backwards), not a scan of the subtree's whole log."""
    newest = AuditEntry.objects.filter(union=OuterRef("pk")).order_by("-id").values("id")[:1]
    rows = top.descendants(include_self=True).annotate(newest=Subquery(newest))
    return {pk: version or 0 for pk, version in rows.values_list("pk", "newest").order_by()}
