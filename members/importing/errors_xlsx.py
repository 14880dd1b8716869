"""The error workbook: every invalid row with its original cells, its row number and what is
wrong, so the user can correct it in Excel and upload it again as it is (the two added
columns are recognised and skipped on upload)."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from workbook.exporters.base import Kind, write_cell

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


def build_errors_workbook(sheet: RosterSheet, plan: ImportPlan) -> bytes:
    """Reads the file's rows again and writes out the invalid ones."""
    problems = {bad.row: bad for bad in plan.invalid}
    headers = sheet.layout.headers
    text_columns = {
        index for index, header in enumerate(headers) if (column := column_for(header)) and column.as_text
    }

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("错误行")
    ws.freeze_panes = "A2"
    for index in range(len(headers)):
        ws.column_dimensions[get_column_letter(index + 1)].width = 22 if index in text_columns else 14
    ws.column_dimensions[get_column_letter(len(headers) + 1)].width = 8
    ws.column_dimensions[get_column_letter(len(headers) + 2)].width = 60

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
        row = [_cell(ws, value, as_text=index in text_columns) for index, value in enumerate(values)]
        message = _cell(ws, "；".join(f"{column}：{text}" for column, text in bad.problems))
        message.alignment = _WRAP
        ws.append([*row, _cell(ws, number), message])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
