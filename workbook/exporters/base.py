"""Exporters and the one writer that turns them into an .xlsx workbook.

An exporter (pretix-style) is a small class: an `identifier`, a sheet name, and the rows of
one or more blocks (a header, then rows). `XlsxWriter` writes them with openpyxl in
write-only mode, so memory stays flat however many rows there are, and does the formatting
in one place:

- a bold, frozen header and column widths;
- money as numbers formatted `#,##0.00`, counts as whole numbers, dates as real dates;
- ID and phone numbers as text (format `@`): Excel keeps only 15 significant digits;
- text that starts with `= + - @`, a tab or a carriage return is written as a string cell
  with Excel's quote prefix, so no formula can ever run, and characters XML cannot carry
  are dropped (`cell_text`); workbooks outside the exporters (the import template, the
  error workbook) write their cells through `write_cell`, with the same rules;
- a 合计 row summing the columns marked `total`, where a block asks for one.

Rows are serialised by `_RowEncoder`. By default it writes each row's XML straight into
openpyxl's sheet stream: openpyxl's per-cell objects cost about 10 µs a cell, too slow for a
50,000-member roster. The standard openpyxl cell path stays available (`fast=False`), is used
automatically when lxml is installed, and both are tested to read back the same.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

import openpyxl
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from records.periods import Period
from records.spooled_xlsx import PrivateWorkbook
from records.text import clean_text
from unions.models import Union

from .printing import PrintSetup, after_rows, before_rows

if TYPE_CHECKING:
    from ..indicators import Indicator

MONEY_FORMAT = "#,##0.00"
INT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
TOTAL_LABEL = "合计"
# First characters that make a spreadsheet treat text as a formula (or DDE), per OWASP; a
# carriage return is stored as a line feed (XML turns it into one anyway), so that too.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n")
MAX_CELL_TEXT = 32_767
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
PROGRESS_EVERY = 2_000
_EXCEL_EPOCH_ORDINAL = dt.date(1899, 12, 30).toordinal()


class Kind(enum.Enum):
    TEXT = "text"
    ID = "id"  # resident ID numbers: text, never a number
    PHONE = "phone"  # text too: leading zeros of landlines
    CODE = "code"  # other identifiers kept as typed (会员证号, 凭证号)
    INT = "int"
    MONEY = "money"
    DATE = "date"
    NUMBER = "number"  # by value: whole numbers as counts, decimals as money
    DECIMAL = "decimal"  # a plain decimal such as a wage growth of 5.25 (%)


_DEFAULT_WIDTH = {
    Kind.ID: 21,
    Kind.PHONE: 15,
    Kind.CODE: 12,
    Kind.INT: 10,
    Kind.MONEY: 14,
    Kind.DATE: 12,
    Kind.NUMBER: 14,
    Kind.DECIMAL: 10,
}


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: float | None = None
    total: bool = False  # summed in the block's 合计 row

    @property
    def display_width(self) -> float:
        if self.width:
            return self.width
        header = sum(2 if ord(ch) > 0x2E80 else 1 for ch in self.header) + 2
        return max(header, _DEFAULT_WIDTH.get(self.kind, 10))


class Caption(tuple):
    """A row that names the table below it (一、组织建设), written in bold."""


@dataclass
class Block:
    """One table in a sheet: a header row, data rows and, if asked, a 合计 row."""

    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    title: str | None = None  # a caption row above the header, for sheets of several tables
    totals: bool = False
    count: int | None = None  # rows expected, for progress

    @property
    def header(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass
class ExportContext:
    """What every exporter of one workbook shares."""

    union: Union
    period: Period
    full_ids: bool = False  # write resident ID numbers in full, else masked
    generated_by: str = ""
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    today: dt.date = field(default_factory=dt.date.today)
    # Set for a roll-up workbook: the summed values and the breakdown (see workbook.rollup).
    rollup: Any = None

    @cached_property
    def indicators(self) -> list[Indicator]:
        from ..indicators import as_indicators, indicators

        if self.rollup is not None:
            return as_indicators(self.rollup.totals)
        return indicators(union=self.union, period=self.period, today=self.today)

    def id_number(self, number: str) -> str:
        from members.privacy import shown_id

        return shown_id(number, full=self.full_ids)

    def phone(self, number: str) -> str:
        """A phone number whole, or masked as a reader from a higher-level union sees it."""
        from members.privacy import shown_phone

        return shown_phone(number, full=self.full_ids)

    def birth_date(self, day: dt.date | None) -> dt.date | str | None:
        """A birth date in full, or only its year where ID numbers are masked (members.privacy)."""
        from members.privacy import birth_year

        return day if self.full_ids or day is None else birth_year(day)


class Exporter:
    """One sheet of a workbook. Subclasses set `identifier`, `verbose_name` (the sheet name)
    and `columns`, and yield `rows()`; sheets of several tables override `blocks()`."""

    identifier: ClassVar[str]
    verbose_name: ClassVar[str]
    description: ClassVar[str] = ""
    columns: ClassVar[Sequence[Column]] = ()
    totals: ClassVar[bool] = False
    # Ledgers (台账) by default: landscape, filtered; the return's own sheets say otherwise.
    print_setup: ClassVar[PrintSetup] = PrintSetup(landscape=True, autofilter=True)

    def __init__(self, context: ExportContext) -> None:
        self.context = context

    @property
    def union(self) -> Union:
        return self.context.union

    @property
    def period(self) -> Period:
        return self.context.period

    def rows(self) -> Iterable[Sequence[Any]]:
        raise NotImplementedError

    def count(self) -> int | None:
        return None

    def blocks(self) -> list[Block]:
        return [Block(self.columns, self.rows(), totals=self.totals, count=self.count())]

    def iterate_list(self) -> Iterator[list[Any]]:
        """Header, then rows, block after block (what pretix exporters yield)."""
        for block in self.blocks():
            yield block.header
            for row in block.rows:
                yield list(row)


# --- the writer ----------------------------------------------------------------------------


def cell_text(value: str) -> tuple[str, bool]:
    """The text as a cell can hold it, and whether it needs the quote prefix: characters XML
    cannot carry are dropped (records.text), line breaks become line feeds, and text a
    spreadsheet would read as a formula is marked."""
    value = clean_text(value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value[:MAX_CELL_TEXT]
    return value, bool(value) and value[0] in FORMULA_TRIGGERS


TEXT_KINDS = frozenset({Kind.ID, Kind.PHONE, Kind.CODE})
_CELL_NUMBERS = (int, float, Decimal)


def write_cell(cell: Any, value: Any, *, kind: Kind = Kind.TEXT) -> Any:
    """Put `value` into an openpyxl cell (a sheet's cell or a WriteOnlyCell) the safe way.

    The one way a workbook outside the exporters (the import template, the error workbook)
    writes a cell, with the exporters' rules: text is cleaned and can never become a formula
    (a string cell, with the quote prefix where it starts with `= + - @`); ID, phone and
    code columns are text cells formatted `@`. Numbers and dates stay what they are."""
    if value is None or value == "":
        cell.value = None
    # A whole number in an ID or phone column falls through to text: its digits, as typed.
    elif isinstance(value, bool) or (
        isinstance(value, _CELL_NUMBERS) and not (kind in TEXT_KINDS and isinstance(value, int))
    ):
        cell.value = value
    elif isinstance(value, (dt.date, dt.time, dt.timedelta)):
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    else:
        # Array formulas and rich text come back from openpyxl as objects: their text.
        text, quoted = cell_text(str(getattr(value, "text", value)))
        cell.value = text
        cell.data_type = "s"  # never a formula or an error code, whatever it starts with
        if quoted:
            cell.quotePrefix = True
    if kind in TEXT_KINDS:
        cell.number_format = TEXT_FORMAT
    return cell


def sheet_title(name: str) -> str:
    title = "".join("_" if ch in SHEET_NAME_FORBIDDEN else ch for ch in clean_text(name)).strip("'")
    return title[:31] or "Sheet"


def excel_date(day: dt.date) -> int | float:
    """The serial number Excel stores for a date (1900 date system)."""
    if isinstance(day, dt.datetime):
        base = excel_date(day.date())
        seconds = day.hour * 3600 + day.minute * 60 + day.second
        return base + seconds / 86400
    days = day.toordinal() - _EXCEL_EPOCH_ORDINAL
    if 0 < days <= 60:  # Excel's phantom 1900-02-29
        days -= 1
    return days


@dataclass(frozen=True)
class _Style:
    number_format: str = "General"
    bold: bool = False
    quote: bool = False
    header: bool = False


class _Styles:
    """Cell styles of one workbook: the style index (`s`) for the fast path and the style
    array for openpyxl cells, registered once per distinct style."""

    HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._cache: dict[_Style, tuple[int, StyleArray]] = {}

    def get(self, style: _Style, sheet: Any) -> tuple[int, StyleArray]:
        found = self._cache.get(style)
        if found is None:
            cell = Cell(sheet, row=1, column=1)
            cell.number_format = style.number_format
            if style.bold or style.header:
                cell.font = Font(bold=True)
            if style.header:
                cell.fill = self.HEADER_FILL
                cell.alignment = Alignment(vertical="center", wrap_text=True)
            if style.quote:
                cell.quotePrefix = True
            found = (cell.style_id, StyleArray(cell._style))
            self._cache[style] = found
        return found


def _as_text(value: Any) -> str:
    if type(value) is bool:
        return "是" if value else "否"
    return str(value)


def _xml_text(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


class _RowEncoder:
    """Turns one block's rows into cells, with the block's styles, and adds up totals."""

    def __init__(self, writer: XlsxWriter, sheet: Any, columns: Sequence[Column], bold: bool = False):
        self.sheet = sheet
        self.columns = columns
        self.letters = [get_column_letter(i + 1) for i in range(len(columns))]
        styles = writer.styles

        def style(number_format: str = "General", quote: bool = False) -> tuple[int, StyleArray]:
            return styles.get(_Style(number_format, bold=bold, quote=quote), sheet)

        self.text = []  # (plain, quoted) per column
        self.number = []  # style for numbers per column: (int style, decimal style)
        self.date = style(DATE_FORMAT)
        for column in columns:
            text_format = TEXT_FORMAT if column.kind in (Kind.ID, Kind.PHONE, Kind.CODE) else "General"
            self.text.append((style(text_format), style(text_format, quote=True)))
            if column.kind == Kind.MONEY:
                self.number.append((style(MONEY_FORMAT), style(MONEY_FORMAT)))
            elif column.kind == Kind.DECIMAL:
                self.number.append((style("0.00"), style("0.00")))
            else:
                self.number.append((style(INT_FORMAT), style(MONEY_FORMAT)))
        self.sums: list[Any] = [0 if column.total else None for column in columns]

    def _add(self, index: int, value: Any) -> None:
        if self.sums[index] is not None and isinstance(value, (int, Decimal, float)):
            # Sums stay exact: floats join as the decimal they print as.
            self.sums[index] = self.sums[index] + (Decimal(repr(value)) if type(value) is float else value)

    def xml(self, values: Sequence[Any], row_number: int) -> str:
        parts = [f'<row r="{row_number}">']
        for index, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = f"{self.letters[index]}{row_number}"
            kind = type(value)
            if kind is int or kind is Decimal or kind is float:
                sid = self.number[index][0 if kind is int else 1][0]
                number = format(value, "f") if kind is Decimal else repr(value)
                parts.append(f'<c r="{ref}" s="{sid}"><v>{number}</v></c>')
                self._add(index, value)
            elif kind is dt.date or kind is dt.datetime:
                parts.append(f'<c r="{ref}" s="{self.date[0]}"><v>{excel_date(value)}</v></c>')
            else:  # text, and anything else as its text (yes/no for booleans)
                text, quoted = cell_text(_as_text(value))
                sid = self.text[index][1 if quoted else 0][0]
                space = ' xml:space="preserve"' if text != text.strip() else ""
                parts.append(
                    f'<c r="{ref}" s="{sid}" t="inlineStr"><is><t{space}>{_xml_text(text)}</t></is></c>'
                )
        parts.append("</row>")
        return "".join(parts)

    def cells(self, values: Sequence[Any]) -> list[Any]:
        """The same row as openpyxl cells (the standard path)."""
        cells: list[Any] = []
        for index, value in enumerate(values):
            if value is None or value == "":
                cells.append(None)
                continue
            kind = type(value)
            if kind is int or kind is Decimal or kind is float:
                style = self.number[index][0 if kind is int else 1][1]
                cell = Cell(self.sheet, row=1, column=1, value=value, style_array=style)
                self._add(index, value)
            elif kind is dt.date or kind is dt.datetime:
                cell = Cell(self.sheet, row=1, column=1, value=value, style_array=self.date[1])
            else:
                text, quoted = cell_text(_as_text(value))
                cell = Cell(self.sheet, row=1, column=1, value=text, style_array=self.text[index][quoted][1])
                cell.data_type = "s"  # never a formula or an error code, whatever it starts with
            cells.append(cell)
        return cells

    def totals_row(self) -> list[Any]:
        row: list[Any] = list(self.sums)
        label_at = next((i for i, c in enumerate(self.columns) if not c.total), 0)
        row[label_at] = TOTAL_LABEL
        return row


class XlsxWriter:
    """Writes exporters, one sheet each, into one write-only openpyxl workbook."""

    def __init__(
        self,
        *,
        fast: bool | None = None,
        progress: Callable[[int], None] | None = None,
        progress_every: int = PROGRESS_EVERY,
        spool_dir: str | Path | None = None,
    ) -> None:
        self.workbook = PrivateWorkbook(spool_dir)
        self.styles = _Styles(self.workbook)
        # The direct row writer needs the standard library's XML stream (et_xmlfile).
        self.fast = (not openpyxl.LXML) if fast is None else (fast and not openpyxl.LXML)
        self.progress = progress
        self.progress_every = progress_every
        self.rows_written = 0
        self.row_counts: dict[str, int] = {}

    def add(self, exporter: Exporter) -> int:
        """Write one exporter's sheet; returns its data rows (headers and totals excluded)."""
        title = sheet_title(exporter.verbose_name)
        sheet = self.workbook.create_sheet(title)
        blocks = exporter.blocks()
        widths: dict[int, float] = {}
        for block in blocks:
            for index, column in enumerate(block.columns):
                widths[index] = max(widths.get(index, 0), column.display_width)
        for index, width in widths.items():
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        first_header = 2 if blocks and blocks[0].title and len(blocks) > 1 else 1
        sheet.freeze_panes = f"A{first_header + 1}"
        before_rows(sheet, exporter.print_setup, title)
        first_block_end = 0

        append = self._fast_append(sheet) if self.fast else None
        row_number = 0
        data_rows = 0
        for position, block in enumerate(blocks):
            if position:
                row_number += 1
                self._append(sheet, append, [], row_number)  # a blank line between tables
            if block.title and len(blocks) > 1:
                row_number += 1
                title_encoder = _RowEncoder(self, sheet, [Column(block.title)], bold=True)
                self._append(sheet, append, [block.title], row_number, title_encoder)
            row_number += 1
            header = _HeaderEncoder(self, sheet, block.columns)
            self._append(sheet, append, block.header, row_number, header)
            encoder = _RowEncoder(self, sheet, block.columns)
            captions = None
            for values in block.rows:
                row_number += 1
                if type(values) is Caption:
                    captions = captions or _RowEncoder(self, sheet, block.columns, bold=True)
                    self._append(sheet, append, values, row_number, captions)
                    continue
                self._append(sheet, append, values, row_number, encoder)
                data_rows += 1
                self.rows_written += 1
                if self.progress and self.rows_written % self.progress_every == 0:
                    self.progress(self.rows_written)
            first_block_end = first_block_end or row_number
            if block.totals:
                row_number += 1
                totals = _RowEncoder(self, sheet, block.columns, bold=True)
                self._append(sheet, append, encoder.totals_row(), row_number, totals)
        after_rows(
            sheet,
            exporter.print_setup,
            header_row=first_header if blocks else 0,
            first_block_end=first_block_end,
            last_row=row_number,
            columns=max(widths) + 1 if widths else 1,
        )
        sheet.close()
        self.row_counts[title] = data_rows
        if self.progress:
            self.progress(self.rows_written)
        return data_rows

    def _fast_append(self, sheet: Any) -> Callable[[str], None]:
        """Route the sheet's rows, as finished XML, straight into openpyxl's stream."""
        sheet._get_writer()  # writes the sheet's top: views (frozen pane), column widths
        sheet._values_to_row = lambda values, row_idx: values

        def write_row(xf: Any, row: Sequence[str], row_idx: int) -> None:
            raw = getattr(xf, "_file", None)
            if raw is None:  # not et_xmlfile's stream: this writer does not know it
                raise RuntimeError("XlsxWriter(fast=True) needs et_xmlfile's xml stream; use fast=False.")
            raw(row[0])

        sheet._writer.write_row = write_row
        return lambda xml: sheet.append((xml,))

    def _append(
        self,
        sheet: Any,
        append: Callable[[str], None] | None,
        values: Sequence[Any],
        row_number: int,
        encoder: Any = None,
    ) -> None:
        if encoder is None:
            if append:
                append(f'<row r="{row_number}"></row>')
            else:
                sheet.append([])
            return
        if append:
            append(encoder.xml(values, row_number))
        else:
            sheet.append(encoder.cells(values))

    def save(self, target: str | Path | IO[bytes]) -> None:
        self.workbook.save(target)


class _HeaderEncoder(_RowEncoder):
    def __init__(self, writer: XlsxWriter, sheet: Any, columns: Sequence[Column]) -> None:
        super().__init__(writer, sheet, [Column(c.header) for c in columns])
        header = writer.styles.get(_Style(header=True), sheet)
        self.text = [(header, header) for _ in columns]


def write_workbook(
    exporters: Iterable[Exporter],
    target: str | Path | IO[bytes],
    *,
    fast: bool | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write the exporters' sheets into `target`; returns {sheet name: data rows}."""
    writer = XlsxWriter(fast=fast, progress=progress)
    for exporter in exporters:
        writer.add(exporter)
    writer.save(target)
    return writer.row_counts
