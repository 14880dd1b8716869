"""Reading one spreadsheet cell into a value, with a Chinese message when it cannot be: the
one cell layer of every import (the roster and every other record type).

Each parser receives a non-blank cell value as openpyxl gives it (str already stripped,
int, float, bool, datetime) and returns the Python value or raises `CellError`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from members import id_numbers
from members.phones import normalize_phone, validate_phone
from records import dates

Parser = Callable[[Any], Any]

# What Excel shows in a cell whose formula failed; imported as text they would become
# names like "#N/A", so they are refused.
EXCEL_ERROR_VALUES = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"})

FORMULA_MESSAGE = "单元格中是公式。请在 Excel 中复制后用“选择性粘贴 → 数值”替换公式，再导入。"


def pure(parse: Parser) -> Parser:
    """Marks a parser whose answer (value or message) depends on the cell's value alone and
    whose values are immutable: a plan may then parse a value that repeats down a column once
    (imports.plan). Parsers of this module are pure unless they return lists."""
    parse.pure = True  # type: ignore[attr-defined]
    return parse


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def as_text(value: Any) -> str:
    """A cell as text; whole numbers typed into text columns lose their '.0'."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d}" if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _fold(value: str) -> str:
    # Full-width digits and letters (１２３Ｘ) are common when typed with a Chinese IME.
    return unicodedata.normalize("NFKC", value).strip().lstrip("'").strip()


def text(max_length: int | None = None) -> Parser:
    def parse(value: Any) -> str:
        result = as_text(value).strip()
        if max_length is not None and len(result) > max_length:
            raise CellError(f"内容过长：最多{max_length}个字，当前{len(result)}个字。")
        return result

    return pure(parse)


@pure
def id_number(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(
            "身份证号被 Excel 存成了数字，末几位已经丢失（Excel 只保留15位有效数字）。"
            "请把“身份证号”列设为“文本”格式，再重新录入该号码。"
        )
    return id_numbers.normalize(_fold(as_text(value)))


@pure
def phone(value: Any) -> str:
    number = normalize_phone(_fold(as_text(value))).replace("－", "-")
    try:
        validate_phone(number)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from None
    return number


def choice(choices: Iterable[tuple[str, Any]], aliases: Mapping[str, str] | None = None) -> Parser:
    """Accept the Chinese label (中共党员), the stored value (cpc) or a common alias (党员)."""
    pairs = [(str(value), str(label)) for value, label in choices]
    lookup = {label: value for value, label in pairs}
    lookup.update({value.lower(): value for value, _ in pairs})
    lookup.update(aliases or {})
    allowed = "、".join(label for _, label in pairs)

    def parse(raw: Any) -> str:
        exact = lookup.get(raw) if isinstance(raw, str) else None
        if exact is not None:  # the usual case: the label exactly as the template offers it
            return exact
        key = _fold(as_text(raw)).replace(" ", "")
        found = lookup.get(key) or lookup.get(key.lower())
        if found is None:
            raise CellError(f"“{as_text(raw)}”不是可选值，可填：{allowed}。")
        return found

    return pure(parse)


def labels_of(choices: type[models.Choices] | Iterable[tuple[str, Any]]) -> list[str]:
    items = choices.choices if isinstance(choices, type) else choices
    return [str(label) for _, label in items]


_YES = frozenset({"是", "y", "yes", "true", "1", "√", "是的"})
_NO = frozenset({"否", "n", "no", "false", "0", "×", "不是"})


@pure
def yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = _fold(as_text(value)).lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(f"“{as_text(value)}”无法识别，请填写“是”或“否”。")


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


@pure
def date(value: Any) -> dt.date:
    """Real Excel dates, or text like 2020-01-05, 2020/1/5, 2020.1.5, 2020年1月5日, 20200105."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            match = _DATE_DIGITS.match(str(int(value)))
            if match:
                return _make_date(*match.groups(), raw=value)
        raise CellError(f"“{as_text(value)}”不是日期。请填写如 2020-01-05 的日期，或设为 Excel 日期格式。")
    raw = _fold(as_text(value))
    raw = _TIME_SUFFIX.sub("", raw)  # "2020-01-05 00:00:00" from text exports
    match = _DATE_TEXT.match(raw) or _DATE_DIGITS.match(raw)
    if not match:
        raise CellError(f"“{as_text(value)}”不是可识别的日期，请填写如 2020-01-05 的日期。")
    return _make_date(*match.groups(), raw=value)


def _make_date(year: str, month: str, day: str, *, raw: Any) -> dt.date:
    try:
        result = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(f"“{as_text(raw)}”不是有效日期（月份或日期超出范围）。") from None
    message = dates.refusal(result)
    if message:
        raise CellError(f"“{as_text(raw)}”：{message}")
    return result


# --- money, counts, percentages, lists of names -------------------------------------

CENT = Decimal("0.01")
MAX_MONEY = Decimal("9999999999.99")  # MoneyField: 12 digits, 2 decimals
_MONEY_NOISE = re.compile(r"[,，\s¥￥]|元$|人民币")
_NAME_SPLIT = re.compile(r"[、,，;；/\n\r\t]+|\s{1,}")


def _plain(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _decimal(value: Any, what: str) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"“{as_text(value)}”不是{what}。")
    if isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, int):
        result = Decimal(value)
    else:
        raw = _MONEY_NOISE.sub("", _plain(as_text(value)))
        try:
            result = Decimal(raw)
        except InvalidOperation:
            raise CellError(f"“{as_text(value)}”不是{what}，请填写数字，如 1200 或 1200.50。") from None
    if not result.is_finite():
        raise CellError(f"“{as_text(value)}”不是{what}。")
    return result


@pure
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


@pure
def count(value: Any) -> int:
    """A whole number of people, cases or rounds: 12, '12', '12人', '12人次'."""
    if isinstance(value, str):
        value = re.sub(r"(人次|人|件次|件|次|户|名|个)$", "", _plain(value))
    number = _decimal(value, "整数")
    if number != number.to_integral_value():
        raise CellError(f"“{as_text(value)}”不是整数。")
    if number < 0:
        raise CellError(f"人数或次数不能为负数（{as_text(value)}）。")
    if number > 10_000_000:
        raise CellError(f"数字过大（{as_text(value)}）。")
    return int(number)


@pure
def percent(value: Any) -> Decimal:
    """A percentage: 5, 5.5, '5.5%'; a real Excel percentage (0.055 shown as 5.5%) too."""
    if isinstance(value, float) and 0 < value < 1:
        value = value * 100  # a cell formatted as % holds the fraction
    if isinstance(value, str):
        value = _plain(value).removesuffix("%").removesuffix("％")
    number = _decimal(value, "百分比").quantize(CENT, ROUND_HALF_UP)
    return number


def names(value: Any) -> list[str]:
    """A list of people as ledgers write them: 王芳、李强，张伟 (or one per line)."""
    items = [item.strip() for item in _NAME_SPLIT.split(_plain(as_text(value)))]
    return [item for item in items if item]
