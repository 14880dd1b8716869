from __future__ import annotations

from typing import Any

from django import template

from audit.presentation import describe_all
from unions.permissions import Perm

from ..selectors import approver_notices

register = template.Library()


@register.simple_tag(takes_context=True)
def approver_notices_for_leader(context: dict[str, Any]) -> list[tuple[Any, list[Any]]]:
    """Unacknowledged changes to who may approve, with readable lines, for leaders only."""
    request = context.get("request")
    access = getattr(request, "access", None)
    if access is None or not access.can(Perm.APPROVE):
        return []
    entries = approver_notices(union=request.union, user=request.user)
    return list(zip(entries, describe_all(entries), strict=True))
