"""Writing a checked import: every record in one transaction, or none.

`apply_import(import_obj, actor)` is a plain function so that a task can run it later: it
reads the stored file again, checks it against the records as they are now (with the
clerk's mapping and choices), and writes only when the result is what the preview showed.
`actor` is the user the new records are entered by (the audit log, and so separation of
duties on disbursements, count them as this user's entries).
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.context import acting_as, current_actor
from audit.registry import log_event
from unions.models import Union

from . import registry
from .headers import Matcher
from .models import HeaderMapping, RecordImport
from .plan import Plan, build_plan
from .preview import plan_summary
from .reader import FileRefused, open_ledger

IMPORT_ACTION = "imports.records.imported"  # a record type may log under its own action


class ImportRefusedError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ApplyOutcome:
    applied: bool
    message: str
    created: int = 0


def matcher_for(*, union: Union, kind: str, chosen: dict[str, str] | None = None) -> Matcher:
    remembered = (
        HeaderMapping.objects.filter(union=union, kind=kind).values_list("mapping", flat=True).first()
    )
    return Matcher(registry.get(kind), remembered=remembered or {}, chosen=chosen or {})


def plan_stored(record_import: RecordImport) -> Plan:
    matcher = matcher_for(union=record_import.union, kind=record_import.kind, chosen=record_import.mapping)
    with record_import.file.open("rb") as stored, open_ledger(stored, matcher) as sheet:
        return build_plan(
            record_type=registry.get(record_import.kind),
            sheet=sheet,
            union=record_import.union,
            resolutions=record_import.resolutions,
        )


def record(record_import: RecordImport, plan: Plan) -> None:
    counts = plan.counts()
    record_import.row_count = counts["rows"]
    record_import.valid_count = counts["valid"]
    record_import.invalid_count = counts["invalid"]
    record_import.pending_count = counts["pending"]
    record_import.updated_count = counts["updated"]
    record_import.unchanged_count = counts["unchanged"]
    record_import.summary = plan_summary(plan)


def remember_mapping(
    *, union: Union, kind: str, plan: Plan, user: Any, chosen: dict[str, str] | None = None
) -> None:
    """The headers of this file as they were mapped (and those the clerk left out), kept for
    the union's next file."""
    layout = plan.layout
    chosen = {
        **{layout.normalized(index): key for index, key in layout.mapping.items()},
        **(chosen or {}),
    }
    mapping, _ = HeaderMapping.objects.get_or_create(union=union, kind=kind, defaults={"updated_by": user})
    merged = {**mapping.mapping, **chosen}
    if merged != mapping.mapping:
        mapping.mapping = merged
        mapping.updated_by = user
        mapping.save()


def logged_as(actor: Any) -> AbstractContextManager[Any]:
    """Log under the user who imports, also outside a request (a task, a command)."""
    current = current_actor()
    if actor is None or current.user == actor:
        return nullcontext()
    return acting_as(actor, ip_address=current.ip_address)


def write_plan(*, plan: Plan, union: Union, actor: Any) -> int:
    """The plan's records written under `actor`; the caller holds the transaction."""
    if not plan.ready:
        raise ValueError("An import plan with errors, questions or missing columns cannot be applied.")
    with logged_as(actor):
        return plan.record_type.write([item for _, item in plan.valid], union=union, actor=actor)


def _already_done(record_import: RecordImport) -> ImportRefusedError:
    if record_import.status == RecordImport.Status.APPLIED:
        when = timezone.localtime(record_import.applied_at).strftime("%Y-%m-%d %H:%M")
        return ImportRefusedError(f"该文件已于 {when} 导入，不会重复导入。")
    return ImportRefusedError("该导入已失败，请重新上传文件。")


def apply_import(import_obj: RecordImport, actor: Any) -> ApplyOutcome:
    """Apply a previewed import once, all or nothing. When the file, checked again now, has
    errors or would write other than the preview showed, the preview is refreshed instead."""
    if import_obj.status != RecordImport.Status.PREVIEWED:
        raise _already_done(import_obj)
    union = import_obj.union
    try:
        plan = plan_stored(import_obj)
    except (FileRefused, OSError):
        RecordImport.objects.filter(pk=import_obj.pk, status=RecordImport.Status.PREVIEWED).update(
            status=RecordImport.Status.FAILED, failure="保存的上传文件无法读取。"
        )
        raise ImportRefusedError("保存的上传文件已无法读取，请重新上传。") from None
    try:
        with logged_as(actor), transaction.atomic():
            locked = RecordImport.objects.select_for_update().get(pk=import_obj.pk)
            if locked.status != RecordImport.Status.PREVIEWED:
                raise _already_done(locked)
            before = (
                locked.valid_count,
                locked.updated_count,
                locked.unchanged_count,
                locked.invalid_count,
                locked.pending_count,
            )
            after = (len(plan.valid), plan.updated, plan.unchanged, len(plan.invalid), len(plan.pending))
            if not plan.ready or before != after:
                record(locked, plan)
                locked.save()
                if plan.missing:
                    message = f"缺少必需的列：{'、'.join(plan.missing)}。请在预览中指定列的对应关系。"
                elif plan.invalid:
                    message = (
                        f"重新检查发现 {len(plan.invalid)} 行有错误，未导入任何数据。请修改文件后重新上传。"
                    )
                elif plan.pending:
                    message = f"还有 {len(plan.pending)} 行待确认（同名会员），请在预览中选择后再导入。"
                elif not plan.valid:
                    message = "文件中没有可导入的数据行。"
                else:
                    message = "预览之后数据已有变化，已按最新数据重新核对。请查看新的预览后再确认。"
                return ApplyOutcome(applied=False, message=message)
            created = write_plan(plan=plan, union=union, actor=actor)
            record(locked, plan)
            locked.status = RecordImport.Status.APPLIED
            locked.applied_at = timezone.now()
            locked.applied_by = actor
            locked.created_count = created
            locked.save()
            remember_mapping(union=union, kind=locked.kind, plan=plan, user=actor, chosen=locked.mapping)
            log_event(
                locked,
                plan.record_type.import_action,
                event_details(locked.original_name, plan, created, locked.pk),
            )
    except IntegrityError:
        raise ImportRefusedError("导入时数据被他人同时修改，未写入任何数据。请稍后重新确认。") from None
    import_obj.refresh_from_db()
    return ApplyOutcome(applied=True, message=plan.record_type.done_message(plan, created), created=created)


def event_details(name: str, plan: Plan, created: int, import_id: int | None) -> dict[str, Any]:
    details: dict[str, Any] = {
        "file": name,
        "kind": plan.record_type.key,
        "rows": plan.row_count,
        "created": created,
    }
    if plan.skipped.totals:
        details["skipped_totals"] = len(plan.skipped.totals)
    if import_id is not None:
        details["record_import"] = import_id
    return details | plan.record_type.event_extra(plan)
