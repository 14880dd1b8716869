"""The page where a leader sets the union's red header and a draft's 发文字号."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render

from records.forms import DateInput
from records.text import CleanTextFormMixin
from unions.permissions import Perm, UnionRequest, union_view

from .models import OfficialNumber, OfficialStyle
from .official import MISSING_NUMBER
from .views import _report


class OfficialStyleForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = OfficialStyle
        fields = ["enabled", "authority", "code_prefix", "copies_to", "issuer"]
        error_messages = {
            "authority": {"required": "请填写发文机关标志，如：青山县总工会文件。"},
            "code_prefix": {"required": "请填写发文机关代字，如：青工。"},
        }


class OfficialNumberForm(CleanTextFormMixin, forms.ModelForm):
    """Optional: without a serial the report has no 发文字号 (and the PDF says so)."""

    class Meta:
        model = OfficialNumber
        fields = ["year", "serial", "issued_on"]
        widgets = {"issued_on": DateInput()}
        error_messages = {
            "serial": {"min_value": "发文序号从1开始。", "max_value": "发文序号不能超过99999。"},
            "year": {"min_value": "发文年份不合理。", "max_value": "发文年份不合理。"},
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = False

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean()
        if data.get("serial") and not data.get("year"):
            self.add_error("year", "请填写发文年份。")
        return data


@union_view(Perm.APPROVE)
def official_edit(request: UnionRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    style = OfficialStyle.objects.filter(union=request.union).first() or OfficialStyle(union=request.union)
    number = OfficialNumber.objects.filter(report=report).first()
    initial_year = (report.signed_on or report.period.end).year
    style_form = OfficialStyleForm(request.POST or None, instance=style)
    number_form = OfficialNumberForm(
        request.POST or None, instance=number or OfficialNumber(report=report), initial={"year": initial_year}
    )
    editable = not report.is_final
    if request.method == "POST" and editable and style_form.is_valid() and number_form.is_valid():
        with transaction.atomic():
            style_form.save()
            if number_form.cleaned_data.get("serial"):
                number_form.save()
            elif number is not None:
                number.delete()
        messages.success(request, "红头文件格式已保存。")
        return redirect("reports:edit", code=request.union.code, pk=report.pk)
    if request.method == "POST" and not editable:
        messages.error(request, "总结已定稿，发文字号随定稿冻结；请基于定稿新建草稿后再修改。")
    return render(
        request,
        "reports/official_edit.html",
        {
            "report": report,
            "style_form": style_form,
            "number_form": number_form,
            "editable": editable,
            "missing": MISSING_NUMBER,
        },
    )
