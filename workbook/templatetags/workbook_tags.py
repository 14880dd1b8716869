"""How the workbook pages show an indicator's value: money in 元, counts with their unit."""

from __future__ import annotations

from decimal import Decimal

from django import template

from records.money import format_money, format_yuan

register = template.Library()


@register.filter
def figure(value: int | Decimal, unit: str) -> str:
    """1234 with 人 -> '1,234人'; 1234.5 with 元 -> '1234.5元'."""
    if unit == "元":
        return format_yuan(value)
    return f"{int(value):,}{unit}"


@register.filter
def card_figure(value: int | Decimal, unit: str) -> str:
    """For cards: money as the summaries write it (41万元, 12180元), counts as `figure`."""
    return format_money(value) if unit == "元" else figure(value, unit)


@register.filter
def number(value: int | Decimal, unit: str = "") -> str:
    """The bare number for table cells: money with two decimals, counts with separators."""
    if unit == "元":
        return f"{Decimal(value):,.2f}"
    return f"{int(value):,}"
