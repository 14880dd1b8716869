"""Reading an uploaded .xlsx within bounds: the one way every upload path opens a workbook.

An .xlsx is a zip of XML; what it costs to read depends on what is inside, not on the size of
the upload (6.7 MB of whitespace shared strings inflated to 183 MB and held a worker for two
minutes). So the work an upload can cause is bounded twice:

- before parsing, from the zip directory: number of parts, total and per-part uncompressed
  size, compression ratio (`check_archive`);
- while parsing, by a `ReadBudget` shared by everything read from the file: bytes inflated
  and wall time (checked on every read from the zip), XML elements, shared strings, rows
  (blank ones and skipped row numbers included), columns and cells.

Each refusal is an `UploadRefused` with a Chinese message for the user, raised as soon as a
bound is crossed. Text values come out cleaned (records.text). Limits are settings (XLSX_*).

openpyxl is used in read-only mode; its zip archive, shared-string reader and sheet parser
are subclassed here to count (openpyxl 3.1 internals, pinned in requirements.txt); sheets and
the string table are parsed by the C parser and read by records.xlsx_cells.
"""

from __future__ import annotations

import time
import warnings
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import ROW_TAG
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from .text import clean_text
from .xlsx_cells import EntityDeclared, FastCellParser, end_events, string_content

MB = 1024 * 1024
RATIO_FLOOR = 1 * MB  # small parts may compress any amount: XML headers, styles
READ_CHUNK = 256 * 1024
_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"


