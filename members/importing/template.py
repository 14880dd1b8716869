"""The roster template: a header row and an example row, dropdowns for the fixed
vocabularies, ID and phone columns formatted as text, and a sheet of instructions."""

from __future__ import annotations

import io

from django.conf import settings
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from unions.models import Union
from workbook.exporters.base import Kind, write_cell

from .columns import BOOL, CHOICE, COLUMNS, DATE, EXAMPLE_ID_NUMBER, Column
from .reader import Limits

ROSTER_SHEET = "会员花名册"
NOTES_SHEET = "填写说明"
VALUES_SHEET = "可选值"
DROPDOWN_ROWS = 5000  # dropdowns cover the first rows; Excel copies them down with the cells

_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")

GENERAL_NOTES = (
    "1. 第一行是表头，请不要修改列名；不需要的列可以删除，列的顺序可以调整。第2行是示例，导入前请删除。",
    "2. 按“身份证号”匹配本工会已有会员：已有的会员更新为表中填写的内容，没有的会员新增。",
    "3. 更新已有会员时，空白单元格不会清除系统中已有的内容；只有填写了内容的单元格才会修改。",
    "4. “身份证号”“手机”“会员证号”列是文本格式，请不要改成数值，否则 Excel 会丢失身份证号的末几位。",
    "5. 日期可以是 Excel 日期，也可以写成 2020-01-05、2020/1/5、2020.1.5 或 20200105。",
    "6. 分会须是系统中已有的分会名称，导入不会自动新建分会。",
    "7. 请不要使用公式；如从其他表格复制，请用“选择性粘贴 → 数值”。",
    "8. 导入前会先预览：新增、更新和有错误的行（含行号与原因）会分别列出，确认后才写入；有错误时不会写入任何数据。",
)


def _allowed(column: Column, branch_names: list[str]) -> list[str]:
    if column.field == "branch":
        return branch_names
    return list(column.allowed)


def build_template(*, union: Union) -> bytes:
    branch_names = list(union.branches.filter(is_active=True).order_by("name").values_list("name", flat=True))
    workbook = Workbook()
    roster = workbook.active
    roster.title = ROSTER_SHEET
    notes = workbook.create_sheet(NOTES_SHEET)
    values = workbook.create_sheet(VALUES_SHEET)

    value_column = 0
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        header = _put(roster, 1, index, column.header)
        header.font = _BOLD
        header.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        if column.note:
            header.comment = Comment(column.note, "工会年报")
        roster.column_dimensions[letter].width = column.width
        example = _put(roster, 2, index, _example(column, branch_names), as_text=column.as_text)
        # Column-wide formats so that what users type later is kept as typed.
        if column.as_text:
            roster.column_dimensions[letter].number_format = "@"
            example.number_format = "@"
        elif column.kind == DATE:
            roster.column_dimensions[letter].number_format = "yyyy-mm-dd"
            example.number_format = "yyyy-mm-dd"

        allowed = _allowed(column, branch_names)
        if column.kind in (CHOICE, BOOL) or (column.field == "branch" and allowed):
            value_column += 1
            value_letter = get_column_letter(value_column)
            _put(values, 1, value_column, column.header).font = _BOLD
            for offset, label in enumerate(allowed, start=2):
                _put(values, offset, value_column, label)  # a branch named "=..." stays text
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
            roster.add_data_validation(validation)
    roster.freeze_panes = "C2"

    _write_notes(notes, branch_names)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _put(ws: Worksheet, row: int, column: int, value: object, *, as_text: bool = False) -> Cell:
    """Every cell of the template is written through the exporters' safe cell writer."""
    return write_cell(ws.cell(row=row, column=column), value, kind=Kind.CODE if as_text else Kind.TEXT)


def _example(column: Column, branch_names: list[str]) -> object:
    if column.field == "id_number":
        return EXAMPLE_ID_NUMBER
    if column.field == "branch":
        return branch_names[0] if branch_names else None
    return column.example


def _write_notes(ws: Worksheet, branch_names: list[str]) -> None:
    limits = Limits.from_settings()
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 8
    ws.column_dimensions["C"].width = 48
    ws.column_dimensions["D"].width = 60
    ws.column_dimensions["E"].width = 30
    _put(ws, 1, 1, "会员花名册导入说明").font = Font(bold=True, size=14)
    row = 2
    for line in (
        *GENERAL_NOTES,
        f"9. 每个文件最多 {limits.max_rows} 行、{settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB；须为 .xlsx 格式。",
    ):
        _put(ws, row, 1, line)
        row += 1
    row += 1
    for index, title in enumerate(("列名", "必填", "说明", "可填内容", "也可用的列名"), start=1):
        _put(ws, row, index, title).font = _BOLD
    for column in COLUMNS:
        row += 1
        allowed = _allowed(column, branch_names)
        required = "是" if column.required else ("新会员必填" if column.field == "joined_on" else "")
        if column.kind == DATE:
            content = "日期，如 2020-01-05"
        elif column.field == "branch":
            content = "、".join(allowed) if allowed else "（本工会尚未设置分会，请留空）"
        else:
            content = "、".join(allowed)
        for index, text in enumerate(
            (column.header, required, column.note, content, "、".join(column.aliases)), start=1
        ):
            _put(ws, row, index, text).alignment = _WRAP
