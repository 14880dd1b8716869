"""Opening a ledger safely and reading its data rows with openpyxl in read-only mode: the one
reader of every import, the roster's included.

The checks run cheapest first and before openpyxl sees the file: size, magic bytes, the zip
directory, then that openpyxl can open it, then a header row (imports.headers). Rows are read
lazily; the row limit is enforced while reading. Every refusal is a `FileRefused` whose
message is meant for the user. What reading may cost (zip directory, bytes inflated, rows,
columns, cells, shared strings, time) is bounded by records.xlsx_upload.

Below the header, a row is data unless every mapped cell is blank (numbered blank rows at
the end of a form are blank), it is a totals row (合计, 小计, 总计 …) or a footer line
(制表人：…, 审核：…). Skipped totals and footers are counted and shown in the preview.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from records.text import clean_text
from records.xlsx_upload import (
    UploadedWorkbook,
    UploadRefused,
    XlsxLimits,
    check_archive,
    open_workbook,
)

from .errors import FileRefused
from .headers import HEADER_SEARCH_ROWS, Layout, Matcher, find_layout, map_layout

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
SAVE_AS_XLSX = "请用 Excel 或 WPS 打开后“另存为” Excel 工作簿（*.xlsx）再上传，也可以下载导入模板填写。"
EMPTY_WORKBOOK = "Excel 文件是空的，没有找到表头和数据。请下载导入模板填写后再上传。"

_TOTALS = re.compile(r"^(合计|总计|小计|共计|累计|本页合计|本月合计|总合计)")
_TOTAL_WORDS = frozenset({"合计", "总计", "小计"})
_FOOTER = re.compile(r"^(制表|填表|审核|审批|负责人|单位负责人|经办|复核|注|说明|备注)[人]?[：:]")


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int  # data rows; blank ones count only against xlsx.max_rows
    xlsx: XlsxLimits = field(default_factory=XlsxLimits.from_settings)


def limits(setting: str = "RECORD_IMPORT_MAX_ROWS") -> Limits:
    """The bounds of one upload; `setting` names the row limit (the roster has its own)."""
    return Limits(
        max_bytes=settings.MAX_UPLOAD_BYTES,
        max_rows=getattr(settings, setting, 100_000),
        xlsx=XlsxLimits.from_settings(),
    )


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".removesuffix(".0")


def check_size(size: int, bounds: Limits | None = None) -> None:
    bounds = bounds or limits()
    if size == 0:
        raise FileRefused("文件是空的（0 字节），请重新选择文件。")
    if size > bounds.max_bytes:
        raise FileRefused(
            f"文件过大（{_mb(size)} MB），上限为 {_mb(bounds.max_bytes)} MB。请删除无关的工作表、图片后重试，或拆分成多个文件分批导入。"
        )


def check_magic(head: bytes) -> None:
    if head.startswith(ZIP_MAGIC):
        return
    if head.startswith(OLE_MAGIC):
        raise FileRefused(
            "这是旧版 Excel（.xls）文件或设置了打开密码的工作簿，无法直接导入。"
            + SAVE_AS_XLSX
            + "如有密码，请先取消密码。"
        )
    if head.lstrip()[:1] == b"<":
        raise FileRefused(
            "这是网页或 XML 格式的表格（常见于其他系统导出的 .xls），不是 .xlsx 文件。" + SAVE_AS_XLSX
        )
    raise FileRefused("文件不是 Excel 工作簿（.xlsx）格式。" + SAVE_AS_XLSX)


def check_zip(fh: IO[bytes], bounds: Limits) -> None:
    try:
        with zipfile.ZipFile(fh) as archive:
            entries = check_archive(archive, bounds.xlsx)
    except UploadRefused as exc:
        raise FileRefused(exc.message) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise FileRefused("文件已损坏，无法作为 .xlsx 打开。" + SAVE_AS_XLSX) from None
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise FileRefused("文件已加密，请取消密码后再上传。")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise FileRefused("这不是 Excel 工作簿（.xlsx），可能是 Word、WPS 或其他格式的文件。" + SAVE_AS_XLSX)


def load_workbook(fh: IO[bytes], bounds: Limits) -> UploadedWorkbook:
    try:
        return open_workbook(fh, data_only=False, limits=bounds.xlsx)
    except UploadRefused as exc:
        raise FileRefused(exc.message) from None
    except Exception:
        raise FileRefused(
            "无法读取该 Excel 文件，文件可能已损坏或不是 Excel 工作簿。" + SAVE_AS_XLSX
        ) from None


@dataclass
class Skipped:
    totals: list[int] = field(default_factory=list)
    footers: list[int] = field(default_factory=list)


def row_kind(values: tuple[Any, ...], mapped: list[int]) -> str:
    """'data', 'blank', 'totals' or 'footer'. Called for every row: kept cheap."""
    for value in values:
        # The first text cell says 合计… or 制表人：… when the row is one.
        if value.__class__ is str and value and not value.isspace():
            text = value.replace(" ", "").replace("\u3000", "")
            if _TOTALS.match(text):
                return "totals"
            if _FOOTER.match(text):
                return "footer"
            break
    if not _TOTAL_WORDS.isdisjoint(values):  # 合计 in a later cell (after a 序号 or a date)
        return "totals"
    for index in mapped:
        value = values[index] if index < len(values) else None
        if value is not None and not (value.__class__ is str and (not value or value.isspace())):
            return "data"
    return "blank"


class LedgerSheet:
    """An open ledger worksheet: its layout, and its data rows read on demand."""

    def __init__(self, workbook: UploadedWorkbook, worksheet: Any, layout: Layout, limits: Limits) -> None:
        self._workbook = workbook
        self._worksheet = worksheet
        self.layout = layout
        self.limits = limits
        self.skipped = Skipped()

    @property
    def budget(self) -> Any:
        """What reading the file has cost so far (records.xlsx_upload.ReadBudget)."""
        return self._workbook.budget

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values) of each data row."""
        self.skipped = Skipped()
        mapped = sorted(self.layout.mapping)
        count = 0
        number = self.layout.data_start - 1
        values_iter = self._workbook.rows(
            self._worksheet, min_row=self.layout.data_start, max_col=max(self.layout.width, 1)
        )
        try:
            for number, values in values_iter:  # noqa: B007
                kind = row_kind(values, mapped)
                if kind == "blank":
                    continue
                if kind == "totals":
                    self.skipped.totals.append(number)
                    continue
                if kind == "footer":
                    self.skipped.footers.append(number)
                    continue
                count += 1
                if count > self.limits.max_rows:
                    raise FileRefused(f"数据超过 {self.limits.max_rows} 行的上限，请拆分成多个文件分批导入。")
                yield number, values
        except FileRefused:
            raise
        except UploadRefused as exc:
            raise FileRefused(exc.message) from None
        except Exception:
            # Malformed sheet XML or a corrupt zip entry only shows while reading.
            raise FileRefused(f"文件内容已损坏，读到第 {number + 1} 行附近时出错。" + SAVE_AS_XLSX) from None

    def remap(self, matcher: Matcher) -> None:
        map_layout(self.layout, matcher)


