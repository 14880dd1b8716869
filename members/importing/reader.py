"""Opening an uploaded roster safely and reading its rows with openpyxl in read-only mode.

The checks run cheapest first and before openpyxl sees the file: size, magic bytes, the zip
directory (entry count, total uncompressed size, compression ratio: zip bombs), then that
openpyxl can open it, then a header row with the required columns. Rows are read lazily;
the row limit is enforced while reading. Every refusal is a `RosterFileError` whose message
is meant for the user.

Zip sizes are taken from the zip directory; Python's zipfile never inflates an entry beyond
its declared size (it stops and fails the CRC check), so a lying directory cannot get past.
XML entity bombs are stopped by expat (>= 2.4) underneath openpyxl.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from . import cells
from .columns import HELPER_HEADERS, REQUIRED, Column, column_for, normalize_header

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
EXCEL_MAX_ROWS = 1_048_576
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in real rosters
MAX_COLUMNS = 300
MAX_ZIP_ENTRIES = 2_000
# Sheet XML of a real roster compresses about 10-15 times; bombs compress hundreds of times.
SUSPICIOUS_RATIO = 100
SUSPICIOUS_ENTRY_BYTES = 10 * MB


class RosterFileError(Exception):
    """The file as a whole cannot be imported; `message` tells the user why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_uncompressed_bytes: int
    max_rows: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=settings.MAX_UPLOAD_BYTES,
            max_uncompressed_bytes=getattr(settings, "ROSTER_IMPORT_MAX_UNCOMPRESSED_BYTES", 200 * MB),
            max_rows=getattr(settings, "ROSTER_IMPORT_MAX_ROWS", 100_000),
        )


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".removesuffix(".0")


def check_size(size: int, limits: Limits | None = None) -> None:
    limits = limits or Limits.from_settings()
    if size == 0:
        raise RosterFileError("文件是空的（0 字节），请重新选择文件。")
    if size > limits.max_bytes:
        raise RosterFileError(
            f"文件过大（{_mb(size)} MB），上限为 {_mb(limits.max_bytes)} MB。请删除无关的工作表、图片后重试，或拆分成多个文件分批导入。"
        )


SAVE_AS_XLSX = "请用 Excel 或 WPS 打开后“另存为” Excel 工作簿（*.xlsx）再上传，也可以下载导入模板填写。"


def check_magic(head: bytes) -> None:
    if head.startswith(ZIP_MAGIC):
        return
    if head.startswith(OLE_MAGIC):
        raise RosterFileError(
            "这是旧版 Excel（.xls）文件或设置了打开密码的工作簿，无法直接导入。"
            + SAVE_AS_XLSX
            + "如有密码，请先取消密码。"
        )
    if head.lstrip()[:1] == b"<":
        raise RosterFileError(
            "这是网页或 XML 格式的表格（常见于其他系统导出的 .xls），不是 .xlsx 文件。" + SAVE_AS_XLSX
        )
    raise RosterFileError("文件不是 Excel 工作簿（.xlsx）格式。" + SAVE_AS_XLSX)


def check_zip(fh: IO[bytes], limits: Limits) -> None:
    try:
        with zipfile.ZipFile(fh) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise RosterFileError("文件已损坏，无法作为 .xlsx 打开。" + SAVE_AS_XLSX) from None
    bomb = RosterFileError(
        f"文件解压后过大或结构异常（解压后上限 {_mb(limits.max_uncompressed_bytes)} MB），可能是损坏或恶意构造的文件，已拒绝导入。"
    )
    if len(entries) > MAX_ZIP_ENTRIES:
        raise bomb
    if sum(entry.file_size for entry in entries) > limits.max_uncompressed_bytes:
        raise bomb
    for entry in entries:
        if entry.file_size > SUSPICIOUS_ENTRY_BYTES and entry.file_size > SUSPICIOUS_RATIO * max(
            entry.compress_size, 1
        ):
            raise bomb
        if entry.flag_bits & 0x1:
            raise RosterFileError("文件已加密，请取消密码后再上传。")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise RosterFileError(
            "这不是 Excel 工作簿（.xlsx），可能是 Word、WPS 或其他格式的文件。" + SAVE_AS_XLSX
        )


@dataclass
class SheetLayout:
    """Where the header is and which column feeds which field."""

    sheet_title: str
    header_row: int
    headers: list[str]  # every header cell as text, in file order, up to the last named one
    columns: list[tuple[int, Column]]  # (index in a row, column)
    ignored: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.headers)

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(column.field for _, column in self.columns)

    @cached_property
    def index_of(self) -> dict[str, int]:
        """field -> index in a row; read once the header has been laid out."""
        return {column.field: index for index, column in self.columns}


def _header_text(value: Any) -> str:
    return "" if value is None else cells.as_text(value).strip()


