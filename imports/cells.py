"""Cell parsers the roster does not need: money, counts, percentages, lists of names.

Same contract as members/importing/cells.py (re-exported here): a non-blank cell value in,
the Python value out, or `CellError` with a Chinese message.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from members.importing.cells import (  # noqa: F401  (one place to import parsers from)
    CellError,
    Parser,
    as_text,
    choice,
    date,
    id_number,
    labels_of,
    text,
    yes_no,
)

CENT = Decimal("0.01")
MAX_MONEY = Decimal("9999999999.99")  # MoneyField: 12 digits, 2 decimals
_MONEY_NOISE = re.compile(r"[,，\s¥￥]|元$|人民币")
_NAME_SPLIT = re.compile(r"[、,，;；/\n\r\t]+|\s{1,}")


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"“{as_text(value)}”不是{what}。")
    if isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, int):
        result = Decimal(value)
    else:
        raw = _MONEY_NOISE.sub("", _fold(as_text(value)))
        try:
            result = Decimal(raw)
        except InvalidOperation:
            raise CellError(f"“{as_text(value)}”不是{what}，请填写数字，如 1200 或 1200.50。") from None
    if not result.is_finite():
        raise CellError(f"“{as_text(value)}”不是{what}。")
    return result


def money(value: Any) -> Decimal:
    """An amount in 元: 1200, 1200.5, '1,200.50', '1200元', '¥1200'; never negative."""
    amount = _decimal(value, "金额")
    if amount < 0:
        raise CellError(f"金额不能为负数（{as_text(value)}）。")
    rounded = amount.quantize(CENT, ROUND_HALF_UP)
    if abs(rounded - amount) > Decimal("0.000001"):
        raise CellError(f"金额最多两位小数（{as_text(value)}）。")
    if rounded > MAX_MONEY:
        raise CellError(f"金额过大（{as_text(value)}）。")
    return rounded


def count(value: Any) -> int:
    """A whole number of people, cases or rounds: 12, '12', '12人', '12人次'."""
    if isinstance(value, str):
        value = re.sub(r"(人次|人|件次|件|次|户|名|个)$", "", _fold(value))
    number = _decimal(value, "整数")
    if number != number.to_integral_value():
        raise CellError(f"“{as_text(value)}”不是整数。")
    if number < 0:
        raise CellError(f"人数或次数不能为负数（{as_text(value)}）。")
    if number > 10_000_000:
        raise CellError(f"数字过大（{as_text(value)}）。")
    return int(number)


def percent(value: Any) -> Decimal:
    """A percentage: 5, 5.5, '5.5%'; a real Excel percentage (0.055 shown as 5.5%) too."""
    if isinstance(value, float) and 0 < value < 1:
        value = value * 100  # a cell formatted as % holds the fraction
    if isinstance(value, str):
        value = _fold(value).removesuffix("%").removesuffix("％")
    number = _decimal(value, "百分比").quantize(CENT, ROUND_HALF_UP)
    return number


def names(value: Any) -> list[str]:
    """A list of people as ledgers write them: 王芳、李强，张伟 (or one per line)."""
    items = [item.strip() for item in _NAME_SPLIT.split(_fold(as_text(value)))]
    return [item for item in items if item]