def _find_sheet(workbook: UploadedWorkbook, matcher: Matcher, bounds: Limits) -> LedgerSheet:
    """The worksheet whose header maps the most columns (the first on a tie)."""
    best: tuple[int, Any, Layout] | None = None
    first_row: tuple[str, int, tuple[Any, ...]] | None = None  # the first non-blank row seen
    for worksheet in workbook.worksheets:
        # The recorded <dimension> is never used: WPS and some generators write a wrong one.
        try:
            top = list(workbook.rows(worksheet, max_row=HEADER_SEARCH_ROWS))
        except UploadRefused as exc:
            raise FileRefused(exc.message) from None
        except Exception:
            raise FileRefused("文件内容已损坏，无法读取表头。" + SAVE_AS_XLSX) from None
        title = clean_text(str(worksheet.title))
        if first_row is None:
            first_row = next(
                ((title, n, v) for n, v in top if any(x is not None and str(x).strip() for x in v)), None
            )
        layout = find_layout(title, top, matcher)
        if layout is not None and (best is None or len(layout.mapping) > best[0]):
            best = (len(layout.mapping), worksheet, layout)
    if best is None:
        if first_row is None:
            raise FileRefused(EMPTY_WORKBOOK)
        # No row names a column: the first non-blank row stands as the header, so that the
        # record type can say what is missing.
        title, number, values = first_row
        layout = Layout(sheet_title=title, header_rows=(number,), headers=[])
        return LedgerSheet(workbook, workbook.worksheets[0], layout, bounds)
    return LedgerSheet(workbook, best[1], best[2], bounds)


@contextmanager
def open_ledger(
    source: IO[bytes] | str | Path, matcher: Matcher, limits_: Limits | None = None
) -> Iterator[LedgerSheet]:
    """Check and open a ledger file; the sheet is readable inside the `with` block."""
    bounds = limits_ or limits(matcher.record_type.max_rows_setting)
    fh: IO[bytes] = open(source, "rb") if isinstance(source, (str, Path)) else source  # noqa: SIM115
    try:
        fh.seek(0, 2)
        check_size(fh.tell(), bounds)
        fh.seek(0)
        check_magic(fh.read(8))
        fh.seek(0)
        check_zip(fh, bounds)
        fh.seek(0)
        workbook = load_workbook(fh, bounds)
        try:
            sheet = _find_sheet(workbook, matcher, bounds)
            matcher.record_type.check_layout(sheet.layout)
            yield sheet
        finally:
            workbook.close()
    finally:
        if isinstance(source, (str, Path)):
            fh.close()
        elif not fh.closed:
            fh.seek(0)  # the caller stores the upload afterwards
