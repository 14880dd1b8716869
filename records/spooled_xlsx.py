"""Write-only openpyxl workbooks that spool to the product's private temp directory.

openpyxl writes each write-only sheet to a temporary file before zipping it, named by
`tempfile.NamedTemporaryFile` in the system temp directory; a killed export left full ID
numbers there. Every write-only workbook the product makes is a `PrivateWorkbook` instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet import _writer as openpyxl_sheet_writer
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from . import scratch


class _PrivatelySpooledSheet(WriteOnlyWorksheet):
    """A write-only sheet that spools its rows to a file in our private temp directory.

    openpyxl spools each write-only sheet to a NamedTemporaryFile of its own choosing, in
    the system temp directory; a killed export left full ID numbers there. Its sheet writer
    takes the file to write to (`out`), so we hand it one of ours: the same steps as
    `WriteOnlyWorksheet._get_writer`, with `out` given. No global (tempfile.tempdir) is
    changed, so other threads' and libraries' temporary files are left alone.
    """

    def _get_writer(self) -> None:
        if self._writer is None:
            fd, path = tempfile.mkstemp(prefix="openpyxl.", suffix=".xml", dir=self.parent.spool_dir)
            os.close(fd)
            # openpyxl's own bookkeeping: removed after it is zipped, or at exit.
            openpyxl_sheet_writer.ALL_TEMP_FILES.append(path)
            self._writer = openpyxl_sheet_writer.WorksheetWriter(self, out=path)
            self._writer.write_top()


class PrivateWorkbook(Workbook):
    """A write-only workbook whose sheets spool to `spool_dir` (by default this process's
    private temp directory, see records.scratch), never to /tmp."""

    def __init__(self, spool_dir: str | Path | None = None) -> None:
        super().__init__(write_only=True)
        self.spool_dir = Path(spool_dir) if spool_dir is not None else scratch.process_dir()

    def create_sheet(self, title: str | None = None, index: int | None = None) -> Any:
        sheet = _PrivatelySpooledSheet(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet
