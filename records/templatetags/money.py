from __future__ import annotations

from decimal import Decimal

from django import template

from records.money import format_amount, format_wan, format_yuan

register = template.Library()


@register.filter
def yuan(amount: Decimal | None) -> str:
    return format_yuan(amount)


@register.filter
def wan(amount: Decimal | None) -> str:
    return format_wan(amount)


@register.filter
def amount(value: Decimal | None) -> str:
    return format_amount(value)
