"""records.xlsx_cells reads every cell exactly as openpyxl's own parser does."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from openpyxl.reader.strings import read_string_table
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser

from records.xlsx_cells import EntityDeclared, FastCellParser, end_events

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


def read_fast(xml: bytes, shared: list[str], **kwargs: object) -> list:
    """(row number, [(column, value)...]) per row, as records.xlsx_upload reads them."""
    parser = FastCellParser(io.BytesIO(xml), shared, **kwargs)
    rows = []
    for events in end_events(io.BytesIO(xml)):
        for _, element in events:
            if element.tag == ROW_TAG:
                number = parser.row_number(element)
                columns, values = parser.row_cells(element)
                rows.append((number, list(zip(columns, values, strict=True))))
    return rows


def read_openpyxl(xml: bytes, shared: list[str], **kwargs: object) -> list:
    parser = WorkSheetParser(io.BytesIO(xml), shared, **kwargs)
    return [(number, [(c["column"], c["value"]) for c in cells]) for number, cells in parser.parse()]


KINDS = dict(data_only=False, date_formats={1, 3}, timedelta_formats={3})


@pytest.mark.filterwarnings("ignore:Cell AF1 is marked as a date")
@pytest.mark.parametrize("data_only", [False, True])
def test_every_kind_of_cell_reads_the_same_as_openpyxl(data_only):
    kinds = {**KINDS, "data_only": data_only}
    xml = SHEET_XML.encode()
    ours, theirs = read_fast(xml, ["王芳", "李强"], **kinds), read_openpyxl(xml, ["王芳", "李强"], **kinds)
    assert ours == theirs
    first = dict(ours[0][1])
    assert first[1] == "王芳" and first[2] == 42 and first[3] == 1500.0
    assert first[4] == dt.datetime(2023, 3, 15) and first[27] == "文字"
    assert first[30] == (1542 if data_only else "=SUM(B1:C1)")
    assert ours[1][1][2][0] == 16384  # XFD
    assert [number for number, _ in ours] == [1, 2, 5]


@pytest.mark.filterwarnings("ignore:Cell AF1 is marked as a date")
def test_text_outside_the_string_table_comes_out_cleaned():
    xml = SHEET_XML.replace("文字", "文\ufdd0字").replace("行内", "行\U0001fffe内").encode()
    cells = dict(read_fast(xml, ["王芳", "李强"], **KINDS)[0][1])
    assert cells[27] == "文字" and cells[31] == "行内"


def test_an_entity_declaration_is_refused_before_anything_is_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="str"><v>&b;</v></c></row></sheetData></worksheet>'
    )
    with pytest.raises(EntityDeclared):
        read_fast(bomb, [], **KINDS)
    # A DOCTYPE that declares nothing is read (defusedxml lets it through too).
    plain = bomb.replace(b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">', b"")
    assert read_fast(plain.replace(b"&b;", b"x"), [], **KINDS) == [(1, [(1, "x")])]


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
    ours, theirs = read_fast(xml, shared, **kwargs), read_openpyxl(xml, shared, **kwargs)
    assert ours == theirs and len(ours) == 2


@pytest.mark.parametrize("pop", [False, True])
def test_each_end_event_comes_once_and_a_syntax_error_after_those_before_it(pop):
    # Four chunks of elements, then a tag left open: every element before the error is
    # given (once, whether the caller iterates over a chunk's queue or pops it), then it raises.
    xml = b"<a>" + b"<b/>" * 50_000 + b"<c></a>"
    seen = []
    with pytest.raises(SyntaxError):
        for events in end_events(io.BytesIO(xml)):
            if pop:
                while events:
                    seen.append(events.popleft()[1].tag)
            else:
                seen += [element.tag for _, element in events]
    assert seen == ["b"] * 50_000
