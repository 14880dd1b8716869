"""Codes a union files under: the 统一社会信用代码 (GB 32100-2015) of its organisation and the
administrative area code (GB/T 2260: 6 digits, or 12 with the township and village parts)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# GB 32100-2015: 31 characters, I O Z S V left out (they read like digits or each other).
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_SHAPE = re.compile(rf"^[{CREDIT_CODE_CHARS}]{{2}}[0-9]{{6}}[{CREDIT_CODE_CHARS}]{{10}}$")
_AREA = re.compile(r"^(?:[0-9]{6}|[0-9]{12})$")
_STAT_CODE = re.compile(r"^[0-9A-Z]{6,20}$")


def credit_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 for its first 17."""
    total = sum(CREDIT_CODE_CHARS.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def normalize_code(raw: str) -> str:
    """As typed, without spaces or dashes, letters in capitals."""
    return re.sub(r"[\s\-－—]", "", raw or "").upper()


def validate_credit_code(value: str) -> None:
    if not value:
        return
    if len(value) != 18:
        raise ValidationError(f"统一社会信用代码应为18位，现为{len(value)}位。", code="credit_length")
    if not _CREDIT_SHAPE.match(value):
        raise ValidationError(
            "统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V），第3至8位为行政区划代码。",
            code="credit_chars",
        )
    if credit_check_char(value[:17]) != value[17]:
        raise ValidationError("统一社会信用代码的校验位不对，请核对营业执照或登记证书。", code="credit_check")


def validate_area_code(value: str) -> None:
    if value and not _AREA.match(value):
        raise ValidationError("行政区划代码应为6位或12位数字。", code="area_code")


def validate_stat_code(value: str) -> None:
    if value and not _STAT_CODE.match(value):
        raise ValidationError("基层工会统计编码应为6至20位数字或大写字母。", code="stat_code")
