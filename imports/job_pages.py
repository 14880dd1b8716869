"""The page that follows a large import's job, shared by every preview (the roster's too):
while the task worker reads or writes, the preview's address shows the job and refreshes
itself every 2 s (no JavaScript); when the job is done, the preview shows the result with
the message the request would have given."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from background import sweeps
from unions.permissions import UnionRequest

from . import jobs
from .models import ImportJob, RecordImport

REFRESH_SECONDS = "2"


def job_response(
    request: UnionRequest, record_import: RecordImport, *, upload_url: str, done_url: str | None = None
) -> HttpResponse | None:
    """The job page while the import's job is under way or its file could not be read;
    None when the preview can be shown (after telling a finished job's outcome once)."""
    job = record_import.job
    if job is None:
        return None
    if not job.is_finished:
        sweeps.run_all()  # a job whose worker was killed is retried or failed at once
        job.refresh_from_db()
        job = jobs.mark_stale(job)
        record_import.refresh_from_db()
    unread = record_import.status == RecordImport.Status.READING or (
        record_import.status == RecordImport.Status.FAILED and not record_import.summary
    )
    if not job.is_finished or unread:
        response = render(
            request,
            "imports/job.html",
            {
                "record_import": record_import,
                "job": job,
                "upload_url": upload_url,
                "refresh": not job.is_finished,
            },
        )
        if not job.is_finished:
            response["Refresh"] = REFRESH_SECONDS
        return response
    if job.announced:
        return None
    ImportJob.objects.filter(pk=job.pk).update(announced=True)
    if job.status == ImportJob.Status.FAILED:
        messages.error(request, job.error)
    elif job.step == ImportJob.Step.APPLY and job.applied:
        messages.success(request, job.outcome)
        if done_url:
            return redirect(done_url)
    elif job.step == ImportJob.Step.APPLY:
        messages.warning(request, job.outcome)
    return None
