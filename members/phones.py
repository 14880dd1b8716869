"""Phone numbers: mainland mobiles (1[3-9] + 9 digits) and landlines (area code + number)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalize_phone(raw: str) -> str:
    value = str(raw).strip().replace(" ", "")
    if value.startswith("+86"):
        value = value[3:]
    return value


def validate_phone(value: str) -> None:
    if value and not (_MOBILE.match(value) or _LANDLINE.match(value)):
        raise ValidationError(
            "手机号码应为11位手机号（如 13812345678）或带区号的座机号（如 0571-87654321）。",
            code="phone",
        )
