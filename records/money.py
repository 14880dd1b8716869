"""Money: one field type, and the ways the summaries write amounts (元, 万元)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models

ZERO = Decimal("0")
TEN_THOUSAND = Decimal("10000")


class MoneyField(models.DecimalField):
    """An amount in 元: never negative, two decimals."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("default", ZERO)
        kwargs.setdefault("validators", [MinValueValidator(ZERO, message="金额不能为负数。")])
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("max_digits", 12), ("decimal_places", 2)):
            if kwargs.get(key) == value:
                kwargs.pop(key)
        kwargs.pop("validators", None)
        return name, path, args, kwargs


def _trim(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_yuan(amount: Decimal | int | None) -> str:
    """Amounts in 元 as the summaries write them: 12345.6 -> '12345.6元', 500.00 -> '500元'."""
    amount = Decimal(amount or 0).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{_trim(amount)}元"


def format_wan(amount: Decimal | int | None, places: int = 2) -> str:
    """Amounts as the summaries write them: 410000 -> '41万元', 36000 -> '3.6万元';
    below 1万 in 元 (8600 -> '8600元'). Trailing zeros are dropped."""
    amount = Decimal(amount or 0)
    if abs(amount) < TEN_THOUSAND:
        return format_yuan(amount)
    wan = (amount / TEN_THOUSAND).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{_trim(wan)}万元"


EXACT_YUAN_BELOW = Decimal("100000")  # below 10万元 a sum 万元 would round is written in exact 元


def format_money(amount: Decimal | int | None) -> str:
    """Money as the seeds write it, the one rule for the summary, the dashboard and the
    workbook pages: exact 元 for ordinary sums (12180元, 93450元); 万元 when that is exact with
    at most two decimals (2.88万元, 41万元); from 10万元 up in 万元 rounded to two decimals
    (34.65万元), where the rounding is under 0.05% of the sum."""
    amount = Decimal(amount or 0)
    if abs(amount) < TEN_THOUSAND:
        return format_yuan(amount)
    wan = amount / TEN_THOUSAND
    if wan == wan.quantize(Decimal("0.01")) or abs(amount) >= EXACT_YUAN_BELOW:
        return format_wan(amount)
    return format_yuan(amount)


def format_amount(amount: Decimal | int | None) -> str:
    """An amount on a page (lists, details): thousands separated, two decimals: 12,345.60.
    The summaries' own wording stays with format_yuan/format_wan."""
    return f"{Decimal(amount or 0).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
