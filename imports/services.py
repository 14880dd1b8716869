"""The import's lifecycle: upload and preview, map the headers, choose ambiguous recipients,
confirm (imports.apply), error workbook; and the command line's one-step path.

Nothing reaches the records before the confirmation; every step re-reads the stored file.
A large file's reading and writing are tasks of the queue (imports.jobs): the same steps,
done by the task worker while the page follows them.
"""

from __future__ import annotations

import os
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from audit.context import current_actor
from audit.registry import log_event
from unions.models import Union

from . import jobs, registry
from .apply import (
    ApplyOutcome,
    ImportRefusedError,
    _already_done,
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
from .models import ImportJob, RecordImport
from .plan import Plan, build_plan
from .reader import check_size, limits, open_ledger
from .sizing import reads_in_background

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


def record_import_upload(*, union: Union, user: Any, kind: str, upload: UploadedFile) -> RecordImport:
    """The upload page's door: a small file is read and checked now (record_import_create);
    a large one is stored as 正在读取 and read by the task worker. Raises FileRefused for a
    file refused on its size, kind or zip directory, which is checked here in either case."""
    bounds = limits(registry.get(kind).max_rows_setting)
    if not reads_in_background(upload, upload.size or 0, bounds):
        return record_import_create(union=union, user=user, kind=kind, upload=upload)
    record_import = RecordImport(
        union=union,
        kind=kind,
        uploaded_by=user,
        original_name=os.path.basename(upload.name or "ledger.xlsx")[:255],
        status=RecordImport.Status.READING,
    )
    upload.seek(0)
    record_import.file.save("ledger.xlsx", upload, save=False)
    try:
        record_import.save()
    except Exception:
        record_import.file.delete(save=False)
        raise
    _queue(record_import, ImportJob.Step.READ, user)
    return record_import


def _queue(record_import: RecordImport, step: str, user: Any) -> ImportJob:
    return jobs.start(
        record_import=record_import, step=step, user=user, ip_address=current_actor().ip_address
    )


def _editable(record_import: RecordImport) -> None:
    if record_import.status == RecordImport.Status.READING or jobs.active(record_import) is not None:
        raise ImportRefusedError("文件正在由后台任务处理，请等处理完成后再修改。")
    if record_import.status != RecordImport.Status.PREVIEWED:
        raise ImportRefusedError("该导入已结束，不能再修改。")


def _read_again(record_import: RecordImport, user: Any, **changes: Any) -> RecordImport:
    """A large import read again by the task worker with the clerk's new mapping or choices
    (saved now; the worker also remembers the mapping, as the request does)."""
    for name, value in changes.items():
        setattr(record_import, name, value)
    record_import.status = RecordImport.Status.READING
    record_import.save()
    _queue(record_import, ImportJob.Step.READ, user)
    return record_import


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
    if jobs.in_background(record_import):
        return _read_again(record_import, user, mapping={**record_import.mapping, **chosen}, resolutions={})
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


def record_import_resolve(
    *, record_import: RecordImport, choices: dict[str, str], user: Any = None
) -> RecordImport:
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
    if jobs.in_background(record_import):
        chosen = {**record_import.resolutions, **{r: v for r, v in choices.items() if v}}
        return _read_again(record_import, user or record_import.uploaded_by, resolutions=chosen)
    with transaction.atomic():
        record_import.resolutions = {**record_import.resolutions, **{r: v for r, v in choices.items() if v}}
        record(record_import, plan_stored(record_import))
        record_import.save()
    return record_import


def record_import_confirm(*, record_import: RecordImport, user: Any) -> ApplyOutcome | ImportJob:
    """Write a previewed import: now, or, past IMPORT_SYNC_MAX_ROWS, by the task worker (the
    job is returned; one already under way is returned instead of a second)."""
    under_way = jobs.active(record_import)
    if under_way is not None:
        return under_way
    if not jobs.in_background(record_import):
        return apply_import(record_import, user)
    if record_import.status != RecordImport.Status.PREVIEWED:
        raise _already_done(record_import)
    return _queue(record_import, ImportJob.Step.APPLY, user)


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
