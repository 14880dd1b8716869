"""The summary's tasks for the queue (background.queue); the work is in finalising.py."""

from __future__ import annotations

from django_tasks import task

from .models import FinaliseJob, FinaliseStatus


class FinaliseFailed(Exception):
    """The job failed and says why (in Chinese); raised so the queue records it too."""


@task()
def finalise_report(*, job_id: int, attempt: int) -> dict[str, object]:
    from . import finalising

    current = FinaliseJob.objects.filter(pk=job_id).values("status", "attempts").first()
    if (
        current is None
        or current["attempts"] != attempt
        or current["status"]
        not in (
            FinaliseStatus.PENDING,
            FinaliseStatus.RUNNING,
        )
    ):
        return {"job": job_id, "skipped": True}
    job = finalising.run(job_id)
    if job.status != FinaliseStatus.DONE:
        raise FinaliseFailed(job.error)
    return {"job": job.pk, "report": job.report_id}
