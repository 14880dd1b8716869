"""Opening an uploaded roster safely and reading its rows with openpyxl in read-only mode.

The checks run cheapest first and before openpyxl sees the file: size, magic bytes, the zip
directory, then that openpyxl can open it, then a header row with the required columns.
Rows are read lazily; the row limit is enforced while reading. Every refusal is a
`RosterFileError` whose message is meant for the user.

What reading may cost (zip directory, bytes inflated, rows including blank ones, columns,
cells, shared strings, time) is bounded by records.xlsx_upload, which every xlsx upload
path uses; its refusals become `RosterFileError`s here. XML entity bombs are stopped by
expat (>= 2.4) underneath openpyxl.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from records.text import clean_text
from records.xlsx_upload import (
    ReadBudget,
    UploadedWorkbook,
    UploadRefused,
    XlsxLimits,
    check_archive,
    open_workbook,
)

from . import cells
from .columns import HELPER_HEADERS, REQUIRED, Column, column_for, normalize_header

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in real rosters
MAX_COLUMNS = 300


class RosterFileError(Exception):
    """The file as a whole cannot be imported; `message` tells the user why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int  # data rows; blank ones count only against xlsx.max_rows
    xlsx: XlsxLimits = field(default_factory=XlsxLimits.from_settings)

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=settings.MAX_UPLOAD_BYTES,
            max_rows=getattr(settings, "ROSTER_IMPORT_MAX_ROWS", 100_000),
            xlsx=XlsxLimits.from_settings(),
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
            entries = check_archive(archive, limits.xlsx)
    except UploadRefused as exc:
        raise RosterFileError(exc.message) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise RosterFileError("文件已损坏，无法作为 .xlsx 打开。" + SAVE_AS_XLSX) from None
    for entry in entries:
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

    def __init__(
        self, workbook: UploadedWorkbook, worksheet: Any, layout: SheetLayout, limits: Limits
    ) -> None:
        self._workbook = workbook
        self._worksheet = worksheet
        self.layout = layout
        self.limits = limits

    @property
    def budget(self) -> ReadBudget:
        """What reading the file has cost so far."""
        return self._workbook.budget

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(spreadsheet row number, cell values) for each non-blank row below the header."""
        start = self.layout.header_row + 1
        values_iter = self._workbook.rows(self._worksheet, min_row=start, max_col=self.layout.width)
        count = 0
        number = start - 1
        try:
            for number, values in values_iter:  # noqa: B007
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
        except UploadRefused as exc:
            raise RosterFileError(exc.message) from None
        except Exception:
            # Malformed sheet XML or a corrupt zip entry only shows while reading.
            raise RosterFileError(
                f"文件内容已损坏，读到第 {number + 1} 行附近时出错。" + SAVE_AS_XLSX
            ) from None


def _load_workbook(fh: IO[bytes], limits: Limits) -> UploadedWorkbook:
    try:
        return open_workbook(fh, data_only=False, limits=limits.xlsx)
    except UploadRefused as exc:
        raise RosterFileError(exc.message) from None
    except Exception:
        raise RosterFileError(
            "无法读取该 Excel 文件，文件可能已损坏或不是 Excel 工作簿。" + SAVE_AS_XLSX
        ) from None


def _find_sheet(workbook: UploadedWorkbook, limits: Limits) -> RosterSheet:
    """The first worksheet with a header row naming every required column."""
    first_layout: SheetLayout | None = None
    for worksheet in workbook.worksheets:
        # The recorded <dimension> is never used: some generators write a wrong one.
        try:
            top = list(workbook.rows(worksheet, max_row=HEADER_SEARCH_ROWS))
        except UploadRefused as exc:
            raise RosterFileError(exc.message) from None
        except Exception:
            raise RosterFileError("文件内容已损坏，无法读取表头。" + SAVE_AS_XLSX) from None
        for number, values in top:
            if _is_blank(values):
                continue
            layout, duplicates = _layout_of(clean_text(str(worksheet.title)), number, values)
            if first_layout is None:
                first_layout = layout
            if layout.fields >= {column.field for column in REQUIRED}:
                if duplicates:
                    raise RosterFileError(
                        f"工作表“{layout.sheet_title}”的表头中，{'、'.join(duplicates)} 是同一列，请只保留一列。"
                    )
                return RosterSheet(workbook, worksheet, layout, limits)
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
        workbook = _load_workbook(fh, limits)
        try:
            yield _find_sheet(workbook, limits)
        finally:
            workbook.close()
    finally:
        if isinstance(source, (str, Path)):
            fh.close()
        elif not fh.closed:
            fh.seek(0)  # the caller stores the upload afterwards
