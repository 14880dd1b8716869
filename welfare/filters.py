"""List filters particular to welfare records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from records.display import person_name
from records.filters import Filter
from records.params import id_value
from unions.models import Union


@dataclass
class SubmitterFilter(Filter):
    """Who submitted a record: a to-do's "退回给我的" opens the records of its reader only."""

    param: str = "submitter"
    label: str = "提交人"

    def options(self, union: Union) -> list[tuple[str, str]]:
        users = get_user_model().objects.filter(union_roles__union=union).order_by("first_name", "username")
        return [("", "全部")] + [(str(u.pk), person_name(u)) for u in users]

    def clean(self, value: str, union: Union) -> str | None:
        return value if value == "" or id_value(value) is not None else None

    def apply(self, qs: Any, value: str, union: Union) -> Any:
        user_id = id_value(value)
        return qs.filter(submitted_by_id=user_id) if user_id is not None else qs
