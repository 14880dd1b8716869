"""The cheap row estimate that chooses where a file is read (imports.sizing): the sheet's
recorded dimension, never below what the sheet's size allows; small files stay in the
request, large ones go to the task worker."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports import services
from imports.models import ImportJob, RecordImport
from imports.sizing import NARROW_ROW_BYTES, WIDE_ROW_BYTES, estimated_rows

from .files import xlsx

SHEET = "xl/worksheets/sheet1.xml"


def _rows(n: int) -> list[list[object]]:
    return [["日期", "反映事项"], *[["2025-03-01", f"第{i}件事"] for i in range(n)]]


def _rewritten(content: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    """The workbook with its first sheet's XML changed by `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            target.writestr(entry, change(data) if entry.filename == SHEET else data)
    return out.getvalue()


def _sheet_size(content: bytes) -> int:
    return zipfile.ZipFile(io.BytesIO(content)).getinfo(SHEET).file_size


def test_the_recorded_dimension_counts():
    assert estimated_rows(io.BytesIO(xlsx(_rows(30)))) == 31  # the header row too


def test_a_dimension_claiming_one_row_does_not_hide_a_big_sheet():
    content = _rewritten(xlsx(_rows(3000)), lambda x: re.sub(rb'ref="A1:B\d+"', b'ref="A1"', x))
    assert estimated_rows(io.BytesIO(content)) == _sheet_size(content) // WIDE_ROW_BYTES > 10


def test_without_a_dimension_the_size_errs_towards_the_worker():
    content = _rewritten(xlsx(_rows(300)), lambda x: re.sub(rb"<dimension [^>]*/>", b"", x))
    assert estimated_rows(io.BytesIO(content)) == _sheet_size(content) // NARROW_ROW_BYTES > 300


@pytest.mark.django_db
def test_a_small_file_is_read_in_the_request_and_a_large_one_by_the_worker(settings, tmp_path, union, clerk):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_SYNC_MAX_ROWS = 50
    small = services.record_import_upload(
        union=union, user=clerk, kind="petitions", upload=SimpleUploadedFile("a.xlsx", xlsx(_rows(40)))
    )
    assert small.status == RecordImport.Status.PREVIEWED and not ImportJob.objects.exists()
    large = services.record_import_upload(
        union=union, user=clerk, kind="petitions", upload=SimpleUploadedFile("b.xlsx", xlsx(_rows(60)))
    )
    job = ImportJob.objects.get()  # run at once by the tests' task backend
    assert (job.record_import, job.step, job.status) == (large, "read", "done")
    large.refresh_from_db()
    assert large.status == RecordImport.Status.PREVIEWED and large.row_count == 60
