"""A union's data version: the id of the newest log entry of the union and those below it.

Every write to a union's records logs an entry (audit.registry), so anything computed from
those records can be cached under this number and is never stale: a write moves it.
"""

from __future__ import annotations

from django.db.models import Max

from unions.models import Union

from .models import AuditEntry


def data_version(union: Union) -> int:
    entries = AuditEntry.objects.filter(union__path__startswith=union.path)
    return entries.aggregate(newest=Max("id"))["newest"] or 0
