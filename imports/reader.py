"""Opening a ledger within bounds (records.xlsx_upload, through the roster import's checks) and
reading its data rows.

Below the header, a row is data unless every mapped cell is blank (numbered blank rows at
the end of a form are blank), it is a totals row (合计, 小计, 总计 …) or a footer line
(制表人：…, 审核：…). Skipped totals and footers are counted and shown in the preview.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from members.importing.reader import (
    SAVE_AS_XLSX,
    Limits,
    RosterFileError,
    _load_workbook,
    check_magic,
    check_size,
    check_zip,
)
from records.text import clean_text
from records.xlsx_upload import UploadedWorkbook, UploadRefused, XlsxLimits

from .headers import HEADER_SEARCH_ROWS, Layout, Matcher, find_layout, map_layout

# The roster's refusal carries a Chinese message for the whole file; every ledger uses it.
FileRefused = RosterFileError

_TOTALS = re.compile(r"^(合计|总计|小计|共计|累计|本页合计|本月合计|总合计)")
_FOOTER = re.compile(r"^(制表|填表|审核|审批|负责人|单位负责人|经办|复核|注|说明|备注)[人]?[：:]")


def limits() -> Limits:
    return Limits(
        max_bytes=settings.MAX_UPLOAD_BYTES,
        max_rows=getattr(settings, "RECORD_IMPORT_MAX_ROWS", 100_000),
        xlsx=XlsxLimits.from_settings(),
    )


@dataclass
class Skipped:
    totals: list[int] = field(default_factory=list)
    footers: list[int] = field(default_factory=list)


def _cell_text(value: Any) -> str:
    return value.replace(" ", "").replace("\u3000", "") if isinstance(value, str) else ""


def row_kind(values: tuple[Any, ...], mapped: list[int]) -> str:
    """'data', 'blank', 'totals' or 'footer'."""
    texts = [_cell_text(v) for v in values if isinstance(v, str) and v.strip()]
    if texts and _TOTALS.match(texts[0]) or any(t in ("合计", "总计", "小计") for t in texts):
        return "totals"
    if texts and _FOOTER.match(texts[0]):
        return "footer"
    for index in mapped:
        value = values[index] if index < len(values) else None
        if value is not None and not (isinstance(value, str) and not value.strip()):
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
            raise FileRefused(f"文件内容已损坏，读到第 {number + 1} 行附近时出错。" + SAVE_AS_XLSX) from None

    def remap(self, matcher: Matcher) -> None:
        map_layout(self.layout, matcher)


def _find_sheet(workbook: UploadedWorkbook, matcher: Matcher, limits: Limits) -> LedgerSheet:
    """The worksheet whose header maps the most columns (the first on a tie)."""
    best: tuple[int, Any, Layout] | None = None
    for worksheet in workbook.worksheets:
        # The recorded <dimension> is never used: WPS and some generators write a wrong one.
        try:
            top = list(workbook.rows(worksheet, max_row=HEADER_SEARCH_ROWS))
        except UploadRefused as exc:
            raise FileRefused(exc.message) from None
        except Exception:
            raise FileRefused("文件内容已损坏，无法读取表头。" + SAVE_AS_XLSX) from None
        layout = find_layout(clean_text(str(worksheet.title)), top, matcher)
        if layout is not None and (best is None or len(layout.mapping) > best[0]):
            best = (len(layout.mapping), worksheet, layout)
    if best is None:
        raise FileRefused(
            "没有找到表头：文件的前几行中没有可识别的列名。请下载导入模板填写，或检查是否选错了文件。"
        )
    return LedgerSheet(workbook, best[1], best[2], limits)


@contextmanager
def open_ledger(
    source: IO[bytes] | str | Path, matcher: Matcher, limits_: Limits | None = None
) -> Iterator[LedgerSheet]:
    """Check and open a ledger file; the sheet is readable inside the `with` block."""
    bounds = limits_ or limits()
    fh: IO[bytes] = open(source, "rb") if isinstance(source, (str, Path)) else source  # noqa: SIM115
    try:
        fh.seek(0, 2)
        check_size(fh.tell(), bounds)
        fh.seek(0)
        check_magic(fh.read(8))
        fh.seek(0)
        check_zip(fh, bounds)
        fh.seek(0)
        workbook = _load_workbook(fh, bounds)
        try:
            yield _find_sheet(workbook, matcher, bounds)
        finally:
            workbook.close()
    finally:
        if isinstance(source, (str, Path)):
            fh.close()
        elif not fh.closed:
            fh.seek(0)
