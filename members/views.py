from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from audit.presentation import history_for
from audit.versions import data_version
from records.paginator import VersionedCountPaginator
from records.params import choice_param, page_param, text_param
from records.table import select_options
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import services
from .forms import MemberFilterForm, MemberForm
from .models import Member
from .privacy import shown_birth, shown_id, shown_phone
from .roster_table import ROSTER_FIELDS, roster_body, roster_rows
from .selectors import SORTABLE, member_records, roster_search

PAGE_SIZE = 50


@union_view(Perm.VIEW)
def member_list(request: UnionRequest) -> HttpResponse:
    filter_form = MemberFilterForm(request.GET or None, union=request.union)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    sort = choice_param(request, "sort", [f"{sign}{key}" for key in SORTABLE for sign in ("", "-")])
    show_full_id = request.access.can(Perm.VIEW_FULL_ID)
    search = roster_search(union=request.union, filters=filters, sort=sort, full_ids=show_full_id)
    members = search.members.only(*ROSTER_FIELDS)
    rows = None if search.rows is None else search.rows.only(*ROSTER_FIELDS)
    version = data_version(request.union)
    paginator = VersionedCountPaginator(
        members,
        PAGE_SIZE,
        union=request.union,
        keys=search.keys,
        rows=rows,
        count_key=_count_key(request),
        version=version,
    )
    page = paginator.get_page(page_param(request))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    rows = roster_rows(
        page, show_full_id=show_full_id, base_url=request.path, show_phone=request.access.can(Perm.EDIT)
    )
    return render(
        request,
        "members/member_list.html",
        {
            "page": page,
            "rows": rows,
            "table_body": roster_body(rows),
            "filters": filter_widgets(filter_form, branches=_branch_options(filter_form, version)),
            "q": text_param(request, "q", quiet=True),
            "query": query.urlencode(),
            "sort_query": sort_query.urlencode(),
            "sort": sort,
            "sortable": SORTABLE,
            "can_edit": request.access.can(Perm.EDIT),
            "birth_label": "出生日期" if show_full_id else "出生年份",
        },
    )


def _count_key(request: UnionRequest) -> str:
    """What decides the roster's rows within the union: the search and filter parameters
    as sent (the filter form reads nothing else), the right to search full ID numbers, and
    the day (a filter's 今天). The order and the page do not change the total."""
    params = sorted((name, values) for name, values in request.GET.lists() if name not in ("page", "sort"))
    return repr(("members:list", params, request.access.can(Perm.VIEW_FULL_ID), str(dt.date.today())))


def _branch_options(form: MemberFilterForm, version: int) -> list[tuple[str, str]]:
    """The branch select's options, read once per data version of the union (a branch
    added, renamed or closed is logged and moves it) rather than as instances per page."""
    key = f"roster-branches:{form.union.pk}:{version}"
    options = cache.get(key)
    if options is None:
        options = [(str(value), str(label)) for value, label in form.fields["branch"].choices]
        cache.set(key, options, 600)
    return options


def filter_widgets(
    form: MemberFilterForm, *, branches: list[tuple[str, str]] | None = None
) -> list[dict[str, Any]]:
    """Each select of the filter bar with its options and the chosen value, worked out once.
    `branches`: the branch select's options when the caller has them."""
    widgets = []
    for field in form:
        if field.name == "q":
            continue
        chosen = "" if field.value() is None else str(field.value())
        if field.name == "branch" and branches is not None:
            options = branches
        else:
            options = [(str(value), str(label)) for value, label in field.field.choices]
        widgets.append(
            {
                "field": field,
                "chosen": chosen,
                "options": options,
                "options_html": select_options(options, chosen),
            }
        )
    return widgets


@union_view(Perm.VIEW)
def member_detail(request: UnionRequest, pk: int) -> HttpResponse:
    member = get_for_union(Member.objects.select_related("branch"), request, pk)
    full = request.access.can(Perm.VIEW_FULL_ID)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "id_shown": shown_id(member.id_number, full=full),
            "birth_shown": shown_birth(member.birth_date, full=full),
            "birth_label": "出生日期" if full else "出生年份",
            "phone_shown": shown_phone(member.phone, full=request.access.can(Perm.EDIT)),
            "history": history_for(member, reveal_personal=full),
            "records": member_records(member=member),
            "can_edit": request.access.can(Perm.EDIT),
        },
    )


@union_view(Perm.EDIT)
def member_create(request: UnionRequest) -> HttpResponse:
    form = MemberForm(request.POST or None, union=request.union, show_full_id=True)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(union=request.union, **_fields(form))
        except ValidationError as exc:  # lost a race for the same ID number
            form.add_error(None, exc)
        else:
            messages.success(request, f"已添加会员 {member.name}。")
            return redirect("members:detail", code=request.union.code, pk=member.pk)
    return render(request, "members/member_form.html", {"form": form, "member": None})


@union_view(Perm.EDIT)
def member_edit(request: UnionRequest, pk: int) -> HttpResponse:
    member = get_for_union(Member, request, pk)
    form = MemberForm(
        request.POST or None,
        instance=member,
        union=request.union,
        show_full_id=request.access.can(Perm.VIEW_FULL_ID),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=member, **_fields(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已保存会员 {member.name} 的修改。")
            return redirect("members:detail", code=request.union.code, pk=member.pk)
    return render(request, "members/member_form.html", {"form": form, "member": member})


@union_view(Perm.EDIT)
def member_delete(request: UnionRequest, pk: int) -> HttpResponse:
    member = get_for_union(Member, request, pk)
    if request.method == "POST":
        try:
            services.member_delete(member=member)
        except services.MemberInUseError as exc:
            messages.error(request, str(exc))
            return redirect("members:detail", code=request.union.code, pk=member.pk)
        messages.success(request, f"已删除会员 {member.name}。")
        return redirect("members:list", code=request.union.code)
    return render(request, "members/member_confirm_delete.html", {"member": member})


def _fields(form: MemberForm) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.fields}
