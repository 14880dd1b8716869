"""Writing workbooks, and logging every export in the audit log."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.registry import log_event
from records.periods import Period, period_for
from unions.models import Union

from . import events, signing
from .exporters import ANNUAL_WORKBOOK, ROLLUP_WORKBOOK, ExportContext, XlsxWriter, sheets
from .models import RegisteredKey
from .rollup import Rollup


@dataclass(frozen=True)
class ExportResult:
    row_counts: dict[str, int]  # {sheet name: data rows}
    size: int  # bytes; 0 when written to a stream of unknown size


def annual_context(
    *,
    union: Union,
    year: int | None = None,
    full_ids: bool,
    generated_by: str = "",
    period: Period | None = None,
) -> ExportContext:
    """The workbook of `period` (a year, half, quarter or the year so far), or of the
    statistical `year`."""
    if period is None:
        assert year is not None, "a workbook needs its period"
        period = period_for(union, year)
    return ExportContext(union=union, period=period, full_ids=full_ids, generated_by=generated_by)


def expected_rows(context: ExportContext) -> int:
    """Rows the annual workbook will have, for progress: one count query per ledger."""
    return sum(cls(context).count() or 0 for cls in sheets(ANNUAL_WORKBOOK))


def _size_of(target: str | Path | IO[bytes]) -> int:
    if isinstance(target, (str, Path)):
        return os.path.getsize(target)
    try:
        return target.tell()
    except (AttributeError, OSError):
        return 0


def write_annual_workbook(
    *,
    context: ExportContext,
    target: str | Path | IO[bytes],
    progress: Callable[[int], None] | None = None,
    fast: bool | None = None,
    spool_dir: Path | None = None,
) -> ExportResult:
    """The annual workbook of `context.union` for `context.period`: the indicator sheet, one
    sheet per ledger, and the 说明 sheet. Nothing is logged here: see `log_export`.
    openpyxl's sheet spools go to `spool_dir` (default: this process's private temp dir)."""
    writer = XlsxWriter(fast=fast, progress=progress, spool_dir=spool_dir)
    for cls in sheets(ANNUAL_WORKBOOK):
        writer.add(cls(context))
    writer.save(target)
    return ExportResult(row_counts=writer.row_counts, size=_size_of(target))


def log_export(*, context: ExportContext, result: ExportResult, via: str, job_id: int | None = None) -> None:
    """Who exported what and when: one entry on the union, by the acting user (audit context)."""
    details: dict[str, Any] = {
        "year": context.period.year,
        "period": f"{context.period.start:%Y-%m-%d}至{context.period.end:%Y-%m-%d}",
        "full_ids": context.full_ids,
        "sheets": result.row_counts,
        "file_size": result.size,
        "via": via,
    }
    if job_id is not None:
        details["job"] = job_id
    log_event(context.union, events.EXPORTED, details)


def export_annual_workbook(
    *,
    union: Union,
    year: int,
    full_ids: bool,
    target: str | Path | IO[bytes],
    generated_by: str = "",
    via: str = "网页",
    fast: bool | None = None,
) -> ExportResult:
    """Write the annual workbook and log the export."""
    context = annual_context(union=union, year=year, full_ids=full_ids, generated_by=generated_by)
    result = write_annual_workbook(context=context, target=target, fast=fast)
    log_export(context=context, result=result, via=via)
    return result


def export_rollup_workbook(
    *, rollup: Rollup, target: str | Path | IO[bytes], generated_by: str = "", fast: bool | None = None
) -> ExportResult:
    """The roll-up workbook of a higher-level union (summed indicators, the per-union
    breakdown, 说明), logged as an export. It holds no personal data."""
    context = ExportContext(
        union=rollup.union,
        period=rollup.period,
        generated_by=generated_by,
        generated_at=dt.datetime.now().replace(microsecond=0),
        rollup=rollup,
    )
    writer = XlsxWriter(fast=fast)
    for cls in sheets(ROLLUP_WORKBOOK):
        writer.add(cls(context))
    writer.save(target)
    result = ExportResult(row_counts=writer.row_counts, size=_size_of(target))
    log_event(
        rollup.union,
        events.ROLLUP_EXPORTED,
        {
            "year": rollup.year,
            "units": len(rollup.sources),
            "external_reports": sum(1 for s in rollup.sources if s.external_id),
            "sheets": result.row_counts,
        },
    )
    return result


def register_key(
    *, union: Union, source_code: str, source_name: str, public_key: Ed25519PublicKey, user: Any
) -> RegisteredKey:
    """Trust `public_key` for workbooks of the subordinate union `source_code` imported by
    `union`. The creation is audit-logged with the fingerprint."""
    fingerprint = signing.fingerprint(public_key)
    code = source_code.strip()
    duplicate = RegisteredKey.objects.live().filter(union=union, source_code=code, fingerprint=fingerprint)
    if duplicate.exists():
        raise ValidationError("该公钥已为此下级工会登记过。")
    key = RegisteredKey(
        union=union,
        source_code=code,
        source_name=source_name.strip(),
        public_key=signing.public_key_pem(public_key),
        fingerprint=fingerprint,
        registered_by=user,
    )
    with transaction.atomic():
        key.full_clean()
        key.save()
    return key
