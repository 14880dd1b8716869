from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from reports.dashboard import dashboard_page

from .permissions import Perm, UnionRequest, accessible_unions, union_view


def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their union, or let them choose when they act in several."""
    own = list(accessible_unions(request.user).filter(roles__user=request.user))
    if len(own) == 1:
        return redirect("unions:home", code=own[0].code)
    return render(request, "unions/choose.html", {"unions": accessible_unions(request.user)})


@union_view(Perm.VIEW)
def union_home(request: UnionRequest) -> HttpResponse:
    """A union's home is its year dashboard."""
    return dashboard_page(request)
