"""Print setup of every sheet: A4, fit to the page's width, the header row repeated on every
page, page numbers in the footer and a print area; ledgers get an autofilter on their header.

LibreOffice and Excel lay out a sheet without a print setup on as many pages as its columns
need, splitting a table across pages; with it, the return's indicators print on a few pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FOOTER = "第 &P 页，共 &N 页"


@dataclass(frozen=True)
class PrintSetup:
    landscape: bool = False
    autofilter: bool = False  # on the first table's header row (a ledger)
    repeat_header: bool = True


def before_rows(sheet: Any, setup: PrintSetup, title: str) -> None:
    """What must be set before the sheet's first row is written (its properties come first)."""
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if setup.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = FOOTER
    sheet.oddHeader.center.text = title


def after_rows(
    sheet: Any, setup: PrintSetup, *, header_row: int, first_block_end: int, last_row: int, columns: int
) -> None:
    """What is known only once the rows are written: the print area and the filter's range."""
    last_column = get_column_letter(max(columns, 1))
    if last_row:
        sheet.print_area = f"A1:{last_column}{last_row}"
    if setup.repeat_header and header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    if setup.autofilter and first_block_end > header_row:
        sheet.auto_filter.ref = f"A{header_row}:{last_column}{first_block_end}"