def _layout_of(title: str, row_number: int, values: tuple[Any, ...]) -> tuple[SheetLayout, list[str]]:
    headers = [_header_text(value) for value in values[:MAX_COLUMNS]]
    while headers and not headers[-1]:
        headers.pop()
    layout = SheetLayout(sheet_title=title, header_row=row_number, headers=headers, columns=[])
    seen: dict[str, str] = {}
    duplicates: list[str] = []
    for index, text in enumerate(headers):
        if not text:
            continue
        column = column_for(text)
        if column is None:
            if normalize_header(text) not in HELPER_HEADERS:
                layout.ignored.append(text)
            continue
        if column.field in seen:
            duplicates.append(f"“{seen[column.field]}”与“{text}”")
            continue
        seen[column.field] = text
        layout.columns.append((index, column))
    return layout, duplicates


def _is_blank(values: tuple[Any, ...]) -> bool:
    for value in values:
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return False
    return True


class RosterSheet:
    """An open roster worksheet: its layout, and its data rows read on demand."""

    def __init__(self, worksheet: Any, layout: SheetLayout, limits: Limits) -> None:
        self._worksheet = worksheet
        self.layout = layout
        self.limits = limits

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(spreadsheet row number, cell values) for each non-blank row below the header."""
        start = self.layout.header_row + 1
        # max_row given explicitly: without it openpyxl may scan the whole sheet first.
        values_iter = self._worksheet.iter_rows(
            min_row=start, max_col=self.layout.width, max_row=EXCEL_MAX_ROWS, values_only=True
        )
        count = 0
        number = start - 1
        try:
            for number, values in enumerate(values_iter, start=start):  # noqa: B007
                if _is_blank(values):
                    continue
                count += 1
                if count > self.limits.max_rows:
                    raise RosterFileError(
                        f"数据超过 {self.limits.max_rows} 行的上限，请拆分成多个文件分批导入。"
                    )
                yield number, values
        except RosterFileError:
            raise
        except Exception:
            # Malformed sheet XML or a corrupt zip entry only shows while reading.
            raise RosterFileError(
                f"文件内容已损坏，读到第 {number + 1} 行附近时出错。" + SAVE_AS_XLSX
            ) from None


def _load_workbook(fh: IO[bytes]) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions (data validation, slicers); harmless.
            warnings.simplefilter("ignore")
            return load_workbook(fh, read_only=True, data_only=False, keep_links=False)
    except Exception:
        raise RosterFileError(
            "无法读取该 Excel 文件，文件可能已损坏或不是 Excel 工作簿。" + SAVE_AS_XLSX
        ) from None


def _find_sheet(workbook: Any, limits: Limits) -> RosterSheet:
    """The first worksheet with a header row naming every required column."""
    first_layout: SheetLayout | None = None
    for worksheet in workbook.worksheets:
        # Some generators write a wrong <dimension> (often just "A1"); read-only openpyxl
        # would then cut rows short, so the recorded size is ignored.
        worksheet.reset_dimensions()
        try:
            top = list(worksheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True))
        except Exception:
            raise RosterFileError("文件内容已损坏，无法读取表头。" + SAVE_AS_XLSX) from None
        for offset, values in enumerate(top):
            if _is_blank(values):
                continue
            layout, duplicates = _layout_of(worksheet.title, offset + 1, values)
            if first_layout is None:
                first_layout = layout
            if layout.fields >= {column.field for column in REQUIRED}:
                if duplicates:
                    raise RosterFileError(
                        f"工作表“{worksheet.title}”的表头中，{'、'.join(duplicates)} 是同一列，请只保留一列。"
                    )
                return RosterSheet(worksheet, layout, limits)
    if first_layout is None:
        raise RosterFileError("Excel 文件是空的，没有找到表头和数据。请下载导入模板填写后再上传。")
    missing = [column.header for column in REQUIRED if column.field not in first_layout.fields]
    raise RosterFileError(
        f"缺少必需的列：{'、'.join(missing)}。表头应在第一行（工作表“{first_layout.sheet_title}”第 "
        f"{first_layout.header_row} 行），列名可参照导入模板。"
    )


@contextmanager
def open_roster(source: IO[bytes] | str | Path, limits: Limits | None = None) -> Iterator[RosterSheet]:
    """Check and open a roster file; the yielded sheet is readable inside the `with` block."""
    limits = limits or Limits.from_settings()
    fh: IO[bytes] = open(source, "rb") if isinstance(source, (str, Path)) else source  # noqa: SIM115
    try:
        fh.seek(0, 2)
        check_size(fh.tell(), limits)
        fh.seek(0)
        check_magic(fh.read(8))
        fh.seek(0)
        check_zip(fh, limits)
        fh.seek(0)
        workbook = _load_workbook(fh)
        try:
            yield _find_sheet(workbook, limits)
        finally:
            workbook.close()
    finally:
        if isinstance(source, (str, Path)):
            fh.close()
        elif not fh.closed:
            fh.seek(0)  # the caller stores the upload afterwards
