"""The records viewset, for records whose writes go through services that may refuse.

Welfare services raise `ValidationError` subclasses (a locked amount, a second open hardship
file, a record someone else just processed); here they are shown to the user on the form or as
a message instead of ending in a server error. Voiding can demand a stronger permission for
some records (approved money is voided by a leader only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from records.forms import RecordForm
from records.params import text_param
from records.viewsets import RecordViewSet
from unions.permissions import Perm, UnionRequest, get_for_union, require


def _default_void(*, obj: Any, reason: str) -> Any:
    obj.void(reason)
    return obj


def _default_restore(*, obj: Any) -> Any:
    obj.restore()
    return obj


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@dataclass
class GuardedViewSet(RecordViewSet):
    void_service: Callable[..., Any] = _default_void  # (obj=, reason=)
    restore_service: Callable[..., Any] = _default_restore  # (obj=)
    void_perm: Callable[[Any], Perm] = lambda obj: Perm.EDIT  # beyond the URL's Perm.EDIT

    def can_void(self, request: UnionRequest, obj: Any) -> bool:
        return request.access.can(Perm.EDIT) and request.access.can(self.void_perm(obj))

    def _save_or_show(self, request: UnionRequest, form: RecordForm) -> Any:
        try:
            return self._save(request, form)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return None

    def create_view(self, request: UnionRequest) -> HttpResponse:
        form = self.form_class(request.POST or None, request.FILES or None, union=request.union)
        if request.method == "POST" and form.is_valid():
            obj = self._save_or_show(request, form)
            if obj is not None:
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
            saved = self._save_or_show(request, form)
            if saved is not None:
                messages.success(request, f"已保存{self.verbose_name}：{saved}。")
                return redirect(self.url_name("detail"), code=request.union.code, pk=saved.pk)
        return render(
            request, self.form_template, {"vs": self, "form": form, "object": obj, **self._nav(request)}
        )

    def void_view(self, request: UnionRequest, pk: int) -> HttpResponse:
        obj = get_for_union(self.base_queryset(request), request, pk)
        require(request.access, self.void_perm(obj))
        detail = redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)
        if request.method != "POST":
            return render(request, "records/void.html", {"vs": self, "object": obj, **self._nav(request)})
        try:
            if obj.is_void:
                obj = self.restore_service(obj=obj)
                messages.success(request, f"已恢复{self.verbose_name}：{obj}。")
            else:
                reason = text_param(request, "reason", max_length=10_000, multiline=True, data=request.POST)
                if not reason:
                    messages.error(request, "请填写作废原因。")
                    return redirect(self.url_name("void"), code=request.union.code, pk=obj.pk)
                obj = self.void_service(obj=obj, reason=reason[:200])
                messages.success(
                    request, f"已作废{self.verbose_name}：{obj}。作废的记录不计入统计，可随时恢复。"
                )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return detail
