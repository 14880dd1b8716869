"""The import's lifecycle: upload and preview, confirm, error workbook.

Uploading reads and checks the whole file and stores it with a summary for the preview;
nothing reaches the roster. Confirming reads the stored file again and checks it against
the roster as it is then, because members may have changed since the preview.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.registry import log_event
from unions.models import Union

from ..import_models import RosterImport
from .apply import ImportResult, roster_import_apply
from .errors_xlsx import build_errors_workbook
from .plan import ImportPlan, build_plan
from .preview import plan_summary
from .reader import RosterFileError, check_size, open_roster
from .validate import ParsedSheet, parse_sheet

# Shown as 导入花名册 once members/apps.py registers the label with register_event_labels.
IMPORT_ACTION = "members.roster.imported"


class ImportRefusedError(Exception):
    """The import cannot be applied now; `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ConfirmOutcome:
    applied: bool
    message: str


def plan_file(*, union: Union, source: IO[bytes] | str | os.PathLike[str]) -> ImportPlan:
    """Read and check a roster file against `union`'s roster. Raises RosterFileError."""
    with open_roster(source) as sheet:
        parsed = parse_sheet(sheet)
    return build_plan(union=union, parsed=parsed)


def _record(roster_import: RosterImport, plan: ImportPlan) -> None:
    counts = plan.counts()
    roster_import.row_count = counts["rows"]
    roster_import.added_count = counts["added"]
    roster_import.updated_count = counts["updated"]
    roster_import.unchanged_count = counts["unchanged"]
    roster_import.invalid_count = counts["invalid"]
    roster_import.summary = plan_summary(plan)


def roster_import_create(*, union: Union, user: Any, upload: UploadedFile) -> RosterImport:
    """Check an uploaded file and keep it for preview. Raises RosterFileError for bad files,
    in which case nothing is stored."""
    check_size(upload.size or 0)
    plan = plan_file(union=union, source=upload)
    roster_import = RosterImport(
        union=union, uploaded_by=user, original_name=os.path.basename(upload.name or "roster.xlsx")[:255]
    )
    _record(roster_import, plan)
    upload.seek(0)
    roster_import.file.save("roster.xlsx", upload, save=False)
    try:
        roster_import.save()
    except Exception:
        roster_import.file.delete(save=False)
        raise
    return roster_import


def _already_done(roster_import: RosterImport) -> ImportRefusedError:
    if roster_import.status == RosterImport.Status.APPLIED:
        when = timezone.localtime(roster_import.applied_at).strftime("%Y-%m-%d %H:%M")
        return ImportRefusedError(f"该文件已于 {when} 导入，不会重复导入。")
    return ImportRefusedError("该导入已失败，请重新上传文件。")


def roster_import_confirm(*, roster_import: RosterImport, user: Any) -> ConfirmOutcome:
    """Apply a previewed import once. Refreshes the preview instead when the file, checked
    again now, has errors or would do something other than the preview showed."""
    if roster_import.status != RosterImport.Status.PREVIEWED:
        raise _already_done(roster_import)
    union = roster_import.union
    try:
        with roster_import.file.open("rb") as stored:
            parsed = _parse(stored)
    except (RosterFileError, OSError):
        RosterImport.objects.filter(pk=roster_import.pk, status=RosterImport.Status.PREVIEWED).update(
            status=RosterImport.Status.FAILED, failure="保存的上传文件无法读取。"
        )
        raise ImportRefusedError("保存的上传文件已无法读取，请重新上传。") from None

    try:
        with transaction.atomic():
            # The lock makes a second confirm wait for the first and then see it applied.
            locked = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
            if locked.status != RosterImport.Status.PREVIEWED:
                raise _already_done(locked)
            plan = build_plan(union=union, parsed=parsed)
            before = (locked.added_count, locked.updated_count, locked.invalid_count)
            if plan.has_errors or before != (len(plan.adds), len(plan.updates), len(plan.invalid)):
                _record(locked, plan)
                locked.save()
                message = (
                    f"重新检查发现 {len(plan.invalid)} 行有错误，未导入任何数据。请修改文件后重新上传。"
                    if plan.has_errors
                    else "预览之后花名册已有变化，已按最新数据重新核对。请查看新的预览后再确认。"
                )
                return ConfirmOutcome(applied=False, message=message)
            result = roster_import_apply(union=union, plan=plan)
            locked.status = RosterImport.Status.APPLIED
            locked.applied_at = timezone.now()
            locked.applied_by = user
            _record(locked, plan)
            locked.save()
            log_event(locked, IMPORT_ACTION, _event_details(locked.original_name, plan, result, locked.pk))
    except IntegrityError:
        # Someone added one of these members between the check and the write.
        raise ImportRefusedError("导入时花名册被他人同时修改，未写入任何数据。请稍后重新确认。") from None
    roster_import.refresh_from_db()
    return ConfirmOutcome(
        applied=True, message=f"导入完成：新增 {result.added} 人，更新 {result.updated} 人。"
    )


def _parse(stored: IO[bytes]) -> ParsedSheet:
    with open_roster(stored) as sheet:
        return parse_sheet(sheet)


def _event_details(
    name: str, plan: ImportPlan, result: ImportResult, import_id: int | None
) -> dict[str, Any]:
    details: dict[str, Any] = {
        "file": name,
        "rows": plan.row_count,
        "added": result.added,
        "updated": result.updated,
        "unchanged": plan.unchanged,
    }
    if import_id is not None:
        details["roster_import"] = import_id
    return details


def roster_import_run(*, union: Union, plan: ImportPlan, source_name: str) -> ImportResult:
    """Apply a plan checked just now (the command's path) and log one summary event."""
    with transaction.atomic():
        result = roster_import_apply(union=union, plan=plan)
        log_event(union, IMPORT_ACTION, _event_details(source_name, plan, result, None))
    return result


def roster_import_errors_workbook(*, roster_import: RosterImport, full_ids: bool = False) -> bytes:
    """The invalid rows of the stored file, checked against the roster as it is now; ID
    numbers masked unless `full_ids` (the user may see them)."""
    with roster_import.file.open("rb") as stored, open_roster(stored) as sheet:
        plan = build_plan(union=roster_import.union, parsed=parse_sheet(sheet))
        return build_errors_workbook(sheet, plan, full_ids=full_ids)
