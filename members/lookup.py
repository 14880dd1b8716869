"""Finding members by typing: the JSON behind the member picker on record forms."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from records.params import text_param
from unions.permissions import Perm, UnionRequest, union_view

from .id_numbers import TAIL
from .models import Member
from .selectors import member_search

LIMIT = 20


@union_view(Perm.VIEW)
def member_lookup(request: UnionRequest) -> HttpResponse:
    text = text_param(request, "q", quiet=True)  # JSON: a notice would surface on the next page
    if not text:
        return JsonResponse({"results": []})
    filters = {"q": text}
    if request.GET.get("all") != "1":
        filters["status"] = "current"
    full_ids = request.access.can(Perm.VIEW_FULL_ID)
    members = member_search(union=request.union, filters=filters, full_ids=full_ids)[:LIMIT]
    return JsonResponse({"results": [{"id": m.pk, "label": label(m)} for m in members]})


def label(member: Member) -> str:
    """Name, branch and the ID's last four: enough to tell namesakes apart, nothing more."""
    parts = [member.name]
    if member.branch_id:
        parts.append(member.branch.name)
    parts.append(f"身份证尾号{member.id_number[-TAIL:]}")
    return "｜".join(parts)
