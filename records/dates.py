"""The one date policy for every record: a date a person types must be plausible.

Forms, models and imports all ask this module, so a record dated 0001-01-01, 1899 or 9999
cannot be entered by any path (one was approved and paid before). The window runs from 1900
(the oldest birth year a resident ID can carry) to ten years ahead (a contract or a term of
office ends a few years out; nothing a union records happens later than that).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

EARLIEST = dt.date(1900, 1, 1)
YEARS_AHEAD = 10


def latest(today: dt.date | None = None) -> dt.date:
    return dt.date((today or dt.date.today()).year + YEARS_AHEAD, 12, 31)


def refusal(value: dt.date) -> str:
    """The Chinese message for a date outside the window, or "" when it is plausible."""
    last = latest()
    if EARLIEST <= value <= last:
        return ""
    return f"日期{value:%Y-%m-%d}不合理，应在{EARLIEST.year}年1月1日至{last.year}年12月31日之间。"


def validate_plausible_date(value: Any) -> None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        message = refusal(value)
        if message:
            raise ValidationError(message, code="implausible_date")


class PlausibleDates:
    """Model mixin: every date field is checked by `full_clean()` (so by every ModelForm and
    every service that validates before saving), without a validator on each field."""

    def clean_fields(self, exclude: Any = None) -> None:
        errors: dict[str, list[ValidationError]] = {}
        try:
            super().clean_fields(exclude=exclude)  # type: ignore[misc]
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field in self._meta.concrete_fields:  # type: ignore[attr-defined]
            if not isinstance(field, models.DateField) or isinstance(field, models.DateTimeField):
                continue
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            try:
                validate_plausible_date(getattr(self, field.attname))
            except ValidationError as exc:
                errors.setdefault(field.name, []).append(exc)
        if errors:
            raise ValidationError(errors)
