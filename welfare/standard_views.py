"""The union's 慰问标准 pages: everyone in the union reads them; the union's admin sets them,
like its other settings (a clerk would be setting the bar for his own entries)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path

from records.forms import RecordForm
from records.text import CleanTextFormMixin
from records.viewsets import Column
from unions.permissions import Perm, UnionRequest, union_view

from .choices import DisbursementKind
from .living_line import local_living_line, local_living_line_set
from .standard_models import LocalLivingLine, WelfareStandard
from .viewset import GuardedViewSet


class WelfareStandardForm(RecordForm):
    class Meta:
        model = WelfareStandard
        fields = ["kind", "festival", "standard_amount", "yearly_cap", "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "全部类型（仅用于每年上限）"), *DisbursementKind.choices]
        self.fields["festival"].choices = [("", "全部节日"), *self.fields["festival"].choices[1:]]
        self.fields["festival"].help_text = "节日慰问可按节日分别设标准。"
        self.fields["notes"].help_text = "如：省总工会文件文号。"


class StandardViewSet(GuardedViewSet):
    """Read by everyone in the union; written only with Perm.MANAGE_UNION, declared on the URLs."""

    def list_context(self, request: UnionRequest) -> dict[str, Any]:
        return {
            "can_create": request.access.can(Perm.MANAGE_UNION),
            "living_line": local_living_line(union=request.union),
        }

    def urls(self) -> list[URLPattern]:
        p = self.prefix
        setter = union_view(Perm.MANAGE_UNION)
        return [
            path(f"{p}/", union_view(Perm.VIEW)(self.list_view), name=f"{p}-list"),
            path(f"{p}/export.xlsx", union_view(Perm.VIEW)(self.export_view), name=f"{p}-export"),
            path(f"{p}/new/", setter(self.create_view), name=f"{p}-create"),
            path(f"{p}/<int:pk>/", union_view(Perm.VIEW)(self.detail_view), name=f"{p}-detail"),
            path(f"{p}/<int:pk>/edit/", setter(self.edit_view), name=f"{p}-edit"),
            path(f"{p}/<int:pk>/void/", setter(self.void_view), name=f"{p}-void"),
        ]


def _setter_buttons(request: UnionRequest, obj: WelfareStandard) -> dict[str, Any]:
    setter = request.access.can(Perm.MANAGE_UNION)
    return {"can_edit": setter and not obj.is_void, "can_void": setter}


def _amount(value: Any) -> Any:
    return "—" if value is None else value


standards = StandardViewSet(
    model=WelfareStandard,
    form_class=WelfareStandardForm,
    namespace="welfare",
    prefix="standard",
    columns=[
        Column("适用范围", lambda s: s.scope_display, link=True),
        Column("每次标准（元）", lambda s: _amount(s.standard_amount), numeric=True),
        Column("每人每年上限（元）", lambda s: _amount(s.yearly_cap), numeric=True),
        Column("依据/说明", "notes"),
    ],
    ordering=["kind", "festival", "id"],
    list_template="welfare/standard_list.html",
    detail_extra=_setter_buttons,
)


class LivingLineForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = LocalLivingLine
        fields = ["amount", "basis"]


@union_view(Perm.MANAGE_UNION)
def living_line_edit(request: UnionRequest) -> HttpResponse:
    """当地低保标准: one figure per union, the default of new hardship files and reviews."""
    form = LivingLineForm(request.POST or None, instance=local_living_line(union=request.union))
    if request.method == "POST" and form.is_valid():
        setting = local_living_line_set(
            union=request.union, amount=form.cleaned_data["amount"], basis=form.cleaned_data["basis"]
        )
        messages.success(request, f"已保存当地低保标准：{setting}。")
        return redirect("welfare:standard-list", code=request.union.code)
    return render(request, "welfare/living_line_form.html", {"form": form})
