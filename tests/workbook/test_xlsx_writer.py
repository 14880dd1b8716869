"""The one xlsx writer: formats, neutralised formulas, totals, and both row writers alike."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest

from workbook.exporters import ANNUAL_WORKBOOK, Block, Column, Exporter, Kind, all_exporters, write_workbook
from workbook.exporters.base import XlsxWriter, cell_text, excel_date

from .conftest import FULL_ID, read

ROWS = [
    ['=HYPERLINK("http://x")', FULL_ID, "01088886666", 3, Decimal("1234.50"), dt.date(2025, 3, 8), True],
    ["+1+2", "110105194912310021", "13800001111", 4, Decimal("0.25"), dt.date(1900, 1, 1), False],
    ["-2", "", None, 0, Decimal("0"), None, None],
    ["@SUM(A1)", "a\x00b", "\tx", 1, 2.5, dt.date(2000, 2, 29), None],
    ["\rcr", " 前后空格 ", "#N/A", 2, Decimal("10"), dt.date(2025, 12, 31), None],
    ["<b>&amp;", "x", "y", 5, Decimal("3.33"), None, None],
]


class Sample(Exporter):
    identifier = "sample"
    verbose_name = "样例"
    totals = True
    columns = (
        Column("名称"),
        Column("身份证号", Kind.ID),
        Column("电话", Kind.PHONE),
        Column("人数", Kind.INT, total=True),
        Column("金额（元）", Kind.MONEY, total=True),
        Column("日期", Kind.DATE),
        Column("是否"),
    )

    def __init__(self) -> None:
        pass

    def rows(self):  # type: ignore[no-untyped-def]
        return iter(ROWS)


class TwoTables(Exporter):
    identifier = "two_tables"
    verbose_name = "两张表[1]"

    def __init__(self) -> None:
        pass

    def blocks(self):  # type: ignore[no-untyped-def]
        return [
            Block(
                [Column("甲"), Column("数", Kind.INT, total=True)],
                [["a", 1], ["b", 2]],
                title="第一表",
                totals=True,
            ),
            Block([Column("乙", Kind.DATE)], [[dt.date(2025, 1, 2)]], title="第二表"),
        ]


def _write(fast: bool) -> bytes:
    buffer = io.BytesIO()
    write_workbook([Sample(), TwoTables()], buffer, fast=fast)
    return buffer.getvalue()


@pytest.fixture(params=[True, False], ids=["direct-rows", "openpyxl-cells"])
def book(request):
    return read(_write(request.param))


def test_header_is_frozen_bold_and_columns_have_widths(book):
    sheet = book["样例"]
    assert [c.value for c in sheet[1]] == [c.header for c in Sample.columns]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1])
    assert sheet.column_dimensions["B"].width == 21
    assert sheet.column_dimensions["A"].width >= 6


def test_formulas_are_stored_as_inert_text(book):
    sheet = book["样例"]
    for row, expected in (
        (2, '=HYPERLINK("http://x")'),
        (3, "+1+2"),
        (4, "-2"),
        (5, "@SUM(A1)"),
        (6, "\ncr"),
    ):
        cell = sheet.cell(row, 1)
        assert cell.value == expected
        assert cell.data_type == "s"
        assert cell.quotePrefix, expected
    assert sheet["C5"].value == "\tx" and sheet["C5"].quotePrefix
    assert sheet["C6"].value == "#N/A" and sheet["C6"].data_type == "s"
    assert sheet["A7"].value == "<b>&amp;" and not sheet["A7"].quotePrefix


def test_no_formula_element_in_the_file():
    for fast in (True, False):
        with zipfile.ZipFile(io.BytesIO(_write(fast))) as archive:
            xml = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in xml and "<f " not in xml


def test_id_and_phone_numbers_are_text(book):
    sheet = book["样例"]
    cell = sheet["B2"]
    assert cell.value == FULL_ID and len(cell.value) == 18
    assert cell.data_type == "s" and cell.number_format == "@"
    assert sheet["B3"].value == "110105194912310021"
    assert sheet["C2"].value == "01088886666" and sheet["C2"].number_format == "@"


def test_dates_are_dates_and_money_is_numbers(book):
    sheet = book["样例"]
    assert sheet["F2"].is_date and sheet["F2"].value == dt.datetime(2025, 3, 8)
    assert sheet["F3"].value == dt.datetime(1900, 1, 1)
    assert sheet["F5"].value == dt.datetime(2000, 2, 29)
    assert sheet["E2"].value == 1234.5 and sheet["E2"].number_format == "#,##0.00"
    assert sheet["E3"].data_type == "n"
    assert sheet["D2"].value == 3 and sheet["D2"].number_format == "#,##0"


def test_booleans_read_as_yes_no_and_illegal_characters_are_dropped(book):
    sheet = book["样例"]
    assert sheet["G2"].value == "是" and sheet["G3"].value == "否"
    assert sheet["B5"].value == "ab"
    assert sheet["B6"].value == " 前后空格 "


def test_totals_row_sums_the_marked_columns(book):
    sheet = book["样例"]
    last = [c.value for c in sheet[sheet.max_row]]
    assert sheet.max_row == len(ROWS) + 2
    assert last[0] == "合计"
    assert last[3] == sum(r[3] for r in ROWS)
    assert last[4] == pytest.approx(float(sum(Decimal(str(r[4])) for r in ROWS)))
    assert last[1] is None and last[5] is None
    assert sheet.cell(sheet.max_row, 4).font.b


def test_sheets_of_several_tables(book):
    sheet = book["两张表_1_"]
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "第一表" and values[1] == ["甲", "数"]
    assert values[2] == ["a", 1] and values[4] == ["合计", 3]
    assert values[5] == [None, None]
    assert values[6][0] == "第二表" and values[7][0] == "乙"
    assert values[8][0] == dt.datetime(2025, 1, 2)
    assert sheet.freeze_panes == "A3"


def test_both_row_writers_read_back_the_same():
    fast, standard = read(_write(True)), read(_write(False))
    for name in fast.sheetnames:
        a = [[(c.value, c.number_format, c.data_type) for c in row] for row in fast[name].iter_rows()]
        b = [[(c.value, c.number_format, c.data_type) for c in row] for row in standard[name].iter_rows()]
        assert a == b, name


def test_progress_is_reported():
    seen: list[int] = []
    writer = XlsxWriter(progress=seen.append, progress_every=2)
    writer.add(Sample())
    assert seen[:3] == [2, 4, 6] and seen[-1] == len(ROWS)
    assert writer.row_counts == {"样例": len(ROWS)}


def test_clean_text_and_excel_dates():
    assert cell_text("=1") == ("=1", True)
    assert cell_text("a=1") == ("a=1", False)
    assert cell_text("\x07x") == ("x", False)
    assert excel_date(dt.date(1900, 3, 1)) == 61
    assert excel_date(dt.date(2025, 1, 1)) == 45658


def test_the_registry_has_every_sheet_of_the_annual_workbook():
    registered = all_exporters()
    assert set(ANNUAL_WORKBOOK) <= set(registered)
    names = [registered[i].verbose_name for i in ANNUAL_WORKBOOK]
    assert len(set(names)) == len(names)
    assert all(len(n) <= 31 for n in names)
