"""A draft's PDF as a task of the queue (background.queue): no web process prints a PDF.

Every draft PDF is printed by a task worker, whatever its size: even a short summary takes a
few seconds and some 250 MB in the printing child, and thirty readers at once must not hold
web workers for that. What makes it cheap is the cache: a job is keyed by the SHA-256 of
the draft's print HTML (the exact input of the printer), so while neither the draft nor the
records it shows have changed, 下载 PDF serves the stored file at once. The HTML is made in
the request (as the preview makes it, some 0.2 s); only the print is a task.

The worker prints in the job's workspace `draft-pdf-<id>` (records.scratch), publishes the
file under a name fixed per job, so a retry after a kill replaces the leftover rather than
adding a second file, and commits the row. A worker killed on this machine is found by the
sweep (background.sweeps): the job is queued again up to TASK_MAX_ATTEMPTS, then failed;
one silent for STALE_AFTER (a worker on another machine) is failed. Files no done job names
are deleted after ORPHAN_FILE_MINUTES; a newer version's PDF replaces the older one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.context import Actor, acting_as
from background import queue
from records import scratch

from . import pdf
from .document import assemble
from .models import IN_FLIGHT, DraftPdfJob, DraftPdfStatus, Report

logger = logging.getLogger(__name__)

DRAFT_DIR = "draft-pdfs"
WORKSPACE_PREFIX = "draft-pdf-"
STALE_AFTER = dt.timedelta(minutes=30)
INTERRUPTED = "生成中断（后台任务进程已停止，可能是服务器重启），未完成的文件已清除。请重新下载 PDF。"
INTERRUPTED_AGAIN = (
    "生成中断（后台任务进程已停止），已自动重试 {attempts} 次仍未完成，未完成的文件已清除。"
    "请稍后重新下载 PDF；如仍失败，请联系系统管理员。"
)
FINALISED = "总结已定稿，草稿的 PDF 不再生成；请下载定稿的 PDF。"


def print_html(report: Report) -> str:
    from .services import render_html

    return render_html(assemble(report), for_print=True)


def digest_of(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def current_digest(report: Report) -> str:
    """The version the draft would print now."""
    return digest_of(print_html(report))


def file_name(job: DraftPdfJob) -> str:
    return f"{DRAFT_DIR}/{job.union.code}-{job.report_id}-{job.pk}.pdf"


def _enqueue(job: DraftPdfJob) -> DraftPdfJob:
    from .tasks import render_draft_pdf

    job.attempts += 1
    DraftPdfJob.objects.filter(pk=job.pk).update(attempts=job.attempts)
    job.task_id = queue.enqueue(render_draft_pdf, job_id=job.pk, attempt=job.attempts)
    DraftPdfJob.objects.filter(pk=job.pk).update(task_id=job.task_id)
    job.refresh_from_db()
    return job


def for_download(*, report: Report, actor: Actor, digest: str | None = None) -> DraftPdfJob:
    """The job whose PDF is the draft as it is now: a done one (served at once), one under
    way, or a new one queued for a worker."""
    digest = digest or current_digest(report)
    jobs = DraftPdfJob.objects.filter(report=report, digest=digest)
    done = jobs.filter(status=DraftPdfStatus.DONE).exclude(file="").first()
    if done is not None and default_storage.exists(done.file.name):
        return done
    if done is not None:  # its file went (deleted by hand, a lost bucket): print it again
        _expire(DraftPdfJob.objects.filter(pk=done.pk))
    try:
        with transaction.atomic():
            job = DraftPdfJob.objects.create(
                union=report.union,
                report=report,
                digest=digest,
                requested_by=actor.user,
                requested_from=actor.ip_address,
            )
    except IntegrityError:  # one of the same version is under way (one_draft_pdf_job_under_way)
        return jobs.get(status__in=IN_FLIGHT)
    return _enqueue(job)


def is_current(job: DraftPdfJob) -> bool:
    return job.status == DraftPdfStatus.DONE and job.digest == current_digest(job.report)


def _finish(job: DraftPdfJob, status: str, error: str = "", **fields: object) -> DraftPdfJob:
    job.refresh_from_db()
    job.status, job.error, job.finished_at = status, error, timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()  # saved, not updated, so the outcome is logged
    return job


def _failure(exc: Exception) -> str:
    if isinstance(exc, pdf.RenderFailed):
        return f"未能生成 PDF：{exc.message}"
    return f"未能生成 PDF：{exc.__class__.__name__}。请稍后重试；如仍失败，请联系系统管理员。"


def run(job_id: int) -> DraftPdfJob:
    """Print the job's draft in the calling process and record the outcome."""
    tidy()
    job = DraftPdfJob.objects.select_related("report", "union", "requested_by").get(pk=job_id)
    user = job.requested_by
    with (
        acting_as(user, label=user.get_username() if user else "系统", ip_address=job.requested_from),
        scratch.workspace(f"{WORKSPACE_PREFIX}{job.pk}") as work,
    ):
        DraftPdfJob.objects.filter(pk=job.pk).update(status=DraftPdfStatus.RUNNING, started_at=timezone.now())
        report = Report.objects.get(pk=job.report_id)
        if report.is_final:
            return _finish(job, DraftPdfStatus.FAILED, FINALISED)
        published = ""
        try:
            html = print_html(report)
            staged = work / "draft.pdf"
            staged.write_bytes(pdf.render_pdf(html))
            size = staged.stat().st_size
            published = scratch.publish(staged, file_name(job))
            # The version printed, which is the one asked for unless the draft changed since.
            job = _finish(job, DraftPdfStatus.DONE, digest=digest_of(html), file=published, file_size=size)
        except Exception as exc:
            if not isinstance(exc, pdf.RenderFailed):
                logger.exception("draft PDF job %s failed", job.pk)
            if published:
                default_storage.delete(published)
            return _finish(job, DraftPdfStatus.FAILED, _failure(exc), file="", file_size=0)
    _expire(DraftPdfJob.objects.filter(report_id=job.report_id).exclude(pk=job.pk))
    return job


