"""The hardship file's own pages beyond the generic record views: its form with the family
members on the same page and the suggested category, and taking the suggestion on the file's
page. The suggestion is offered, never applied by itself: the clerk clicks to take it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import services
from .archive_models import ARCHIVE_FIELDS, INCOME_SOURCE_FIELDS
from .category_suggestion import CategorySuggestion, suggestion_for_file
from .choices import HardshipCategory
from .hardship_forms import BaseFamilyFormSet, HardshipFileForm, family_formset
from .models import HardshipFile
from .viewset import GuardedViewSet, error_text

SUGGEST, ACCEPT = "suggest", "accept"
INCOME_SOURCE_LABELS = {str(HardshipFile._meta.get_field(n).verbose_name) for n in INCOME_SOURCE_FIELDS}
ARCHIVE_LABELS = {str(HardshipFile._meta.get_field(n).verbose_name) for n in ARCHIVE_FIELDS}
AFTER_LABEL = str(HardshipFile._meta.get_field("local_minimum_living_line").verbose_name)


def _show_error(form: HardshipFileForm, exc: ValidationError) -> None:
    try:
        form.add_error(None, exc)  # a field's error next to the field
    except ValueError:  # a field the form does not have
        form.add_error(None, exc.messages)


def save_hardship(
    *, request: UnionRequest, form: HardshipFileForm, formset: BaseFamilyFormSet
) -> HardshipFile:
    names = [n for n in services.HARDSHIP_FIELDS if n != "member"]
    fields = {name: form.cleaned_data[name] for name in names}
    family = formset.rows()
    if form.instance.pk:
        return services.hardship_file_update(file=form.instance, family=family, **fields)
    return services.hardship_file_create(
        union=request.union, member=form.cleaned_data["member"], family=family, **fields
    )


@dataclass
class HardshipViewSet(GuardedViewSet):
    form_template: str = "welfare/hardship_form.html"

    def create_view(self, request: UnionRequest) -> HttpResponse:
        return self._form_page(request, None)

    def edit_view(self, request: UnionRequest, pk: int) -> HttpResponse:
        obj = get_for_union(self.base_queryset(request), request, pk)
        if not self.editable(obj):
            messages.error(request, f"该{self.verbose_name}当前状态不允许修改。")
            return redirect(self.url_name("detail"), code=request.union.code, pk=obj.pk)
        return self._form_page(request, obj)

    def _forms(self, request: UnionRequest, obj: HardshipFile | None, data: Any) -> tuple[Any, Any]:
        form = self.form_class(data, instance=obj, union=request.union)
        return form, family_formset(data, instance=form.instance)

    def _form_page(self, request: UnionRequest, obj: HardshipFile | None) -> HttpResponse:
        data = request.POST if request.method == "POST" else None
        form, formset = self._forms(request, obj, data)
        suggestion: CategorySuggestion | None = suggestion_for_file(obj) if obj and data is None else None
        if data is not None:
            valid = all([form.is_valid(), formset.is_valid()])  # both, so both show their errors
            action = request.POST.get("action", "")
            if valid:
                suggestion = form.suggestion(formset.health_values())
            if action == ACCEPT and suggestion and suggestion.category:
                changed = request.POST.copy()
                changed["category"] = suggestion.category
                form, formset = self._forms(request, obj, changed)
                form.is_valid()
                formset.is_valid()
                label = HardshipCategory(suggestion.category).label
                messages.info(request, f"已采用建议困难类别“{label}”，尚未保存：请核对后点“保存”。")
            elif valid and action not in (SUGGEST, ACCEPT):  # only the save button saves
                try:
                    saved = save_hardship(request=request, form=form, formset=formset)
                except ValidationError as exc:
                    _show_error(form, exc)
                else:
                    messages.success(request, f"已保存{self.verbose_name}：{saved}。")
                    return redirect(self.url_name("detail"), code=request.union.code, pk=saved.pk)
        current = form["category"].value() or ""
        return render(
            request,
            self.form_template,
            {
                "vs": self,
                "form": form,
                "formset": formset,
                "object": obj,
                "suggestion": suggestion,
                "suggestion_differs": bool(suggestion and suggestion.differs_from(current)),
                **self._nav(request),
            },
        )

    def detail_fields(self, obj: Any) -> list[tuple[str, Any]]:
        rows = super().detail_fields(obj)
        if not obj.has_income_sources:  # a file with only a total: no column of zeros
            rows = [(label, value) for label, value in rows if label not in INCOME_SOURCE_LABELS]
        # The archive's facts read after the household's income, not before the member.
        facts = [row for row in rows if row[0] in ARCHIVE_LABELS]
        rest = [row for row in rows if row[0] not in ARCHIVE_LABELS]
        at = next((i + 1 for i, row in enumerate(rest) if row[0] == AFTER_LABEL), len(rest))
        return rest[:at] + facts + rest[at:]


def hardship_suggestion_context(request: UnionRequest, file: HardshipFile) -> dict[str, Any]:
    suggestion = suggestion_for_file(file)
    return {
        "family_members": list(file.family_members.all()),
        "suggestion": suggestion,
        "suggestion_differs": suggestion.differs_from(file.category),
        "can_accept_suggestion": request.access.can(Perm.EDIT) and not file.is_void,
    }


@union_view(Perm.EDIT)
@require_POST
def hardship_accept_category(request: UnionRequest, pk: int) -> HttpResponse:
    """Take the suggested category on the file's page (the page showed which one)."""
    file = get_for_union(HardshipFile.objects.select_related("member"), request, pk)
    detail = redirect("welfare:hardship-detail", code=request.union.code, pk=file.pk)
    suggestion = suggestion_for_file(file)
    if file.is_void:
        messages.error(request, "已作废的档案不能修改。")
    elif not suggestion.category or request.POST.get("category") != suggestion.category:
        messages.error(request, "档案情况已变化，建议类别随之改变，请查看后重试。")
    elif suggestion.category == file.category:
        messages.info(request, "档案已是建议的困难类别。")
    else:
        try:
            services.hardship_file_update(file=file, category=suggestion.category)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, f"已将困难类别改为“{suggestion.label}”。")
    return detail