class UploadRefused(Exception):
    """The upload is refused as a whole; `message` tells the user why, in Chinese."""

    def __init__(self, message: str, budget: ReadBudget | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.budget = budget  # the work done until the refusal


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class XlsxLimits:
    max_parts: int
    max_uncompressed_bytes: int  # all parts together, as the zip directory declares them
    max_part_bytes: int  # one sheet or the shared-string table
    max_other_part_bytes: int  # any other part
    max_ratio: int  # uncompressed / compressed, for parts above RATIO_FLOOR
    max_shared_strings: int
    max_rows: int  # the highest row number read, blank and skipped rows included
    max_columns: int
    max_cells: int
    max_seconds: float

    @classmethod
    def from_settings(cls) -> XlsxLimits:
        # Defaults and why: union_reports/settings.py.
        return cls(
            max_parts=settings.XLSX_MAX_PARTS,
            max_uncompressed_bytes=settings.XLSX_MAX_UNCOMPRESSED_BYTES,
            max_part_bytes=settings.XLSX_MAX_PART_BYTES,
            max_other_part_bytes=settings.XLSX_MAX_OTHER_PART_BYTES,
            max_ratio=settings.XLSX_MAX_COMPRESSION_RATIO,
            max_shared_strings=settings.XLSX_MAX_SHARED_STRINGS,
            max_rows=settings.XLSX_MAX_ROWS,
            max_columns=settings.XLSX_MAX_COLUMNS,
            max_cells=settings.XLSX_MAX_CELLS,
            max_seconds=settings.XLSX_MAX_SECONDS,
        )

    @property
    def max_elements(self) -> int:
        # A cell is two or three elements (c, v or is/t); rows, strings and a little
        # structure besides.
        return 3 * self.max_cells + 2 * self.max_shared_strings + 2 * self.max_rows + 100_000

    @property
    def max_row_elements(self) -> int:
        return 8 * self.max_columns + 100  # rich inline text has a few elements a run


def _part_limit(name: str, limits: XlsxLimits) -> int:
    # Sheets and the string table are parsed as a stream; every other XML part (styles,
    # workbook, relationships, properties) openpyxl parses whole, in memory.
    if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
        return limits.max_part_bytes
    return limits.max_other_part_bytes


def check_archive(archive: zipfile.ZipFile, limits: XlsxLimits) -> list[zipfile.ZipInfo]:
    """The zip directory within bounds; returns its entries. Python's zipfile never inflates
    a part beyond its declared size (it fails the CRC check), so the directory can be trusted
    as an upper bound."""
    entries = archive.infolist()
    if len(entries) > limits.max_parts:
        raise UploadRefused(
            f"文件结构异常：包含 {len(entries)} 个部件，超过 {limits.max_parts} 个的上限，已拒绝导入。"
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed_bytes:
        raise UploadRefused(
            f"文件过大：解压后超过 {_mb(limits.max_uncompressed_bytes)} MB（为 {_mb(total)} MB），"
            "可能是损坏或恶意构造的文件，已拒绝导入。请删除无关的工作表、图片，或拆分成多个文件。"
        )
    for entry in entries:
        if entry.file_size > (limit := _part_limit(entry.filename, limits)):
            raise UploadRefused(
                f"文件过大：其中一个部件解压后超过 {_mb(limit)} MB，已拒绝导入。请拆分成多个文件。"
            )
        if entry.file_size > RATIO_FLOOR and entry.file_size > limits.max_ratio * max(entry.compress_size, 1):
            raise UploadRefused(
                f"文件压缩比异常（超过 {limits.max_ratio} 倍），可能是损坏或恶意构造的文件，已拒绝导入。"
            )
    return entries


class ReadBudget:
    """What reading one upload may cost; every counter raises `UploadRefused` past its limit.
    The counters stay readable afterwards (tests assert on the work done)."""

    def __init__(self, limits: XlsxLimits) -> None:
        self.limits = limits
        self.started = time.monotonic()
        self.bytes_inflated = 0
        self.elements = 0
        self.shared_strings = 0
        self.rows = 0
        self.cells = 0

    def refused(self, message: str) -> UploadRefused:
        return UploadRefused(message, self)

    def inflated(self, size: int) -> None:
        self.bytes_inflated += size
        # Each part is bounded by the directory; re-reads (header search, then rows) may
        # inflate a sheet twice, not more.
        if self.bytes_inflated > 2 * self.limits.max_uncompressed_bytes + MB:
            raise self.refused(
                f"文件过大：解压后超过 {_mb(self.limits.max_uncompressed_bytes)} MB，已拒绝导入。"
            )
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise self.refused(
                f"读取文件超过 {self.limits.max_seconds:g} 秒仍未完成，已停止。请删除无关内容或拆分成多个文件分批导入。"
            )

    def element(self, count: int = 1) -> None:
        self.elements += count
        if self.elements > self.limits.max_elements:
            raise self.refused("文件内容过多（XML 元素数超过上限），可能是恶意构造的文件，已拒绝导入。")

    def shared_string(self) -> None:
        self.shared_strings += 1
        if self.shared_strings > self.limits.max_shared_strings:
            raise self.refused(
                f"文件中的文本条目超过 {self.limits.max_shared_strings} 条的上限，请删除无关内容或拆分成多个文件。"
            )

    def row(self, number: int, cells: int, last_column: int, sheet: str) -> None:
        self.rows += 1
        self.cells += cells
        if number > self.limits.max_rows or self.rows > self.limits.max_rows:
            raise self.refused(
                f"工作表“{sheet}”的行数超过 {self.limits.max_rows} 行（含空行），请删除多余的空行，或拆分成多个文件分批导入。"
            )
        if last_column > self.limits.max_columns:
            raise self.refused(
                f"工作表“{sheet}”第 {number} 行的列数超过 {self.limits.max_columns} 列，请删除多余的列后重试。"
            )
        if self.cells > self.limits.max_cells:
            raise self.refused(
                f"文件的单元格数超过 {self.limits.max_cells} 个的上限，请拆分成多个文件分批导入。"
            )
        if self.rows % 1_000 == 0:
            self.check_time()


class _CountedStream:
    """A part of the zip as it is inflated, counted against the budget."""

    def __init__(self, raw: IO[bytes], budget: ReadBudget) -> None:
        self._raw = raw
        self._budget = budget

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(READ_CHUNK):
                chunks.append(chunk)
            return b"".join(chunks)
        data = self._raw.read(min(size, READ_CHUNK))
        self._budget.inflated(len(data))
        return data

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> _CountedStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _CountedZipFile(zipfile.ZipFile):
    budget: ReadBudget

    def open(self, name: Any, mode: str = "r", pwd: bytes | None = None, **kwargs: Any) -> Any:  # type: ignore[override]
        stream = super().open(name, mode, pwd, **kwargs)
        return _CountedStream(stream, self.budget) if mode == "r" else stream


_ORDER: list[int] = []


def _in_order(width: int) -> list[int]:
    """[1, 2, ..., width]: the columns of a row whose every cell is written, in order."""
    if len(_ORDER) < width:
        _ORDER.extend(range(len(_ORDER) + 1, width + 1))
    return _ORDER[:width]


def _events(source: IO[bytes], budget: ReadBudget) -> Iterator[deque[tuple[str, Any]]]:
    try:
        yield from end_events(source)
    except EntityDeclared as exc:
        raise budget.refused(exc.message) from None


class _BudgetedParser(FastCellParser):
    """The sheet parser, counting XML elements as they end: a row is refused while it is
    still being parsed, before a million cells of it are held in memory."""

    budget: ReadBudget

    def rows(self) -> Iterator[tuple[int, list[int], list[Any]]]:
        """(row number, columns, values) of each row element, its cells in document order."""
        budget = self.budget
        limit = budget.limits.max_row_elements
        run = 0  # elements since the last row ended: they pile up until their parent ends
        for events in _events(self.source, budget):
            pop = events.popleft
            while events:
                element = pop()[1]
                run += 1
                if element.tag == ROW_TAG:
                    budget.element(run)
                    run = 0
                    number = self.row_number(element)
                    columns, values = self.row_cells(element)
                    element.clear()
                    yield number, columns, values
                elif run > limit:
                    budget.element(run)
                    raise budget.refused(
                        f"工作表结构异常：一行（或一段）内容超过 {budget.limits.max_columns} 列的上限，"
                        "可能是恶意构造的文件，已拒绝导入。"
                    )
        budget.element(run)


class _Worksheet(ReadOnlyWorksheet):
    def _get_size(self) -> None:
        # openpyxl parses a whole sheet that lacks <dimension> just to size it, when it is
        # opened; the size is not used here (rows are read to their end, within bounds).
        pass


class _BudgetedReader(ExcelReader):
    budget: ReadBudget

    def read_worksheets(self) -> None:
        # openpyxl's read-only branch; chartsheets hold no rows (and would load images).
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            worksheet = _Worksheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)
        if part is None:
            return
        with self.archive.open(part.PartName[1:]) as source:
            self.shared_strings = _read_shared_strings(source, self.budget)


def _read_shared_strings(source: IO[bytes], budget: ReadBudget) -> list[str]:
    """openpyxl's `read_string_table`, counting elements and strings as they are parsed."""
    strings = []
    run = 0
    for events in _events(source, budget):
        pop = events.popleft
        while events:
            node = pop()[1]
            run += 1
            if node.tag == _STRING_TAG:
                budget.element(run)
                run = 0
                budget.shared_string()
                # Cleaned once here rather than in every cell that uses the string.
                strings.append(clean_text(string_content(node).replace("x005F_", "")))
                node.clear()
            elif run > budget.limits.max_row_elements:
                budget.element(run)
                raise budget.refused("文件中的文本表结构异常，可能是恶意构造的文件，已拒绝导入。")
    budget.element(run)
    return strings


class UploadedWorkbook:
    """An open, bounded workbook: sheets by name, and their rows read within the budget."""

    def __init__(self, workbook: Any, budget: ReadBudget) -> None:
        self._workbook = workbook
        self.budget = budget

    @property
    def worksheets(self) -> list[Any]:
        return list(self._workbook.worksheets)

    @property
    def sheetnames(self) -> list[str]:
        return list(self._workbook.sheetnames)

    def __getitem__(self, name: str) -> Any:
        return self._workbook[name]

    def close(self) -> None:
        self._workbook.close()

    def rows(
        self, worksheet: Any, *, min_row: int = 1, max_row: int | None = None, max_col: int | None = None
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values) from `min_row` on, blank rows included, each row `max_col`
        wide (or as wide as its last cell). Text comes out cleaned."""
        budget = self.budget
        title = clean_text(str(worksheet.title))
        with worksheet._get_source() as source:
            parser = _BudgetedParser(
                source,
                worksheet._shared_strings,
                data_only=self._workbook.data_only,
                epoch=self._workbook.epoch,
                date_formats=self._workbook._date_formats,
                timedelta_formats=self._workbook._timedelta_formats,
            )
            parser.budget = budget
            expected = min_row
            for number, columns, cells in parser.rows():
                last = max(columns) if columns else 0
                budget.row(number, len(columns), last, title)
                if max_row is not None and number > max_row:
                    break
                if number < expected:
                    continue  # rows before min_row, or a row number given twice
                width = max_col if max_col is not None else last
                for blank in range(expected, number):  # rows the sheet leaves out are blank
                    yield blank, (None,) * (max_col or 0)
                if last == width and columns == _in_order(width):  # every cell, in order: usual
                    values = tuple(cells)
                else:
                    row: list[Any] = [None] * width
                    for column, value in zip(columns, cells, strict=True):
                        if column <= width:
                            row[column - 1] = value
                    values = tuple(row)
                expected = number + 1
                yield number, values


def open_workbook(fh: IO[bytes], *, data_only: bool, limits: XlsxLimits | None = None) -> UploadedWorkbook:
    """Check the zip directory, then open the workbook (read-only) with every read counted.
    Raises `UploadRefused` past a bound, `zipfile.BadZipFile` or another error when the file
    is not a readable workbook (callers word those themselves)."""
    limits = limits or XlsxLimits.from_settings()
    budget = ReadBudget(limits)
    fh.seek(0)
    archive = _CountedZipFile(fh)
    archive.budget = budget
    try:
        check_archive(archive, limits)
    except UploadRefused as exc:
        exc.budget = budget
        raise
    fh.seek(0)
    reader = _BudgetedReader(fh, read_only=True, data_only=data_only, keep_links=False)
    reader.archive.close()  # openpyxl's own handle; ours counts what is inflated
    reader.archive = archive
    reader.valid_files = archive.namelist()
    reader.budget = budget
    with warnings.catch_warnings():
        # openpyxl warns about unsupported extensions (data validation, slicers); harmless.
        warnings.simplefilter("ignore")
        try:
            reader.read()
        except ValueError as exc:  # openpyxl wraps what its parsers raise
            cause = exc.__cause__
            if isinstance(cause, UploadRefused):
                raise cause from None
            raise
    return UploadedWorkbook(reader.wb, budget)
