"""Real ledger files built with openpyxl, and the import run through its services."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from imports import services
from imports.models import RecordImport


def xlsx(rows: Sequence[Sequence[Any]], *, title: str = "台账", merges: Sequence[str] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(union: Any, user: Any, kind: str, content: bytes, name: str = "台账.xlsx") -> RecordImport:
    return services.record_import_create(
        union=union, user=user, kind=kind, upload=SimpleUploadedFile(name, content)
    )


def problems(record_import: RecordImport) -> list[tuple[int, str, str]]:
    return [
        (row["row"], column, message)
        for row in record_import.summary["errors"]
        for column, message in row["problems"]
    ]
