"""The error workbook of every import: each invalid (or unresolved) row with its original
cells, its row number and what is wrong, to correct in Excel and upload again as it is (the
two added columns are skipped on upload, and so is the note row above the header).

Without full-ID rights the file follows the preview's policy (members.privacy): ID numbers
masked wherever they appear, the columns a type hides when masking (the roster's birth date,
read again from the ID number) left blank, and a first row saying so."""

from __future__ import annotations

import io
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from members.id_numbers import mask
from members.privacy import scrub_ids
from records.spooled_xlsx import PrivateWorkbook
from workbook.exporters.base import Kind, write_cell

from .cells import as_text
from .plan import Plan
from .reader import LedgerSheet

ROW_HEADER = "原行号"
ERROR_HEADER = "错误说明"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(ws: Any, value: Any, *, as_text_: bool = False) -> WriteOnlyCell:
    # Written back as the text it was (formulas included), never as a live formula.
    return write_cell(WriteOnlyCell(ws), value, kind=Kind.CODE if as_text_ else Kind.TEXT)


def build_errors_workbook(sheet: LedgerSheet, plan: Plan, *, full_ids: bool = False) -> bytes:
    problems: dict[int, str] = {
        bad.row: "；".join(f"{c}：{m}" for c, m in bad.problems) for bad in plan.invalid
    }
    for item in plan.pending:
        asked = "；".join(question for _, question, _ in item.built.keyed_questions(item.row))
        problems[item.row] = f"待确认：{asked}"
    layout = sheet.layout
    text_columns = {index for index, key in layout.mapping.items() if plan.record_type.column(key).as_text}
    id_columns = {index for index, key in layout.mapping.items() if plan.record_type.column(key).personal}
    hidden = {
        index for index, key in layout.mapping.items() if plan.record_type.column(key).hidden_when_masked
    }
    workbook = PrivateWorkbook()  # spools to our private temp dir, not /tmp
    ws = workbook.create_sheet("错误行")
    ws.freeze_panes = "A2"
    for index in range(layout.width):
        ws.column_dimensions[get_column_letter(index + 1)].width = 22 if index in text_columns else 14
    ws.column_dimensions[get_column_letter(layout.width + 1)].width = 8
    ws.column_dimensions[get_column_letter(layout.width + 2)].width = 60
    if not full_ids:
        ws.append([_cell(ws, plan.record_type.masked_note(bool(hidden)))])
    header_cells = []
    for header in [*layout.headers, ROW_HEADER, ERROR_HEADER]:
        cell = _cell(ws, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        header_cells.append(cell)
    ws.append(header_cells)
    for number, values in sheet.rows():
        message = problems.get(number)
        if message is None:
            continue
        row = []
        for index, value in enumerate(values[: layout.width]):
            if not full_ids and value is not None:
                if index in hidden:
                    value = None
                elif index in id_columns:
                    value = mask(as_text(value))
                elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
                    value = scrub_ids(value)
            row.append(_cell(ws, value, as_text_=index in text_columns))
        row += [None] * (layout.width - len(row))
        note = _cell(ws, message if full_ids else scrub_ids(message))
        note.alignment = _WRAP
        ws.append([*row, _cell(ws, number), note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
