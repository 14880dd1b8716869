from __future__ import annotations

from typing import Any

from django import template

from unions.permissions import Perm

from ..selectors import pending_approval_count

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_approvals(context: dict[str, Any]) -> int | None:
    """Records waiting for approval in the current union, for users who may approve; else None."""
    request = context.get("request")
    access = getattr(request, "access", None)
    if access is None or not access.can(Perm.APPROVE):
        return None
    return pending_approval_count(union=request.union)
