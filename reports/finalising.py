"""定稿 as a task of the queue (background.queue): the PDF is printed by a task worker, not
the web process, and the finalise page shows the job until it is done.

`services.report_finalise` does the work, as before: it prints outside the transaction,
publishes the PDF in one step and commits, so a worker killed at any point leaves either
the final report or the draft (an orphan PDF is swept). The job holds a workspace named
`finalise-job-<id>` for its whole run; the sweep (background.sweeps) finds the workspace of
a killed worker and the job is queued again, up to TASK_MAX_ATTEMPTS, then failed.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.context import Actor, acting_as
from background import queue
from records import scratch

from . import services
from .models import FinaliseJob, FinaliseStatus, Report
from .pdf import RenderFailed

logger = logging.getLogger(__name__)

WORKSPACE_PREFIX = "finalise-job-"
INTERRUPTED = "定稿中断（后台任务进程已停止，可能是服务器重启），总结仍是草稿。请重新定稿。"
INTERRUPTED_AGAIN = (
    "定稿中断（后台任务进程已停止），已自动重试 {attempts} 次仍未完成，总结仍是草稿。请稍后重新定稿。"
)
STALE_AFTER = dt.timedelta(minutes=30)


def _enqueue(job: FinaliseJob) -> FinaliseJob:
    from .tasks import finalise_report

    job.attempts += 1
    FinaliseJob.objects.filter(pk=job.pk).update(attempts=job.attempts)
    job.task_id = queue.enqueue(finalise_report, job_id=job.pk, attempt=job.attempts)
    FinaliseJob.objects.filter(pk=job.pk).update(task_id=job.task_id)
    job.refresh_from_db()
    return job


def start(*, report: Report, actor: Actor) -> FinaliseJob:
    """Queue the finalising of `report` by `actor` (committed before the worker sees it);
    a finalise of the report already under way is returned instead of a second one."""
    under_way = FinaliseJob.objects.filter(
        report=report, status__in=[FinaliseStatus.PENDING, FinaliseStatus.RUNNING]
    ).first()
    if under_way is not None:
        return under_way
    job = FinaliseJob.objects.create(
        union=report.union, report=report, requested_by=actor.user, requested_from=actor.ip_address
    )
    return _enqueue(job)


def finalise_now(*, report: Report, actor: Actor) -> FinaliseJob:
    """Finalise `report` in this process, recorded as a job like a queued one (who asked,
    from where, the outcome): for one-off setup commands such as `load_demo`, whose data
    should not wait for a worker. A failure leaves the draft and the job says why."""
    job = FinaliseJob.objects.create(
        union=report.union,
        report=report,
        requested_by=actor.user,
        requested_from=actor.ip_address,
        attempts=1,
    )
    return run(job.pk)


def _finish(job: FinaliseJob, status: str, error: str = "") -> FinaliseJob:
    job.refresh_from_db()
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])  # saved, so the outcome is logged
    return job


def run(job_id: int) -> FinaliseJob:
    """Finalise the job's report in the calling process and record the outcome."""
    job = FinaliseJob.objects.select_related("report", "requested_by").get(pk=job_id)
    user = job.requested_by
    with (
        acting_as(user, label=user.get_username(), ip_address=job.requested_from),
        scratch.workspace(f"{WORKSPACE_PREFIX}{job.pk}"),
    ):
        FinaliseJob.objects.filter(pk=job.pk).update(status=FinaliseStatus.RUNNING, started_at=timezone.now())
        try:
            services.report_finalise(report=job.report, actor=user)
        except ValidationError as exc:
            return _finish(job, FinaliseStatus.FAILED, exc.messages[0])
        except RenderFailed as exc:
            return _finish(job, FinaliseStatus.FAILED, f"未能定稿：{exc.message}")
        except Exception as exc:
            logger.exception("finalise job %s failed", job.pk)
            return _finish(
                job,
                FinaliseStatus.FAILED,
                f"未能定稿：{exc.__class__.__name__}。请稍后重试；如仍失败，请联系系统管理员。",
            )
        return _finish(job, FinaliseStatus.DONE)


def interrupted(job_ids: list[int]) -> int:
    """Jobs whose workspaces the sweep found dead (background.sweeps): retry or fail."""
    count = 0
    for job in FinaliseJob.objects.filter(
        pk__in=job_ids, status__in=[FinaliseStatus.PENDING, FinaliseStatus.RUNNING]
    ):
        queue.abandon(job.task_id)
        if job.attempts < queue.max_attempts() and not job.report.is_final:
            FinaliseJob.objects.filter(pk=job.pk).update(status=FinaliseStatus.PENDING, started_at=None)
            _enqueue(job)
        elif job.report.is_final:  # killed after the commit: the work was done
            _finish(job, FinaliseStatus.DONE)
        else:
            message = (
                INTERRUPTED if job.attempts <= 1 else INTERRUPTED_AGAIN.format(attempts=job.attempts - 1)
            )
            _finish(job, FinaliseStatus.FAILED, message)
        count += 1
    return count


def mark_stale(job: FinaliseJob) -> FinaliseJob:
    """A job silent for too long died with a worker on another machine: say so."""
    if not job.is_finished and timezone.now() - (job.started_at or job.created_at) > STALE_AFTER:
        return _finish(job, FinaliseStatus.FAILED, INTERRUPTED)
    return job
