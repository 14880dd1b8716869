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
    """Queue the filling of a large subtree's cold units, a chunk per task, so that as many
    workers as run share it (workbook.rollup_filling)."""
    from unions.models import Union

    from .rollup_filling import queue_fill

    union = Union.objects.filter(pk=union_id).first()
    if union is None:
        return {"union": union_id, "skipped": True}
    return {"union": union_id, "year": year, "chunks": queue_fill(union=union, year=year)}


@task()
def fill_units(*, top_id: int, union_ids: list[int], year: int) -> dict[str, object]:
    """Compute and store the figures of some units of `top`'s subtree (a chunk of a fill)."""
    from .rollup_filling import fill_chunk

    return {"top": top_id, "year": year, "units": fill_chunk(top_id=top_id, union_ids=union_ids, year=year)}