def _expire(jobs) -> int:  # type: ignore[no-untyped-def]
    """Delete the files of done jobs in `jobs`; they show 已过期."""
    count = 0
    for job in jobs.filter(status=DraftPdfStatus.DONE):
        if job.file.name:
            default_storage.delete(job.file.name)
        _finish(job, DraftPdfStatus.EXPIRED, file="", file_size=0)
        count += 1
    return count


def tidy() -> None:
    """Drafts finalised since lose their draft PDFs; files no done job names (a worker killed
    between publishing and committing) are deleted once old enough not to be work in hand."""
    _expire(DraftPdfJob.objects.filter(report__status="final"))
    named = DraftPdfJob.objects.filter(status=DraftPdfStatus.DONE).values_list("file", flat=True)
    older_than = float(getattr(settings, "ORPHAN_FILE_MINUTES", 60)) * 60
    scratch.sweep_orphans(DRAFT_DIR, named, older_than=older_than)


def interrupted(job_ids: list[int]) -> int:
    """Jobs whose workspaces the sweep found dead (background.sweeps): retry or fail."""
    count = 0
    for job in DraftPdfJob.objects.filter(pk__in=job_ids, status__in=IN_FLIGHT):
        queue.abandon(job.task_id)
        if job.attempts < queue.max_attempts():
            DraftPdfJob.objects.filter(pk=job.pk).update(status=DraftPdfStatus.PENDING, started_at=None)
            _enqueue(job)
        else:
            message = (
                INTERRUPTED if job.attempts <= 1 else INTERRUPTED_AGAIN.format(attempts=job.attempts - 1)
            )
            _finish(job, DraftPdfStatus.FAILED, message)
        count += 1
    return count


def mark_stale(job: DraftPdfJob) -> DraftPdfJob:
    """A job silent for too long died with a worker on another machine: say so."""
    if not job.is_finished and timezone.now() - (job.started_at or job.created_at) > STALE_AFTER:
        return _finish(job, DraftPdfStatus.FAILED, INTERRUPTED)
    return job
