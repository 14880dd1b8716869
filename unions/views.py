from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from members.models import Member
from records.params import year_param
from reports.dashboard import dashboard_page

from . import services
from .permissions import Perm, UnionRequest, accessible_unions, union_view


def home(request: HttpRequest) -> HttpResponse:
    """Send the user to their union, or let them choose when they act in several."""
    own = list(accessible_unions(request.user).filter(roles__user=request.user))
    if len(own) == 1:
        return redirect("unions:home", code=own[0].code)
    return render(request, "unions/choose.html", {"unions": accessible_unions(request.user)})


@union_view(Perm.VIEW)
def union_home(request: UnionRequest) -> HttpResponse:
    """A union's home is its year dashboard; a federation that keeps no roster of its own
    (a county) lands on the roll-up of its unions instead of a dashboard of zeros."""
    union = request.union
    if union.children.exists() and not Member.objects.filter(union=union).exists():
        target = reverse("workbook:rollup", args=[union.code])
        year = year_param(request, default=None)
        return redirect(f"{target}?year={year}" if year else target)
    return dashboard_page(request)


@union_view(Perm.APPROVE)
@require_POST
def notices_acknowledge(request: UnionRequest) -> HttpResponse:
    """A leader has read the notices about approver accounts shown to them (up to `upto`)."""
    upto = request.POST.get("upto", "")
    if not (upto.isascii() and upto.isdigit()):
        return HttpResponseBadRequest("参数无效。")
    services.approver_notices_acknowledge(union=request.union, upto=int(upto))
    messages.success(request, "已确认知悉。")
    target = request.POST.get("next", "")
    own = f"/u/{request.union.code}/"
    if target.startswith(own) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("unions:home", code=request.union.code)
