"""Exports that take more than a moment run as a task of the queue (background.queue).

A big union's workbook is written by a task worker (`manage.py run_worker`), never by the
web process, while the page polls the job row. Everything the export writes, openpyxl's
sheet spools included, goes to the job's workspace in the private temp directory
(records.scratch); the finished file is published into the media storage as
exports/<uuid>.xlsx in one step.

A job whose worker died (killed, restarted) is found by `sweep_interrupted`, run when a
worker starts, when an export starts, when a job page is polled and by
`manage.py sweep_files`: its workspace is removed and the job queued again, up to
TASK_MAX_ATTEMPTS in all, then marked failed. One silent for `STALE_AFTER` is marked
failed too. Files are deleted after `WORKBOOK_EXPORT_KEEP_HOURS`.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from audit.context import Actor, acting_as
from audit.registry import log_event
from background import queue
from members.models import Member
from records import scratch
from records.periods import Period, PeriodKind
from unions.models import Union

from . import events
from .models import ExportJob, ExportStatus
from .services import annual_context, expected_rows, log_export, write_annual_workbook

logger = logging.getLogger(__name__)

EXPORT_DIR = "exports"
WORKSPACE_PREFIX = "export-"
INTERRUPTED = "导出中断（导出进程已停止，可能是服务器重启），未完成的临时文件已清除。请重新导出。"
INTERRUPTED_AGAIN = (
    "导出中断（导出进程已停止，可能是服务器重启），已自动重试 {attempts} 次仍未完成，"
    "未完成的临时文件已清除。请稍后重新导出；如仍失败，请联系系统管理员。"
)
STALE_AFTER = dt.timedelta(minutes=30)
PROGRESS_EVERY = 2_000


def sync_limit() -> int:
    """Unions with at most this many members export while the user waits (about 2 s)."""
    return int(settings.WORKBOOK_SYNC_MAX_MEMBERS)


def keep_hours() -> int:
    return int(getattr(settings, "WORKBOOK_EXPORT_KEEP_HOURS", 24))


def runs_in_background(union: Union) -> bool:
    return Member.objects.filter(union=union).count() > sync_limit()


def create_job(  # type: ignore[no-untyped-def]
    *, union: Union, year: int | None = None, full_ids: bool, user, period: Period | None = None
) -> ExportJob:
    """A job for `period`, or for the statistical `year`."""
    code = "" if period is None or period.kind == PeriodKind.YEAR else period.code
    year = period.year if period is not None else year
    return ExportJob.objects.create(
        union=union, year=year, period_code=code, full_ids=full_ids, requested_by=user
    )


def _label(user) -> str:  # type: ignore[no-untyped-def]
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def workspace_name(job_id: int) -> str:
    return f"{WORKSPACE_PREFIX}{job_id}"


def run_job(job_id: int, actor: Actor | None = None) -> ExportJob:
    """Write the job's workbook (in the calling thread) and record the outcome."""
    job = ExportJob.objects.select_related("union", "requested_by").get(pk=job_id)
    actor = actor or Actor(
        user=job.requested_by, label=job.requested_by.get_username(), ip_address=job.requested_from
    )
    with acting_as(actor.user, label=actor.label, ip_address=actor.ip_address):
        context = annual_context(
            union=job.union, period=job.period, full_ids=job.full_ids, generated_by=_label(job.requested_by)
        )
        name = f"{EXPORT_DIR}/{uuid.uuid4().hex}.xlsx"
        published = ""
        try:
            with scratch.workspace(workspace_name(job.pk)) as work:
                ExportJob.objects.filter(pk=job.pk).update(
                    status=ExportStatus.RUNNING, started_at=timezone.now(), total_rows=expected_rows(context)
                )

                def progress(rows: int) -> None:
                    ExportJob.objects.filter(pk=job.pk).update(progress_rows=rows)

                staged = work / "workbook.xlsx"
                result = write_annual_workbook(
                    context=context, target=staged, progress=progress, spool_dir=work
                )
                published = scratch.publish(staged, name)
        except Exception as exc:
            logger.exception("workbook export %s failed", job.pk)
            if published:
                default_storage.delete(published)
            job.refresh_from_db()
            job.status = ExportStatus.FAILED
            job.error = f"导出失败：{exc.__class__.__name__}。请稍后重试；如仍失败，请联系系统管理员。"
            job.finished_at = timezone.now()
            job.save()
            log_event(
                job.union, events.EXPORT_FAILED, {"year": job.year, "job": job.pk, "error": repr(exc)[:200]}
            )
            return job
        job.refresh_from_db()
        job.status = ExportStatus.DONE
        job.file.name = name
        job.file_size = result.size
        job.row_counts = result.row_counts
        job.finished_at = timezone.now()
        job.save()
        log_export(context=context, result=result, via="网页（后台）", job_id=job.pk)
        return job


