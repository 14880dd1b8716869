"""records.xlsx_cells reads every cell exactly as openpyxl's own parser does."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from openpyxl.reader.strings import read_string_table
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.worksheet._reader import WorkSheetParser

from records.xlsx_cells import FastCellParser

SHEET_XML = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c><c r="C1"><v>1.5E3</v></c>
<c r="D1" s="1"><v>45000</v></c><c r="E1" s="1"><v>45000.5</v></c><c r="F1" s="2"><v>0.25</v></c>
<c r="AA1" t="str"><v>文字</v></c><c r="AB1" t="b"><v>1</v></c><c r="AC1" t="e"><v>#N/A</v></c>
<c r="AD1"><f>SUM(B1:C1)</f><v>1542</v></c><c r="AE1" t="inlineStr"><is><t>行内</t></is></c>
<c r="AF1" s="1"><v>99999999</v></c><c r="AG1"/><c r="AH1" t="s"/><c r="AI1"><v>-0.001</v></c>
<c r="AJ1" t="d"><v>2024-01-05T00:00:00</v></c></row>
<row><c t="s"><v>1</v></c><c><v>7</v></c><c r="XFD2"><v>3</v></c></row>
<row r="5"><c r="B5" s="3"><v>1.25</v></c></row>
</sheetData></worksheet>"""


def parse_all(parser_class: type[WorkSheetParser]) -> list:
    parser = parser_class(
        io.BytesIO(SHEET_XML.encode()),
        ["王芳", "李强"],
        data_only=False,
        date_formats={1, 3},
        timedelta_formats={3},
    )
    return list(parser.parse())


@pytest.mark.filterwarnings("ignore:Cell AF1 is marked as a date")
def test_every_kind_of_cell_reads_the_same_as_openpyxl():
    ours, theirs = parse_all(FastCellParser), parse_all(WorkSheetParser)
    assert ours == theirs
    first = {cell["column"]: cell["value"] for cell in ours[0][1]}
    assert first[1] == "王芳" and first[2] == 42 and first[3] == 1500.0
    assert first[4] == dt.datetime(2023, 3, 15) and first[27] == "文字" and first[30] == "=SUM(B1:C1)"
    assert ours[1][1][2]["column"] == 16384  # XFD


def test_a_real_workbook_reads_the_same():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["姓名", 1, 2.5, dt.date(2024, 2, 5), dt.datetime(2024, 2, 5, 8, 30), True, "=A1", None, "x"]
    )
    sheet.append(["  空格 ", 10**15, -3, dt.time(8, 30), "#N/A", "", 0.1])
    sheet["C2"].number_format = BUILTIN_FORMATS[10]  # 0.00%
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
        names = archive.namelist()
        shared = (
            read_string_table(archive.open("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
        )
    loaded = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    kwargs = dict(
        data_only=False,
        date_formats=loaded._date_formats,
        timedelta_formats=loaded._timedelta_formats,
    )
    ours = list(FastCellParser(io.BytesIO(xml), shared, **kwargs).parse())
    theirs = list(WorkSheetParser(io.BytesIO(xml), shared, **kwargs).parse())
    assert ours == theirs and len(ours) == 2
