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


class DraftPdfFailed(Exception):
    """The draft's PDF could not be printed; the message (in Chinese) is the job's."""


@task()
def render_draft_pdf(*, job_id: int, attempt: int) -> dict[str, object]:
    from . import draft_pdf
    from .models import IN_FLIGHT, DraftPdfJob

    current = DraftPdfJob.objects.filter(pk=job_id).values("status", "attempts").first()
    # A task the sweep gave up on (the job was queued again under a new attempt) does nothing.
    if current is None or current["attempts"] != attempt or current["status"] not in IN_FLIGHT:
        return {"job": job_id, "skipped": True}
    job = draft_pdf.run(job_id)
    if job.status != "done":
        raise DraftPdfFailed(job.error)
    return {"job": job.pk, "report": job.report_id, "bytes": job.file_size}
