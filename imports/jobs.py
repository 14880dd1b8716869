"""Large imports as tasks of the queue (background.queue): the task worker, not the web
process, reads and checks a large uploaded file and, once the clerk confirms, writes it.

A file estimated past IMPORT_SYNC_MAX_ROWS (imports.sizing) is stored at upload with the
status 正在读取 and a READ job; a new mapping or new choices for such a file queue another.
The confirmation of an import counted past the limit queues an APPLY job. The preview page
follows the job (imports.job_pages) and shows the result as the request would have.

The work is what the request does: `plan_stored` + `record` to read, `apply_import` to
write, all in one transaction that also marks the import applied. So a worker killed at any
point leaves the records as they were or the import applied, never half of it; the retry
checks the import's status first and never writes twice (a copy of a task from an earlier
attempt is skipped by its attempt number). Each job holds a workspace named
`import-job-<id>` while it runs; the sweep (background.sweeps) finds a killed worker's and
the job is queued again, up to TASK_MAX_ATTEMPTS, then failed with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from audit.context import acting_as
from background import queue
from records import scratch
from unions.permissions import Perm, get_access

from .apply import ImportRefusedError, apply_import, plan_stored, record, remember_mapping
from .models import ImportJob, RecordImport
from .reader import FileRefused
from .sizing import sync_limit

logger = logging.getLogger(__name__)

WORKSPACE_PREFIX = "import-job-"
STALE_AFTER = dt.timedelta(minutes=30)
UNDER_WAY = (ImportJob.Status.PENDING, ImportJob.Status.RUNNING)
STOPPED = "（后台任务进程已停止，可能是服务器重启），{again}未写入任何数据。"
INTERRUPTED = {
    ImportJob.Step.READ: "读取中断" + STOPPED + "请重新上传文件。",
    ImportJob.Step.APPLY: "导入中断" + STOPPED + "请重新确认导入。",
}
RETRIED = "已自动重试 {attempts} 次仍未完成，"
UNREADABLE = "保存的上传文件已无法读取，请重新上传。"
NOT_ALLOWED = "操作人已没有本会导入台账的权限，未写入任何数据。"


def in_background(record_import: RecordImport) -> bool:
    """A read import this large is written (and re-read) by the task worker."""
    return record_import.row_count > sync_limit()


def active(record_import: RecordImport) -> ImportJob | None:
    return record_import.jobs.filter(status__in=UNDER_WAY).order_by("-pk").first()


def with_jobs(imports: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """A list of imports with their jobs in one more query (RecordImport.job)."""
    return imports.prefetch_related(
        models.Prefetch("jobs", queryset=ImportJob.objects.order_by("-pk"), to_attr="job_list")
    )


def _enqueue(job: ImportJob) -> ImportJob:
    from .tasks import run_import_job

    job.attempts += 1
    ImportJob.objects.filter(pk=job.pk).update(attempts=job.attempts)
    task_id = queue.enqueue(run_import_job, job_id=job.pk, attempt=job.attempts)
    ImportJob.objects.filter(pk=job.pk).update(task_id=task_id)
    job.refresh_from_db()
    return job


def start(*, record_import: RecordImport, step: str, user: Any, ip_address: str | None) -> ImportJob:
    """Queue `step` of the import for the task worker (the import is committed); a job of
    the import already under way is returned instead of a second one."""
    under_way = active(record_import)
    if under_way is not None:
        return under_way
    job = ImportJob.objects.create(
        union_id=record_import.union_id,
        record_import=record_import,
        step=step,
        requested_by=user,
        requested_from=ip_address,
    )
    return _enqueue(job)


def _finish(
    job: ImportJob, status: str, *, error: str = "", outcome: str = "", applied: bool = False
) -> ImportJob:
    job.refresh_from_db()
    job.status, job.error, job.outcome, job.applied = status, error, outcome, applied
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "outcome", "applied", "finished_at"])  # logged
    return job


def _fail(job: ImportJob, message: str) -> ImportJob:
    """The job failed; a file that could not be read is failed too, and its stored copy
    (personal data of no further use) deleted."""
    if job.step == ImportJob.Step.READ:
        with transaction.atomic():
            record_import = RecordImport.objects.select_for_update().get(pk=job.record_import_id)
            if record_import.status == RecordImport.Status.READING:
                if record_import.file:
                    record_import.file.delete(save=False)
                record_import.status = RecordImport.Status.FAILED
                record_import.failure = message
                record_import.save(update_fields=["status", "failure", "file", "updated_at"])
    return _finish(job, ImportJob.Status.FAILED, error=message)


def _done_before(job: ImportJob, record_import: RecordImport) -> ImportJob | None:
    """An earlier attempt finished the work and was killed before it said so."""
    if job.step == ImportJob.Step.READ and record_import.status != RecordImport.Status.READING:
        return _finish(job, ImportJob.Status.DONE)
    if job.step == ImportJob.Step.APPLY and record_import.status == RecordImport.Status.APPLIED:
        outcome = f"导入完成：已写入 {record_import.created_count} 条记录。"
        return _finish(job, ImportJob.Status.DONE, outcome=outcome, applied=True)
    return None


def _read(job: ImportJob) -> ImportJob:
    record_import = RecordImport.objects.select_related("union").get(pk=job.record_import_id)
    done = _done_before(job, record_import)
    if done is not None:
        return done
    try:
        plan = plan_stored(record_import)
    except FileRefused as exc:
        return _fail(job, exc.message)
    except OSError:
        return _fail(job, UNREADABLE)
    with transaction.atomic():
        locked = RecordImport.objects.select_for_update().select_related("union").get(pk=record_import.pk)
        if locked.status != RecordImport.Status.READING:
            return _finish(job, ImportJob.Status.DONE)
        record(locked, plan)
        locked.status = RecordImport.Status.PREVIEWED
        locked.save()
        if locked.mapping:  # read again after the clerk's mapping: remembered, as in the request
            remember_mapping(
                union=locked.union, kind=locked.kind, plan=plan, user=job.requested_by, chosen=locked.mapping
            )
    return _finish(job, ImportJob.Status.DONE)


def _apply(job: ImportJob) -> ImportJob:
    record_import = RecordImport.objects.select_related("union").get(pk=job.record_import_id)
    done = _done_before(job, record_import)
    if done is not None:
        return done
    try:
        outcome = apply_import(record_import, job.requested_by)
    except ImportRefusedError as exc:
        return _fail(job, exc.message)
    return _finish(job, ImportJob.Status.DONE, outcome=outcome.message, applied=outcome.applied)


def run(job_id: int) -> ImportJob:
    """Do the job's step in the calling process, as its requester, and record the outcome."""
    job = ImportJob.objects.select_related("union", "requested_by").get(pk=job_id)
    user = job.requested_by
    with (
        acting_as(user, label=user.get_username(), ip_address=job.requested_from),
        scratch.workspace(f"{WORKSPACE_PREFIX}{job.pk}"),
    ):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
        try:
            access = get_access(user, job.union)  # the roles of the request, checked again now
            if access is None or not access.can(Perm.EDIT):
                return _fail(job, NOT_ALLOWED)
            return _read(job) if job.step == ImportJob.Step.READ else _apply(job)
        except Exception as exc:
            logger.exception("import job %s failed", job.pk)
            return _fail(
                job,
                f"未能导入：{exc.__class__.__name__}。未写入任何数据，请稍后重试；如仍失败，请联系系统管理员。",
            )


def _interrupted_message(job: ImportJob) -> str:
    again = RETRIED.format(attempts=job.attempts - 1) if job.attempts > 1 else ""
    return INTERRUPTED[ImportJob.Step(job.step)].format(again=again)


def interrupted(job_ids: list[int]) -> int:
    """Jobs whose workspaces the sweep found dead (background.sweeps): done, retried or failed."""
    count = 0
    for job in ImportJob.objects.filter(pk__in=job_ids, status__in=UNDER_WAY).select_related("record_import"):
        queue.abandon(job.task_id)
        if _done_before(job, job.record_import) is None:
            if job.attempts < queue.max_attempts():
                ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.PENDING, started_at=None)
                _enqueue(job)
            else:
                _fail(job, _interrupted_message(job))
        count += 1
    return count


def mark_stale(job: ImportJob) -> ImportJob:
    """A job silent for too long died with a worker on another machine: say so."""
    if job.is_finished or timezone.now() - (job.started_at or job.created_at) <= STALE_AFTER:
        return job
    queue.abandon(job.task_id)
    return _done_before(job, job.record_import) or _fail(job, _interrupted_message(job))
