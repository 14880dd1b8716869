"""下载 PDF: a finalised report's stored PDF, or a draft's printed by a task worker
(reports/draft_pdf.py) while a page shows how it goes. No PDF is printed in a web request."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.context import current_actor
from background import sweeps
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import draft_pdf, services
from .models import DraftPdfJob, DraftPdfStatus, Report
from .pdf import RenderFailed
from .views import _report

REFRESH_SECONDS = 2
CHANGED = "总结内容或台账数据已有变化，正在按最新内容重新生成 PDF。"


def _attachment(report: Report, handle) -> FileResponse:  # type: ignore[no-untyped-def]
    return FileResponse(
        handle, as_attachment=True, filename=f"{report.title}.pdf", content_type="application/pdf"
    )


def _job_page(request: UnionRequest, job: DraftPdfJob) -> HttpResponse:
    return redirect("reports:pdf-job", code=request.union.code, pk=job.pk)


def _job_file(request: UnionRequest, job: DraftPdfJob) -> HttpResponse:
    try:
        return _attachment(job.report, default_storage.open(job.file.name, "rb"))
    except FileNotFoundError:  # replaced by a newer version a moment ago: ask again
        return redirect("reports:pdf", code=request.union.code, pk=job.report_id)


def _served_or_followed(request: UnionRequest, job: DraftPdfJob) -> HttpResponse:
    if job.status == DraftPdfStatus.DONE:
        return _job_file(request, job)
    return _job_page(request, job)


@union_view(Perm.VIEW)
def report_pdf(request: UnionRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if report.is_final and report.pdf:
        return _attachment(report, report.pdf.open("rb"))
    if report.is_final:
        # Finalising stores the PDF in the same commit, so only a row made by hand (a test,
        # an old import) gets here; it is printed as before rather than refused.
        try:
            return _attachment_bytes(report, services.render_report_pdf(report))
        except RenderFailed as exc:
            messages.error(request, exc.message)
            return redirect("reports:edit", code=request.union.code, pk=report.pk)
    return _served_or_followed(request, draft_pdf.for_download(report=report, actor=current_actor()))


def _attachment_bytes(report: Report, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report.title + '.pdf')}"
    return response


def _job(request: UnionRequest, pk: int) -> DraftPdfJob:
    """The union's job, under the rules of its report (a superior union sees no drafts)."""
    job = get_for_union(DraftPdfJob.objects.select_related("report", "union"), request, pk)
    _report(request, job.report_id)
    return job


@union_view(Perm.VIEW)
def pdf_job(request: UnionRequest, pk: int) -> HttpResponse:
    """A draft PDF's progress; refreshes itself until done, then starts the download."""
    sweeps.run_all()  # a job whose worker was killed is retried or failed at once
    job = _job(request, pk)
    if job.report.is_final:
        return redirect("reports:pdf", code=request.union.code, pk=job.report_id)
    job = draft_pdf.mark_stale(job)
    file_url = reverse("reports:pdf-file", args=[request.union.code, job.pk])
    waited = request.GET.get("then") == "download"
    response = render(
        request,
        "reports/pdf_job.html",
        {"job": job, "report": job.report, "refresh": not job.is_finished, "file_url": file_url},
    )
    if not job.is_finished:
        response["Refresh"] = f"{REFRESH_SECONDS}; url={request.path}?then=download"
    elif job.status == DraftPdfStatus.DONE and waited:
        response["Refresh"] = f"0; url={file_url}"  # the download the reader asked for
    return response


@union_view(Perm.VIEW)
def pdf_file(request: UnionRequest, pk: int) -> HttpResponse:
    """A done job's PDF, if it is still the draft as it is now; else a print of the new one."""
    job = _job(request, pk)
    report = job.report
    if report.is_final:
        return redirect("reports:pdf", code=request.union.code, pk=report.pk)
    if job.status != DraftPdfStatus.DONE:
        return _job_page(request, job)
    digest = draft_pdf.current_digest(report)
    if job.digest == digest:
        return _job_file(request, job)
    current = draft_pdf.for_download(report=report, actor=current_actor(), digest=digest)
    if current.status != DraftPdfStatus.DONE:
        messages.info(request, CHANGED)
    return _served_or_followed(request, current)