def _enqueue(job: ExportJob) -> ExportJob:
    from .tasks import export_workbook

    job.attempts += 1
    ExportJob.objects.filter(pk=job.pk).update(attempts=job.attempts)
    job.task_id = queue.enqueue(export_workbook, job_id=job.pk, attempt=job.attempts)
    ExportJob.objects.filter(pk=job.pk).update(task_id=job.task_id)
    return job


def start_job(job: ExportJob, actor: Actor) -> ExportJob:
    """Queue the job for a task worker (the caller's transaction must be committed)."""
    job.requested_from = actor.ip_address
    job.save(update_fields=["requested_from"])
    return _enqueue(job)


def _retry_or_fail(job: ExportJob) -> bool:
    """A job whose worker died: queue it again, or fail it after the last attempt. Returns
    True when it failed."""
    queue.abandon(job.task_id)
    if job.attempts < queue.max_attempts():
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.PENDING, started_at=None, progress_rows=0, error=""
        )
        job.refresh_from_db()
        log_event(
            job.union, events.EXPORT_RETRIED, {"year": job.year, "job": job.pk, "attempt": job.attempts + 1}
        )
        _enqueue(job)
        return False
    job.status = ExportStatus.FAILED
    job.error = INTERRUPTED if job.attempts <= 1 else INTERRUPTED_AGAIN.format(attempts=job.attempts - 1)
    job.finished_at = timezone.now()
    job.save()
    log_event(job.union, events.EXPORT_FAILED, {"year": job.year, "job": job.pk, "error": "interrupted"})
    return True


def interrupted(job_ids: list[int]) -> int:
    """Jobs whose workspaces the sweep found dead (background.sweeps): retry or fail them."""
    count = 0
    for job in ExportJob.objects.filter(
        pk__in=job_ids, status__in=[ExportStatus.PENDING, ExportStatus.RUNNING]
    ).select_related("union"):
        _retry_or_fail(job)
        count += 1
    return count


def sweep_interrupted() -> int:
    """Remove what killed tasks left in the private temp directory and retry their jobs
    (or mark them failed); delete published files no job names. Returns exports found."""
    from background import sweeps

    count = sweeps.run_all()["export-"]
    named = ExportJob.objects.exclude(file="").values_list("file", flat=True)
    older_than = float(getattr(settings, "ORPHAN_FILE_MINUTES", 60)) * 60
    scratch.sweep_orphans(EXPORT_DIR, named, older_than=older_than)
    return count


def mark_stale(job: ExportJob) -> ExportJob:
    """A job silent for too long died with its process: say so instead of polling forever."""
    if job.is_finished:
        return job
    since = job.started_at or job.created_at
    if timezone.now() - since > STALE_AFTER:
        job.status = ExportStatus.FAILED
        job.error = "导出中断（服务器可能已重启），请重新导出。"
        job.finished_at = timezone.now()
        job.save()
    return job


def delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete export files older than the keeping time; their jobs show 已过期."""
    cutoff = (now or timezone.now()) - dt.timedelta(hours=keep_hours())
    count = 0
    for job in ExportJob.objects.filter(status=ExportStatus.DONE, finished_at__lt=cutoff):
        if job.file.name:
            default_storage.delete(job.file.name)
        job.status = ExportStatus.EXPIRED
        job.file.name = ""
        job.save()
        count += 1
    return count
