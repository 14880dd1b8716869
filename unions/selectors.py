from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from members.choices import CURRENT_STATUSES, Gender

from .models import Branch, Union


def branches_with_headcount(*, union: Union) -> QuerySet[Branch]:
    current = Q(members__status__in=CURRENT_STATUSES)
    return union.branches.annotate(headcount=Count("members", filter=current)).order_by("name")


def subordinate_unions(*, union: Union) -> QuerySet[Union]:
    """Direct subordinates, each with its current membership."""
    current = Q(members__status__in=CURRENT_STATUSES)
    return union.children.annotate(
        headcount=Count("members", filter=current),
        women=Count("members", filter=current & Q(members__gender=Gender.FEMALE)),
    ).order_by("name")
