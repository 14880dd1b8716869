"""A record type's template (the roster's too): the header, dropdowns for fixed vocabularies
(and for the union's own names, such as its branches), ID and phone columns formatted as text
so Excel keeps every digit, and a sheet of instructions. Every cell through the safe writer."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbook.exporters.base import Kind, write_cell

from .reader import limits
from .spec import BOOL, DATE, RecordType

NOTES_SHEET = "填写说明"
VALUES_SHEET = "可选值"
DROPDOWN_ROWS = 5000
_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")

GENERAL_NOTES = (
    "第一行是表头，从第2行起填写；不需要的列可以删除，列的顺序可以调整。各列的示例见下表。",
    "也可以直接上传本会自己的台账：预览时按列名推荐对应关系，确认一次后系统会记住。",
    "“合计”“小计”行、表尾的“制表人”“审核人”行和空行会自动跳过。",
    "日期可以是 Excel 日期，也可以写成 2024-01-05、2024/1/5、2024.1.5 或 20240105。",
    "请不要使用公式；如从其他表格复制，请用“选择性粘贴 → 数值”。",
    "导入前会先预览：有错误的行会列出行号与原因；有任何错误时不会写入任何数据。",
)


def _put(ws: Worksheet, row: int, column: int, value: object, *, as_text: bool = False) -> Cell:
    return write_cell(ws.cell(row=row, column=column), value, kind=Kind.CODE if as_text else Kind.TEXT)


def build_template(record_type: RecordType, *, union: Any = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (record_type.template_sheet or record_type.title)[:31]
    notes = workbook.create_sheet(NOTES_SHEET)
    values = workbook.create_sheet(VALUES_SHEET)
    value_column = 0
    for index, column in enumerate(record_type.columns, start=1):
        letter = get_column_letter(index)
        header = _put(sheet, 1, index, column.header)
        header.font = _BOLD
        header.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        if column.note:
            header.comment = Comment(column.note, "工会年报")
        sheet.column_dimensions[letter].width = column.width
        # Column-wide formats, so that what users type later is kept as typed.
        if column.as_text:
            sheet.column_dimensions[letter].number_format = "@"
        elif column.kind == DATE:
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
        # Usually no example row: a row left in would be imported. A type whose rows are
        # recognised as the example (the roster's example ID number) may have one.
        if record_type.template_example_row:
            example = _put(
                sheet, 2, index, record_type.template_example(column, union=union), as_text=column.as_text
            )
            if column.as_text:
                example.number_format = "@"
            elif column.kind == DATE:
                example.number_format = "yyyy-mm-dd"
        allowed = record_type.template_allowed(column, union=union)
        if allowed or column.kind == BOOL:
            allowed = allowed or ["是", "否"]
            value_column += 1
            value_letter = get_column_letter(value_column)
            _put(values, 1, value_column, column.header).font = _BOLD
            for offset, label in enumerate(allowed, start=2):
                _put(values, offset, value_column, label)
            source = f"{quote_sheetname(VALUES_SHEET)}!${value_letter}$2:${value_letter}${len(allowed) + 1}"
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="不是可选值",
                error=f"请从下拉列表中选择{column.header}。",
            )
            validation.add(f"{letter}2:{letter}{DROPDOWN_ROWS}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = record_type.template_freeze
    _write_notes(notes, record_type, union)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_notes(ws: Worksheet, record_type: RecordType, union: Any) -> None:
    bounds = limits(record_type.max_rows_setting)
    for letter, width in zip("ABCDEF", (16, 8, 48, 50, 30, 16), strict=True):
        ws.column_dimensions[letter].width = width
    _put(ws, 1, 1, f"{record_type.title}导入说明").font = Font(bold=True, size=14)
    general = GENERAL_NOTES if record_type.general_notes is None else record_type.general_notes
    lines = [*general, *record_type.template_notes(union=union)]
    lines.append(
        f"每个文件最多 {bounds.max_rows} 行、{settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB；须为 .xlsx 格式。"
    )
    row = 2
    for number, line in enumerate(lines, start=1):
        _put(ws, row, 1, f"{number}. {line}")
        row += 1
    row += 1
    for index, title in enumerate(("列名", "必填", "说明", "可填内容", "也可用的列名", "示例"), start=1):
        _put(ws, row, index, title).font = _BOLD
    for column in record_type.columns:
        row += 1
        allowed = record_type.template_allowed(column, union=union)
        content = "日期，如 2024-01-05" if column.kind == DATE else "、".join(allowed or column.allowed)
        texts = (
            column.header,
            "是" if column.required else column.required_text,
            column.note,
            content,
            "、".join(column.aliases),
        )
        for index, text in enumerate(texts, start=1):
            _put(ws, row, index, text).alignment = _WRAP
