"""Member pickers for record forms: type a name, phone or ID tail, pick from the matches.

A roster may hold 50,000 members, so the choices are never all sent to the browser;
static/js/member-picker.js asks `members:lookup` as the user types.

The chips of a re-rendered form are drawn only from the field's own queryset (the form's
union), never from the submitted ids alone: a crafted POST with another union's ids would
otherwise show those members' names back.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse

from .lookup import label
from .models import Member


class MemberPicker(forms.Widget):
    template_name = "members/widgets/member_picker.html"
    allow_multiple_selected = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.lookup_url = ""
        # Set by the field (ModelChoiceField assigns widget.choices when its queryset is set).
        self.choices: Any = ()

    def format_value(self, value: Any) -> list[str]:
        if value in (None, "", []):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        ids = [int(v) for v in self.format_value(value) if str(v).isascii() and str(v).isdigit()]
        members = self._allowed().filter(pk__in=ids).select_related("branch") if ids else []
        context["widget"].update(
            {
                "selected": [{"id": m.pk, "label": label(m)} for m in members],
                "lookup_url": self.lookup_url,
                "multiple": self.allow_multiple_selected,
            }
        )
        return context

    def _allowed(self) -> QuerySet[Member]:
        """The members this picker may show: its field's queryset, or none at all."""
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or queryset.model is not Member:
            return Member.objects.none()
        return queryset

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.allow_multiple_selected:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)


class MultipleMemberPicker(MemberPicker):
    allow_multiple_selected = True


def use_member_picker(field: forms.ModelChoiceField, union_code: str) -> None:
    """Give a member field the picker, bound to the field's (union-scoped) queryset and to its
    union's lookup URL (the form knows the union, the widget not)."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    field.widget = MultipleMemberPicker() if multiple else MemberPicker()
    field.widget.choices = field.choices
    field.widget.lookup_url = reverse("members:lookup", args=[union_code])
