"""`{{ value|moment }}` and `{{ user|person }}`: built into every template (settings)."""

from __future__ import annotations

from typing import Any

from django import template

from records import display

register = template.Library()


@register.filter
def moment(value: Any) -> str:
    return display.moment(value)


@register.filter
def person(user: Any) -> str:
    return display.person_name(user)
