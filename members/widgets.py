"""Member pickers for record forms: type a name, phone or ID tail, pick from the matches.

A roster may hold 50,000 members, so the choices are never all sent to the browser;
static/js/member-picker.js asks `members:lookup` as the user types.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from .lookup import label
from .models import Member


class MemberPicker(forms.Widget):
    template_name = "members/widgets/member_picker.html"
    allow_multiple_selected = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.lookup_url = ""

    def format_value(self, value: Any) -> list[str]:
        if value in (None, "", []):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        ids = [int(v) for v in self.format_value(value) if str(v).isdigit()]
        members = Member.objects.filter(pk__in=ids).select_related("branch") if ids else []
        context["widget"].update(
            {
                "selected": [{"id": m.pk, "label": label(m)} for m in members],
                "lookup_url": self.lookup_url,
                "multiple": self.allow_multiple_selected,
            }
        )
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.allow_multiple_selected:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)


class MultipleMemberPicker(MemberPicker):
    allow_multiple_selected = True


def attach_lookup(field: forms.Field, union_code: str) -> None:
    """Point a picker at its union's lookup URL (the form knows the union, the widget not)."""
    if isinstance(field.widget, MemberPicker):
        field.widget.lookup_url = reverse("members:lookup", args=[union_code])
