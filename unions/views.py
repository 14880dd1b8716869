from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from members.choices import Gender
from members.models import Member

from .permissions import Perm, UnionRequest, accessible_unions, union_view
from .selectors import branches_with_headcount, subordinate_unions


def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their union, or let them choose when they act in several."""
    own = list(accessible_unions(request.user).filter(roles__user=request.user))
    if len(own) == 1:
        return redirect("unions:home", code=own[0].code)
    return render(request, "unions/choose.html", {"unions": accessible_unions(request.user)})


@union_view(Perm.VIEW)
def union_home(request: UnionRequest) -> HttpResponse:
    union = request.union
    members = Member.objects.filter(union=union).current()
    return render(
        request,
        "unions/union_home.html",
        {
            "headcount": members.count(),
            "women": members.filter(gender=Gender.FEMALE).count(),
            "migrant": members.filter(is_migrant_worker=True).count(),
            "branches": branches_with_headcount(union=union),
            "subordinates": subordinate_unions(union=union),
        },
    )
