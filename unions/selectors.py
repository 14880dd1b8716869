from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.models import AuditEntry
from members.choices import CURRENT_STATUSES, Gender
from members.models import Member

from .events import ACK_UPTO_KEY, APPROVER_EVENTS, NOTICES_ACKNOWLEDGED
from .models import Branch, Union

NOTICE_DAYS = 30
NOTICE_LIMIT = 20


def branches_with_headcount(*, union: Union) -> QuerySet[Branch]:
    # One count per branch from the (branch, status) index, not a join that reads every
    # member row of the union (6,700 pages at 200,000 members).
    current = (
        Member.objects.filter(branch=OuterRef("pk"), status__in=CURRENT_STATUSES)
        .order_by()
        .values("branch")
        .annotate(n=Count("*"))
        .values("n")
    )
    headcount = Coalesce(Subquery(current, output_field=IntegerField()), 0)
    return union.branches.annotate(headcount=headcount).order_by("name")


def subordinate_unions(*, union: Union) -> QuerySet[Union]:
    """Direct subordinates, each with its current membership."""
    current = Q(members__status__in=CURRENT_STATUSES)
    return union.children.annotate(
        headcount=Count("members", filter=current),
        women=Count("members", filter=current & Q(members__gender=Gender.FEMALE)),
    ).order_by("name")


def approver_notices(*, union: Union, user: Any, now: dt.datetime | None = None) -> list[AuditEntry]:
    """Changes to who may approve in `union` (approver accounts created, promoted, their
    passwords reset; separation of duties switched) in the last 30 days that `user` has not
    acknowledged yet, newest first. Each leader acknowledges for themself, so an account an
    admin controls cannot hide a notice from the others."""
    since = (now or timezone.now()) - dt.timedelta(days=NOTICE_DAYS)
    entries = AuditEntry.objects.filter(union=union, action__in=APPROVER_EVENTS, created_at__gte=since)
    ack = (
        AuditEntry.objects.filter(union=union, actor=user, action=NOTICES_ACKNOWLEDGED)
        .order_by("-id")
        .values_list("changes", flat=True)
        .first()
    )
    upto = (ack or {}).get(ACK_UPTO_KEY)
    if isinstance(upto, int):
        entries = entries.filter(id__gt=upto)
    return list(entries.select_related("content_type", "actor").order_by("-id")[:NOTICE_LIMIT])
