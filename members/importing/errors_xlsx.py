"""The error workbook: every invalid row with its original cells, its row number and what is
wrong, so the user can correct it in Excel and upload it again as it is (the two added
columns are recognised and skipped on upload).

For a user without full-ID rights the file follows the preview's policy (members.privacy):
ID numbers masked wherever they appear, birth dates left blank (the import reads them from
the ID number), and a first row saying so; the header search skips that row on upload."""

from __future__ import annotations

import io
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from records.spooled_xlsx import PrivateWorkbook
from workbook.exporters.base import Kind, write_cell

from ..id_numbers import mask
from ..privacy import scrub_ids
from .cells import as_text
from .columns import column_for
from .plan import ImportPlan
from .reader import RosterSheet

ROW_HEADER = "原行号"
ERROR_HEADER = "错误说明"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(ws: Any, value: Any, *, as_text: bool = False) -> WriteOnlyCell:
    # Written back as the text it was (formulas included), never as a live formula.
    return write_cell(WriteOnlyCell(ws), value, kind=Kind.CODE if as_text else Kind.TEXT)


MASKED_NOTE = (
    "说明：您的角色不能查看完整身份证号，本文件中的身份证号已脱敏（只保留末4位），出生日期已隐藏。"
    "请按原始资料重新填写完整的身份证号后再上传；出生日期可留空，按身份证号自动识别。"
)


def _hide_identity(values: tuple[Any, ...], id_index: int | None, birth_index: int | None) -> list[Any]:
    hidden: list[Any] = []
    for index, value in enumerate(values):
        if index == birth_index:
            value = None
        elif index == id_index and value is not None:
            value = mask(as_text(value))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            # An ID number typed into any other cell (notes, an extra column) is masked too.
            value = scrub_ids(value)
        hidden.append(value)
    return hidden


def build_errors_workbook(sheet: RosterSheet, plan: ImportPlan, *, full_ids: bool = False) -> bytes:
    """Reads the file's rows again and writes out the invalid ones; `full_ids` for a user
    who may see full ID numbers, else masked as the module docstring says."""
    problems = {bad.row: bad for bad in plan.invalid}
    headers = sheet.layout.headers
    id_index = sheet.layout.index_of.get("id_number")
    birth_index = sheet.layout.index_of.get("birth_date")
    text_columns = {
        index for index, header in enumerate(headers) if (column := column_for(header)) and column.as_text
    }

    workbook = PrivateWorkbook()  # spools to our private temp dir, not /tmp
    ws = workbook.create_sheet("错误行")
    ws.freeze_panes = "A2"
    for index in range(len(headers)):
        ws.column_dimensions[get_column_letter(index + 1)].width = 22 if index in text_columns else 14
    ws.column_dimensions[get_column_letter(len(headers) + 1)].width = 8
    ws.column_dimensions[get_column_letter(len(headers) + 2)].width = 60

    if not full_ids:
        ws.append([_cell(ws, MASKED_NOTE)])
    header_cells = []
    for header in [*headers, ROW_HEADER, ERROR_HEADER]:
        cell = _cell(ws, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        header_cells.append(cell)
    ws.append(header_cells)

    for number, values in sheet.rows():
        bad = problems.get(number)
        if bad is None:
            continue
        if not full_ids:
            values = _hide_identity(values, id_index, birth_index)
        row = [_cell(ws, value, as_text=index in text_columns) for index, value in enumerate(values)]
        message_text = "；".join(f"{column}：{text}" for column, text in bad.problems)
        message = _cell(ws, message_text if full_ids else scrub_ids(message_text))
        message.alignment = _WRAP
        ws.append([*row, _cell(ws, number), message])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
