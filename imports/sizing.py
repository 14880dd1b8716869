"""How many rows an uploaded ledger holds, estimated cheaply, to choose where it is read:
in the request (small) or by the task worker (imports/jobs.py).

Nothing is parsed: the zip directory gives each worksheet's inflated size, and the first
few kilobytes of a worksheet give the <dimension> Excel and WPS record there. The reader
never trusts that dimension (imports.reader), and neither does this estimate alone: the
larger of it and the size at a generous width per row counts, so a file claiming one row
while holding thousands still goes to the worker. A wrong guess only costs a refresh.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from typing import IO

from django.conf import settings

from .reader import Limits, check_magic, check_size, check_zip

# Bytes of sheet XML per row: a wide row of shared strings is under this, so size // WIDE
# is a floor on the rows; with no dimension, size // NARROW errs towards the worker.
WIDE_ROW_BYTES = 2_000
NARROW_ROW_BYTES = 100
HEAD_BYTES = 4_096
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*(\d*)(?::[A-Z]*(\d+))?\"")


def sync_limit() -> int:
    return int(settings.IMPORT_SYNC_MAX_ROWS)


def _dimension_rows(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> int | None:
    with archive.open(entry) as part:
        head = part.read(HEAD_BYTES)  # inflates at most this much
    found = _DIMENSION.search(head)
    if found is None:
        return None
    numbers = [int(n) for n in found.groups() if n]
    return max(numbers) if numbers else None


def estimated_rows(fh: IO[bytes]) -> int:
    """The most rows any worksheet of the (already checked) workbook may hold."""
    position = fh.tell()
    try:
        with zipfile.ZipFile(fh) as archive:
            best = 0
            for entry in archive.infolist():
                name = entry.filename
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                recorded = _dimension_rows(archive, entry)
                if recorded is None:
                    best = max(best, entry.file_size // NARROW_ROW_BYTES)
                else:
                    best = max(best, recorded, entry.file_size // WIDE_ROW_BYTES)
            return best
    finally:
        fh.seek(position)


def reads_in_background(fh: IO[bytes], size: int, bounds: Limits) -> bool:
    """Check what is cheap to check (size, kind, zip directory; refusals come at once, in
    the request) and say whether the file is large enough for the task worker."""
    check_size(size, bounds)
    fh.seek(0)
    check_magic(fh.read(8))
    fh.seek(0)
    check_zip(fh, bounds)
    fh.seek(0)
    try:
        return estimated_rows(fh) > sync_limit()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return False  # the reader will say what is wrong, in the request
