"""List, detail, create, edit, void and restore pages for one kind of union record.

An app describes its record once (model, form, columns, filters) and gets the six views
and their URLs, all behind `unions.permissions.union_view`. Apps add their own views
(workflow steps, batch entry) beside these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse

from audit.presentation import history_for
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from .display import moment, person_name
from .filters import Filter, search
from .forms import RecordForm
from .list_export import ListExportMixin
from .models import TypicalCase, UnionRecord
from .money import format_amount
from .paginator import VersionedCountPaginator
from .params import filter_param, page_param, text_param
from .table import record_rows, select_options

PAGE_SIZE = 50


@dataclass
class Column:
    label: str
    attr: str | Callable[[Any], Any]
    link: bool = False  # link the cell to the record's detail page
    numeric: bool = False


def _value(obj: Any, attr: str | Callable[[Any], Any]) -> Any:
    if callable(attr):
        return attr(obj)
    for part in attr.split("."):
        if obj is None:
            return ""
        display = getattr(obj, f"get_{part}_display", None)
        obj = display() if display else getattr(obj, part)
    return _shown(obj)


def _getter(model: type[models.Model], attr: str | Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A cell reader for a list column, worked out once per page: what `_value` reads, with
    the path's fields looked up now rather than per cell (a choice field's labels from a
    dict, not get_FOO_display(); no failed get_FOO_display lookup for every other field)."""
    if callable(attr):
        return attr
    steps: list[tuple[str, dict[Any, str] | None]] = []
    current: type[models.Model] | None = model
    for part in attr.split("."):
        try:
            field = current._meta.get_field(part) if current is not None else None
        except FieldDoesNotExist:
            field = None
        if field is None or field.many_to_many or field.one_to_many:
            return lambda obj: _value(obj, attr)  # a property or method: read it as it is
        labels = {value: str(label) for value, label in field.flatchoices} if field.choices else None
        steps.append((part, labels))
        current = field.related_model if field.is_relation else None

    def read(obj: Any) -> Any:
        for name, labels in steps:
            if obj is None:
                return ""
            obj = getattr(obj, name)
            if labels is not None:
                obj = labels.get(obj, obj)
        return _shown(obj)

    return read


def _shown(value: Any) -> Any:
    if isinstance(value, dt.date):
        return moment(value)  # one style on every page: 2026-03-08, 2026-12-01 15:55 local
    if isinstance(value, AbstractBaseUser):
        return person_name(value)
    return "" if value is None else value


def _shown_number(value: Any) -> Any:
    """Figures in list columns with thousands separators: 12,345.60, 1,200."""
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value


