"""The import's lifecycle: upload and preview, map the headers, choose ambiguous recipients,
confirm (imports.apply), error workbook; and the command line's one-step path.

Nothing reaches the records before the confirmation; every step re-reads the stored file.
"""

from __future__ import annotations

import os
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from audit.registry import log_event
from unions.models import Union

from . import registry
from .apply import (
    ApplyOutcome,
    ImportRefusedError,
    apply_import,
    event_details,
    logged_as,
    matcher_for,
    plan_stored,
    record,
    remember_mapping,
    write_plan,
)
from .errors_xlsx import build_errors_workbook
from .models import RecordImport
from .plan import Plan, build_plan
from .reader import check_size, limits, open_ledger

__all__ = ["ApplyOutcome", "ImportRefusedError", "apply_import"]


def plan_file(
    *,
    union: Union,
    kind: str,
    source: IO[bytes] | str | os.PathLike[str],
    chosen: dict[str, str] | None = None,
) -> Plan:
    """Read and check a ledger against `union`'s records. Raises FileRefused."""
    with open_ledger(source, matcher_for(union=union, kind=kind, chosen=chosen)) as sheet:
        return build_plan(record_type=registry.get(kind), sheet=sheet, union=union)


def record_import_create(*, union: Union, user: Any, kind: str, upload: UploadedFile) -> RecordImport:
    """Check an uploaded ledger and keep it for preview. Raises FileRefused for files that
    cannot be read (nothing is stored then); a file whose headers need mapping is kept."""
    check_size(upload.size or 0, limits(registry.get(kind).max_rows_setting))
    plan = plan_file(union=union, kind=kind, source=upload)
    record_import = RecordImport(
        union=union,
        kind=kind,
        uploaded_by=user,
        original_name=os.path.basename(upload.name or "ledger.xlsx")[:255],
    )
    record(record_import, plan)
    upload.seek(0)
    record_import.file.save("ledger.xlsx", upload, save=False)
    try:
        record_import.save()
    except Exception:
        record_import.file.delete(save=False)
        raise
    return record_import


def _editable(record_import: RecordImport) -> None:
    if record_import.status != RecordImport.Status.PREVIEWED:
        raise ImportRefusedError("该导入已结束，不能再修改。")


def record_import_remap(*, record_import: RecordImport, user: Any, chosen: dict[str, str]) -> RecordImport:
    """The clerk's header mapping for this file (normalised header -> column key or "" to
    leave the column out); remembered for the union's next file of this type."""
    _editable(record_import)
    keys = {c.key for c in registry.get(record_import.kind).columns}
    used = [key for key in chosen.values() if key]
    if any(key not in keys for key in used):
        raise ImportRefusedError("选择的对应字段无效，请重新选择。")
    if len(used) != len(set(used)):
        raise ImportRefusedError("有两列选择了同一个字段，每个字段只能对应一列。")
    with transaction.atomic():
        record_import.mapping = {**record_import.mapping, **chosen}
        record_import.resolutions = {}  # rows may mean other things now
        plan = plan_stored(record_import)
        record(record_import, plan)
        record_import.save()
        remember_mapping(
            union=record_import.union,
            kind=record_import.kind,
            plan=plan,
            user=user,
            chosen=record_import.mapping,
        )
    return record_import


def record_import_resolve(*, record_import: RecordImport, choices: dict[str, str]) -> RecordImport:
    """The clerk's choices for ambiguous rows: key (the row, or row-suffix for a row with
    several questions) -> one of that question's candidates."""
    _editable(record_import)
    offered = {
        item.get("key") or str(item["row"]): {value for value, _ in item["candidates"]}
        for item in record_import.summary.get("pending", [])
    }
    for key, value in choices.items():
        if value and value not in offered.get(key, set()):
            raise ImportRefusedError(f"第 {key.split('-')[0]} 行的选择无效，请重新选择。")
    with transaction.atomic():
        record_import.resolutions = {**record_import.resolutions, **{r: v for r, v in choices.items() if v}}
        record(record_import, plan_stored(record_import))
        record_import.save()
    return record_import


def record_import_confirm(*, record_import: RecordImport, user: Any) -> ApplyOutcome:
    return apply_import(record_import, user)


def record_import_run(*, union: Union, plan: Plan, actor: Any, source_name: str) -> int:
    """Write a plan checked just now (the command's path) and log one summary event."""
    with logged_as(actor), transaction.atomic():
        created = write_plan(plan=plan, union=union, actor=actor)
        log_event(union, plan.record_type.import_action, event_details(source_name, plan, created, None))
    return created


def record_import_errors_workbook(*, record_import: RecordImport, full_ids: bool = False) -> bytes:
    matcher = matcher_for(union=record_import.union, kind=record_import.kind, chosen=record_import.mapping)
    with record_import.file.open("rb") as stored, open_ledger(stored, matcher) as sheet:
        plan = build_plan(
            record_type=registry.get(record_import.kind),
            sheet=sheet,
            union=record_import.union,
            resolutions=record_import.resolutions,
        )
        return build_errors_workbook(sheet, plan, full_ids=full_ids)
