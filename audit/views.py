from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from records.params import choice_param, page_param, text_param
from unions.permissions import Perm, UnionRequest, union_view

from .models import Action, AuditEntry
from .presentation import describe_all


def actor_matching(text: str) -> Q:
    """Entries by whoever is called `text`: their name (李明), their login name, or the
    label of a command or the system."""
    return (
        Q(actor_label__icontains=text)
        | Q(actor__first_name__icontains=text)
        | Q(actor__last_name__icontains=text)
        | Q(actor__username__icontains=text)
    )


@union_view(Perm.VIEW_AUDIT)
def entry_list(request: UnionRequest) -> HttpResponse:
    entries = AuditEntry.objects.filter(union=request.union).select_related("content_type", "actor")
    action = choice_param(request, "action", Action.values)
    if action:
        entries = entries.filter(action=action)
    actor = text_param(request, "actor")
    if actor:
        entries = entries.filter(actor_matching(actor))
    page = Paginator(entries, 50).get_page(page_param(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/entry_list.html",
        {
            "page": page,
            "items": list(
                zip(
                    page,
                    describe_all(list(page), reveal_personal=request.access.can(Perm.VIEW_FULL_ID)),
                    strict=True,
                )
            ),
            "actions": Action.choices,
            "action": action,
            "actor": actor,
            "query": query.urlencode(),
        },
    )
