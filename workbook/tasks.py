"""The workbook's tasks for the queue (background.queue); the work itself is in jobs.py."""

from __future__ import annotations

from django_tasks import task

from .models import ExportJob, ExportStatus


class ExportFailed(Exception):
    """The export failed and its job says why (in Chinese); raised so the queue's own
    records show the task failed too."""


@task()
def export_workbook(*, job_id: int, attempt: int) -> dict[str, object]:
    from . import jobs

    current = ExportJob.objects.filter(pk=job_id).values("status", "attempts").first()
    if (
        current is None
        or current["attempts"] != attempt
        or current["status"]
        not in (
            ExportStatus.PENDING,
            ExportStatus.RUNNING,
        )
    ):
        # A copy of a task that was already retried or finished (RQ may rerun abandoned ones).
        return {"job": job_id, "skipped": True}
    job = jobs.run_job(job_id)
    if job.status != ExportStatus.DONE:
        raise ExportFailed(job.error)
    return {"job": job.pk, "file": job.file.name, "rows": job.row_counts}


@task()
def fill_rollup(*, union_id: int, year: int) -> dict[str, object]:
    """Compute and store the figures of every unit of a large subtree (workbook.rollup_filling)."""
    from unions.models import Union

    from .rollup import rollup

    union = Union.objects.filter(pk=union_id).first()
    if union is None:
        return {"union": union_id, "skipped": True}
    result = rollup(union=union, year=year)
    return {"union": union_id, "year": year, "units": len(result.sources)}
