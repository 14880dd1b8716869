"""Exports that take more than a moment run in a background thread.

There is no task queue in this product, so a big union's workbook is written by a thread
of the web process while the page polls the job. The thread uses its own database
connection and closes it when done. Everything the export writes, openpyxl's sheet spools
included, goes to the job's workspace in the private temp directory (records.scratch);
the finished file is published into MEDIA_ROOT/exports/<uuid>.xlsx with one rename.

A job whose process died (killed, restarted) is found by `sweep_interrupted`, run when an
export starts, when a job page is polled and by `manage.py sweep_files`: its workspace is
removed and the job marked failed. One silent for `STALE_AFTER` is marked failed too.
Files are deleted after `WORKBOOK_EXPORT_KEEP_HOURS`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import close_old_connections, connections
from django.utils import timezone

from audit.context import Actor, acting_as
from audit.registry import log_event
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
STALE_AFTER = dt.timedelta(minutes=30)
PROGRESS_EVERY = 2_000


def sync_limit() -> int:
    """Unions with at most this many members export while the user waits (about 2 s)."""
    return int(getattr(settings, "WORKBOOK_SYNC_MAX_MEMBERS", 5_000))


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
    actor = actor or Actor(user=job.requested_by, label=job.requested_by.get_username())
    with acting_as(actor.user, label=actor.label, ip_address=actor.ip_address):
        context = annual_context(
            union=job.union, period=job.period, full_ids=job.full_ids, generated_by=_label(job.requested_by)
        )
        name = f"{EXPORT_DIR}/{uuid.uuid4().hex}.xlsx"
        path = Path(default_storage.path(name))
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
                scratch.publish(staged, name)
        except Exception as exc:
            logger.exception("workbook export %s failed", job.pk)
            path.unlink(missing_ok=True)
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


def _thread_main(job_id: int, actor: Actor) -> None:
    close_old_connections()
    try:
        run_job(job_id, actor)
    except Exception:  # the job row itself could not be read or saved
        logger.exception("workbook export thread %s crashed", job_id)
    finally:
        connections.close_all()


def start_job(job: ExportJob, actor: Actor) -> threading.Thread:
    """Run the job in a daemon thread; returns the thread (tests join it)."""
    thread = threading.Thread(
        target=_thread_main, args=(job.pk, actor), name=f"workbook-export-{job.pk}", daemon=True
    )
    thread.start()
    return thread


def sweep_interrupted() -> int:
    """Remove what killed exports left in the private temp directory and mark their jobs
    failed; delete published files no job names. Returns the jobs marked failed."""
    ids = [
        int(name[len(WORKSPACE_PREFIX) :])
        for name in scratch.sweep()
        if name.startswith(WORKSPACE_PREFIX) and name[len(WORKSPACE_PREFIX) :].isdecimal()
    ]
    count = 0
    for job in ExportJob.objects.filter(
        pk__in=ids, status__in=[ExportStatus.PENDING, ExportStatus.RUNNING]
    ).select_related("union"):
        job.status = ExportStatus.FAILED
        job.error = INTERRUPTED
        job.finished_at = timezone.now()
        job.save()
        log_event(job.union, events.EXPORT_FAILED, {"year": job.year, "job": job.pk, "error": "interrupted"})
        count += 1
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
