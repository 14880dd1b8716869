"""Year profiles: the union's own (Perm.EDIT), and, for a federation, those of the units below
it that are not on the system (Perm.MANAGE_UNION: the federation's admin). A higher-level
union reads the profiles of the unions below it on its own page; it cannot change them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from records.params import year_param
from records.periods import current_period
from unions.permissions import Perm, UnionRequest, get_for_union, union_view
from workbook.models import ExternalReport

from . import services
from .forms import OWN_FIELDS, OwnProfileForm, UnitProfileForm
from .importing import pending_imports
from .models import UnionYearProfile
from .selectors import coverage_summary, covered_profiles, own_profile, profile_rates, profiles_rated


def _year(request: UnionRequest) -> int:
    latest = current_period(request.union).year
    return min(year_param(request, default=latest), latest)


def _list_url(request: UnionRequest, year: int) -> str:
    return reverse("profiles:list", args=[request.union.code]) + "?" + urlencode({"year": year})


@union_view(Perm.VIEW)
def profile_list(request: UnionRequest) -> HttpResponse:
    union, year = request.union, _year(request)
    own = own_profile(union=union, year=year)
    covered = profiles_rated(covered_profiles(union=union, year=year))
    profiled = {r.profile.unit_code for r in covered if r.profile.off_system}
    imports = [
        r
        for r in ExternalReport.objects.live().filter(union=union, year=year, units_included=1)
        if r.source_code not in profiled
    ]
    latest = current_period(union).year
    return render(
        request,
        "profiles/profile_list.html",
        {
            "year": year,
            "years": list(range(latest, latest - 6, -1)),
            "own": profile_rates(own) if own else None,
            "covered": covered,
            "summary": coverage_summary(covered) if covered else None,
            "imports": imports,
            "pending": pending_imports(union=union, year=year),
        },
    )


@union_view(Perm.EDIT)
def own_profile_edit(request: UnionRequest) -> HttpResponse:
    union, year = request.union, _year(request)
    instance = own_profile(union=union, year=year) or UnionYearProfile(union=union, year=year)
    form = OwnProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.own_profile_save(
                union=union,
                year=year,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in OWN_FIELDS},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已保存本会{year}年度基本情况。")
            return redirect(_list_url(request, year))
    return render(request, "profiles/profile_form.html", {"form": form, "year": year, "own": True})


@union_view(Perm.MANAGE_UNION)
def unit_create(request: UnionRequest) -> HttpResponse:
    return _unit_form(request, None, _year(request))


@union_view(Perm.MANAGE_UNION)
def unit_edit(request: UnionRequest, pk: int) -> HttpResponse:
    profile = get_for_union(UnionYearProfile.objects.exclude(unit_code=""), request, pk)
    return _unit_form(request, profile, profile.year)


def _unit_form(request: UnionRequest, profile: UnionYearProfile | None, year: int) -> HttpResponse:
    form = UnitProfileForm(
        request.POST or None, instance=profile or UnionYearProfile(union=request.union, year=year)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            saved = services.unit_profile_save(
                federation=request.union,
                year=year,
                unit_code=data.pop("unit_code"),
                unit_name=data.pop("unit_name"),
                actor=request.user,
                profile=profile,
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已保存“{saved.unit_name}”{year}年度基本情况。")
            return redirect(_list_url(request, year))
    return render(
        request, "profiles/profile_form.html", {"form": form, "year": year, "own": False, "profile": profile}
    )


@union_view(Perm.MANAGE_UNION)
@require_POST
def unit_from_import(request: UnionRequest, pk: int) -> HttpResponse:
    """Fill (or refresh) an off-system unit's profile from its imported workbook."""
    report = get_for_union(ExternalReport, request, pk)
    try:
        profile = services.profile_from_external_report(report=report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(_list_url(request, report.year))
    messages.success(
        request,
        f"已采用导入的年报填写“{profile.unit_name}”{profile.year}年度基本情况；"
        "年报中没有的（建会日期、职工之家等）请补充填写。",
    )
    return redirect("profiles:unit-edit", code=request.union.code, pk=profile.pk)


@union_view(Perm.MANAGE_UNION)
@require_POST
def unit_keep_entered(request: UnionRequest, pk: int) -> HttpResponse:
    """Keep the profile as entered against an imported workbook that disagrees with it."""
    report = get_for_union(ExternalReport, request, pk)
    try:
        profile = services.profile_keep_entered(report=report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            f"已保留“{profile.unit_name}”{profile.year}年度已填写的基本情况；汇总表中该单位的数字仍取自其年报。",
        )
    return redirect(_list_url(request, report.year))
