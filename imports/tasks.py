"""The imports' task for the queue (background.queue); the work is in jobs.py."""

from __future__ import annotations

from django_tasks import task

from .models import ImportJob


class ImportFailed(Exception):
    """The job failed and says why (in Chinese); raised so the queue records it too."""


@task()
def run_import_job(*, job_id: int, attempt: int) -> dict[str, object]:
    from . import jobs

    current = ImportJob.objects.filter(pk=job_id).values("status", "attempts").first()
    if current is None or current["attempts"] != attempt or current["status"] not in jobs.UNDER_WAY:
        # A copy of a task that was already retried or finished (RQ may rerun abandoned ones).
        return {"job": job_id, "skipped": True}
    job = jobs.run(job_id)
    if job.status != ImportJob.Status.DONE:
        raise ImportFailed(job.error)
    return {"job": job.pk, "import": job.record_import_id, "step": job.step, "applied": job.applied}
