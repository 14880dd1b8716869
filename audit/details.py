"""How a logged value reads: labels for event details, and Chinese forms of any value.

Field changes take their label from the model field (verbose_name). Events written with
`log_event` carry details that are not fields ("year", "sheets"); each app registers a
`Detail` for its keys in its AppConfig.ready(), so the log never shows an internal key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.template.defaultfilters import filesizeformat

from records.display import moment, parse_moment_text

EMPTY = "（空）"


@dataclass(frozen=True)
class Detail:
    label: str
    show: Callable[[Any], str] | None = None


DETAILS: dict[str, Detail] = {}


def register_details(details: dict[str, Detail]) -> None:
    DETAILS.update(details)


def readable(value: Any) -> str:
    """Any stored value in Chinese: 是/否, local moments, amounts with separators, lists joined
    with 、 and mappings as 键：值 (never a Python repr)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)  # years, counts and record numbers read best without separators
    if isinstance(value, (float, Decimal)):
        return number(value)
    if isinstance(value, dict):
        if not value:
            return EMPTY
        return "，".join(f"{k}：{readable(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return "、".join(readable(v) for v in value) if value else EMPTY
    if isinstance(value, str):
        return moment(value) if parse_moment_text(value) is not None else value
    return moment(value) if hasattr(value, "year") else str(value)


def number(value: Any) -> str:
    """A figure with thousands separators, trailing zeros dropped: 12345.50 -> 12,345.5."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{amount:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- formatters apps use for their details ---------------------------------------------


def rows_per_sheet(value: Any) -> str:
    """{"统计指标": 97, "会员": 300} -> 统计指标 97 行、会员 300 行."""
    if not isinstance(value, dict) or not value:
        return readable(value)
    return "、".join(f"{name} {readable(rows)} 行" for name, rows in value.items())


def counted(unit: str) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        return f"{readable(value)} {unit}" if isinstance(value, (int, Decimal)) else readable(value)

    return show


def numbered(what: str) -> Callable[[Any], str]:
    return lambda value: f"{what}第 {value} 号" if value not in (None, "") else EMPTY


def year(value: Any) -> str:
    return f"{value}年" if value not in (None, "") else EMPTY


def file_size(value: Any) -> str:
    return str(filesizeformat(value)) if isinstance(value, int) else readable(value)


def yes_no(yes: str, no: str) -> Callable[[Any], str]:
    return lambda value: yes if value else no


def amount(value: Any) -> str:
    return f"{number(value)}元" if value not in (None, "") else EMPTY