@dataclass
class RecordViewSet(ListExportMixin):
    model: type[UnionRecord]
    form_class: type[RecordForm]
    namespace: str  # the app's url namespace, e.g. "activities"
    prefix: str  # url prefix inside the app and the url-name stem, e.g. "activity"
    columns: list[Column]
    filters: list[Filter] = field(default_factory=list)
    search_fields: list[str] = field(default_factory=list)
    search_placeholder: str = "搜索"
    select_related: list[str] = field(default_factory=list)
    ordering: list[str] = field(default_factory=lambda: ["-id"])
    detail_template: str = "records/detail.html"
    form_template: str = "records/form.html"
    list_template: str = "records/list.html"
    # Hooks for apps: the service that saves a valid form, and extra detail context.
    save: Callable[..., models.Model] | None = None
    detail_extra: Callable[[UnionRequest, Any], dict[str, Any]] | None = None
    editable: Callable[[Any], bool] = lambda obj: True

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def url_name(self, action: str) -> str:
        return f"{self.namespace}:{self.prefix}-{action}"

    # --- querysets -----------------------------------------------------------------

    def base_queryset(self, request: UnionRequest) -> models.QuerySet:
        qs = self.model.objects.filter(union=request.union)
        return qs.select_related(*self.select_related) if self.select_related else qs

    def filtered(self, request: UnionRequest) -> tuple[models.QuerySet, list[dict[str, Any]]]:
        qs = self.base_queryset(request)
        show_void = request.GET.get("void") == "1"
        qs = qs.exclude(voided_at=None) if show_void else qs.filter(voided_at=None)
        widgets = []
        for flt in self.filters:
            value = filter_param(
                request,
                flt.param,
                default=flt.default(request.union),
                clean=partial(flt.clean, union=request.union),
            )
            qs = flt.apply(qs, value, request.union)
            options = flt.options(request.union)
            if value not in {v for v, _ in options}:
                options.append((value, flt.value_label(value, request.union)))  # a link's: keep it chosen
            widgets.append(
                {
                    "param": flt.param,
                    "label": flt.label,
                    "value": value,
                    "options": options,
                    "options_html": select_options(options, value),
                }
            )
        qs = search(qs, self.search_fields, text_param(request, "q"))
        return qs.order_by(*self.ordering), widgets

    # --- views -----------------------------------------------------------------------

    def list_view(self, request: UnionRequest) -> HttpResponse:
        qs, widgets = self.filtered(request)
        paginator = VersionedCountPaginator(
            qs, PAGE_SIZE, union=request.union, count_key=self.count_key(request, widgets)
        )
        page = paginator.get_page(page_param(request))
        code = request.union.code
        list_url = reverse(self.url_name("list"), args=[code])
        getters = [_getter(self.model, c.attr) for c in self.columns]
        rows = []
        for obj in page:
            url = f"{list_url}{obj.pk}/"  # the detail URL, without a reverse() per row
            rows.append(
                [
                    (_shown_number(get(obj)) if c.numeric else get(obj), url if c.link else None, c.numeric)
                    for get, c in zip(getters, self.columns, strict=True)
                ]
            )
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            self.list_template,
            {
                "vs": self,
                "page": page,
                "rows": rows,
                "table_body": record_rows(rows),
                "widgets": widgets,
                "q": text_param(request, "q", quiet=True),
                "show_void": request.GET.get("void") == "1",
                "query": query.urlencode(),
                "export_url": reverse(self.url_name("export"), args=[code]),
                **self.list_context(request),
                "create_url": reverse(self.url_name("create"), args=[code]),
                "list_url": reverse(self.url_name("list"), args=[code]),
            },
        )

    def count_key(self, request: UnionRequest, widgets: list[dict[str, Any]]) -> str:
        """What decides the rows of `filtered()` within the request's union: the list, void
        or not, the search and each filter's value (filters and search read nothing else;
        the day is there for filters whose default is today's year). A subclass that
        narrows the rows by anything more must add it here."""
        values = tuple(w["value"] for w in widgets)
        q = text_param(request, "q", quiet=True)
        return repr((self.url_name("list"), request.GET.get("void") == "1", q, values, str(dt.date.today())))

    def list_context(self, request: UnionRequest) -> dict[str, Any]:
        """Extra context for the list page (a subclass may hide the create button)."""
        return {}

    def detail_view(self, request: UnionRequest, pk: int) -> HttpResponse:
        obj = get_for_union(self.base_queryset(request), request, pk)
        context = {
            "vs": self,
            "object": obj,
            "fields": self.detail_fields(obj),
            "history": history_for(obj),
            "can_edit": request.access.can(Perm.EDIT) and self.editable(obj),
            "can_void": request.access.can(Perm.EDIT),
            "list_url": reverse(self.url_name("list"), args=[request.union.code]),
            "edit_url": reverse(self.url_name("edit"), args=[request.union.code, obj.pk]),
            "void_url": reverse(self.url_name("void"), args=[request.union.code, obj.pk]),
        }
        if self.can_be_typical:
            context["typical_url"] = reverse(self.url_name("typical"), args=[request.union.code, obj.pk])
            context["can_mark_typical"] = request.access.can(Perm.EDIT)
        if self.detail_extra:
            context.update(self.detail_extra(request, obj))
        return render(request, self.detail_template, context)

    def detail_fields(self, obj: Any) -> list[tuple[str, Any]]:
        skip = {"id", "union", "created_at", "updated_at", "voided_at", "void_reason"}
        rows = []
        for f in obj._meta.get_fields():
            if f.name in skip or f.auto_created or not getattr(f, "verbose_name", None):
                continue
            if f.many_to_many:
                value = "、".join(str(o) for o in getattr(obj, f.name).all())
            else:
                value = _value(obj, f.name)
                if isinstance(value, bool):
                    value = "是" if value else "否"
                elif isinstance(value, Decimal):
                    value = format_amount(value)
            rows.append((str(f.verbose_name), value))
        return rows

    def _save(self, request: UnionRequest, form: RecordForm) -> models.Model:
        if self.save:
            return self.save(request=request, form=form)
        with transaction.atomic():
            obj = form.save(commit=False)
            obj.union = request.union
            obj.full_clean()
            obj.save()
            form.save_m2m()
            return obj

    def create_view(self, request: UnionRequest) -> HttpResponse:
        form = self.form_class(request.POST or None, request.FILES or None, union=request.union)
        if request.method == "POST" and form.is_valid():
            obj = self._save(request, form)
            messages.success(request, f"已保存{self.verbose_name}：{obj}。")
            return redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)
        return render(
            request, self.form_template, {"vs": self, "form": form, "object": None, **self._nav(request)}
        )

    def edit_view(self, request: UnionRequest, pk: int) -> HttpResponse:
        obj = get_for_union(self.base_queryset(request), request, pk)
        if not self.editable(obj):
            messages.error(request, f"该{self.verbose_name}当前状态不允许修改。")
            return redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)
        form = self.form_class(request.POST or None, request.FILES or None, instance=obj, union=request.union)
        if request.method == "POST" and form.is_valid():
            obj = self._save(request, form)
            messages.success(request, f"已保存{self.verbose_name}：{obj}。")
            return redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)
        return render(
            request, self.form_template, {"vs": self, "form": form, "object": obj, **self._nav(request)}
        )

    def void_view(self, request: UnionRequest, pk: int) -> HttpResponse:
        """GET asks for a reason; POST voids, or restores a voided record."""
        obj = get_for_union(self.base_queryset(request), request, pk)
        if request.method == "POST":
            if obj.is_void:
                obj.restore()
                messages.success(request, f"已恢复{self.verbose_name}：{obj}。")
            else:
                reason = text_param(request, "reason", max_length=10_000, multiline=True, data=request.POST)
                if not reason:
                    messages.error(request, "请填写作废原因。")
                    return redirect(self.url_name("void"), code=request.union.code, pk=obj.pk)
                obj.void(reason[:200])
                messages.success(
                    request, f"已作废{self.verbose_name}：{obj}。作废的记录不计入统计，可随时恢复。"
                )
            return redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)
        return render(request, "records/void.html", {"vs": self, "object": obj, **self._nav(request)})

    @property
    def can_be_typical(self) -> bool:
        return issubclass(self.model, TypicalCase)

    def typical_view(self, request: UnionRequest, pk: int) -> HttpResponse:
        """Mark the record as a 典型事例 (or unmark it) from its page: only the mark and its
        note change, through the audited service, whatever the record's own state."""
        from .typical import typical_case_mark

        obj = get_for_union(self.base_queryset(request), request, pk)
        if request.method == "POST":
            marked = request.POST.get("is_typical") == "1"
            note = text_param(request, "typical_note", max_length=200, data=request.POST) or ""
            if obj.is_void:
                messages.error(request, "已作废的记录不能标为典型事例。")
            else:
                try:
                    typical_case_mark(record=obj, is_typical=marked, note=note)
                except ValidationError as exc:
                    messages.error(request, "；".join(exc.messages))
                    return redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)
                messages.success(
                    request,
                    f"已将{self.verbose_name}“{obj}”标为典型事例，总结中将单独写一句。"
                    if marked
                    else f"已取消{self.verbose_name}“{obj}”的典型事例标记。",
                )
        return redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)

    def _nav(self, request: UnionRequest) -> dict[str, str]:
        return {"list_url": reverse(self.url_name("list"), args=[request.union.code])}

    def urls(self) -> list[URLPattern]:
        p = self.prefix
        return [
            path(f"{p}/", union_view(Perm.VIEW)(self.list_view), name=f"{p}-list"),
            path(f"{p}/export.xlsx", union_view(Perm.VIEW)(self.export_view), name=f"{p}-export"),
            path(f"{p}/new/", union_view(Perm.EDIT)(self.create_view), name=f"{p}-create"),
            path(f"{p}/<int:pk>/", union_view(Perm.VIEW)(self.detail_view), name=f"{p}-detail"),
            path(f"{p}/<int:pk>/edit/", union_view(Perm.EDIT)(self.edit_view), name=f"{p}-edit"),
            path(f"{p}/<int:pk>/void/", union_view(Perm.EDIT)(self.void_view), name=f"{p}-void"),
            *(
                [
                    path(
                        f"{p}/<int:pk>/typical/",
                        union_view(Perm.EDIT)(self.typical_view),
                        name=f"{p}-typical",
                    )
                ]
                if self.can_be_typical
                else []
            ),
        ]
