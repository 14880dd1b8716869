"""From a spreadsheet row to member field values, or to a Chinese message per bad cell.

Two steps: `parse_row` reads each cell on its own (types, vocabularies, lengths, phone
format); `member_errors` applies the rules across fields that the member form applies,
from members/validation.py, to the values the member will have after the import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..choices import MembershipStatus
from ..validation import identity_errors, lifecycle_errors
from . import cells
from .columns import EXAMPLE_ID_NUMBER
from .gcpause import gc_paused
from .reader import RosterFileError, RosterSheet, SheetLayout

_PLAIN = (int, float, dt.date, dt.time, dt.timedelta)


@dataclass(slots=True)
class ParsedRow:
    number: int  # the spreadsheet's row number
    values: dict[str, Any]  # field -> value, for the cells that were filled and read
    errors: dict[str, str] | None  # field -> message; None when every cell was fine
    name: str  # as typed, to show in the preview
    id_text: str


@dataclass
class ParsedSheet:
    layout: SheetLayout
    rows: list[ParsedRow] = field(default_factory=list)


def parse_row(number: int, values: tuple[Any, ...], layout: SheetLayout) -> ParsedRow:
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}  # most rows have none; kept as None then, to save memory
    for index, column in layout.columns:
        raw = values[index]
        if raw is None:
            continue
        if isinstance(raw, str):
            raw = raw.strip()
            if not raw:
                continue
            if raw[0] == "=":
                errors[column.field] = cells.FORMULA_MESSAGE
                continue
            if raw[0] == "#" and raw in cells.EXCEL_ERROR_VALUES:
                errors[column.field] = f"单元格显示错误值 {raw}，请改为正确的内容。"
                continue
        elif not isinstance(raw, _PLAIN):
            # openpyxl gives array and data-table formulas as objects, not text.
            errors[column.field] = cells.FORMULA_MESSAGE
            continue
        try:
            parsed[column.field] = column.parse(raw)
        except cells.CellError as exc:
            errors[column.field] = exc.message
    if parsed.get("id_number") == EXAMPLE_ID_NUMBER:
        errors["id_number"] = "这是导入模板中的示例行，请删除后再导入。"
    return ParsedRow(
        number=number,
        values=parsed,
        errors=errors or None,
        name=_shown(values, layout.index_of.get("name")),
        id_text=_shown(values, layout.index_of.get("id_number")),
    )


def _shown(values: tuple[Any, ...], index: int | None) -> str:
    value = None if index is None else values[index]
    return "" if value is None else cells.as_text(value).strip()[:60]


def iter_parsed(sheet: RosterSheet) -> Iterator[ParsedRow]:
    layout = sheet.layout
    for number, values in sheet.rows():
        yield parse_row(number, values, layout)


def parse_sheet(sheet: RosterSheet) -> ParsedSheet:
    """Every data row read and checked cell by cell; no database access."""
    with gc_paused():
        result = ParsedSheet(layout=sheet.layout, rows=list(iter_parsed(sheet)))
    if not result.rows:
        raise RosterFileError("文件中只有表头，没有会员数据。")
    return result


def member_errors(values: dict[str, Any], *, is_new: bool, id_ok: bool) -> dict[str, str]:
    """Rules across fields, on the member's values after the import (`values` is updated
    with the birth date and gender read from the ID number, as Member.clean() does)."""
    errors: dict[str, str] = {}
    if id_ok:
        resident, errors = identity_errors(
            values["id_number"], values.get("birth_date"), values.get("gender")
        )
        if resident is not None:
            values["birth_date"] = values.get("birth_date") or resident.birth_date
            values["gender"] = values.get("gender") or resident.gender
    if is_new:
        if not values.get("name"):
            errors["name"] = "新会员须填写姓名。"
        if not values.get("joined_on"):
            errors["joined_on"] = "新会员须填写入会时间。"
    status = values.get("status") or MembershipStatus.ACTIVE
    for name, message in lifecycle_errors(
        status, values.get("status_date"), values.get("joined_on"), values.get("birth_date")
    ).items():
        errors.setdefault(name, message)
    return errors
