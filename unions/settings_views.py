"""A union's own settings: its name, reporting period and branches (管理员)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render

from members.choices import CURRENT_STATUSES
from records.integrity import recheck_on_conflict

from . import services
from .forms import BranchForm, UnionSettingsForm
from .models import Branch
from .permissions import Perm, UnionRequest, get_for_union, union_view


@union_view(Perm.MANAGE_UNION)
def union_settings(request: UnionRequest) -> HttpResponse:
    form = UnionSettingsForm(request.POST or None, instance=request.union)
    if request.method == "POST" and form.is_valid():
        services.union_settings_update(union=request.union, **form.cleaned_data)
        messages.success(request, "已保存工会设置。")
        return redirect("unions:settings", code=request.union.code)
    branches = request.union.branches.annotate(
        headcount=Count("members", filter=Q(members__status__in=CURRENT_STATUSES))
    ).order_by("-is_active", "name")
    return render(request, "unions/settings.html", {"form": form, "branches": branches})


@union_view(Perm.MANAGE_UNION)
def branch_create(request: UnionRequest) -> HttpResponse:
    return _branch_form(request, Branch())


@union_view(Perm.MANAGE_UNION)
def branch_edit(request: UnionRequest, pk: int) -> HttpResponse:
    return _branch_form(request, get_for_union(Branch, request, pk))


def _branch_form(request: UnionRequest, branch: Branch) -> HttpResponse:
    form = BranchForm(request.POST or None, instance=branch, union=request.union)
    if request.method == "POST" and form.is_valid():
        try:
            # Two admins adding the same name at once: the loser gets the unique rule's message.
            with transaction.atomic(), recheck_on_conflict(form.instance.validate_constraints):
                form.save()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已保存“{form.instance.name}”。")
            return redirect("unions:settings", code=request.union.code)
    return render(request, "unions/branch_form.html", {"form": form, "branch": branch})
