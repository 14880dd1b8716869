"""Roster import pages: upload, preview, confirm, and the template and error downloads.

The roster's own addresses (users bookmark them) over the one import framework: the work is
in imports.services, as for every record type; the header mapping posts to imports:mapping,
which comes back here.
"""

from __future__ import annotations

import io
from pathlib import PurePath

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from imports import jobs, registry, services
from imports.forms import LedgerUploadForm
from imports.job_pages import job_response
from imports.models import ImportJob
from imports.preview import shown_rows
from imports.reader import FileRefused, limits
from imports.template import build_template
from records.params import page_param
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from .import_models import ROSTER, RosterImport
from .importing.columns import COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50
# tab -> (summary key, count attribute, title)
TABS = {
    "adds": ("adds", "added_count", "新增"),
    "updates": ("updates", "updated_count", "更新"),
    "errors": ("errors", "invalid_count", "错误"),
}


@union_view(Perm.EDIT)
def import_upload(request: UnionRequest) -> HttpResponse:
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    form.fields["file"].label = "花名册文件（.xlsx）"
    if request.method == "POST" and form.is_valid():
        try:
            roster_import = services.record_import_upload(
                union=request.union, user=request.user, kind=ROSTER, upload=form.cleaned_data["file"]
            )
        except FileRefused as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("members:import-preview", code=request.union.code, pk=roster_import.pk)
    imports = RosterImport.objects.filter(union=request.union).select_related("uploaded_by")
    recent = jobs.with_jobs(imports)[:10]
    bounds = limits(registry.get(ROSTER).max_rows_setting)
    return render(
        request,
        "members/import_upload.html",
        {
            "form": form,
            "recent": recent,
            "columns": COLUMNS,
            "max_rows": bounds.max_rows,
            "max_mb": bounds.max_bytes // (1024 * 1024),
        },
    )


@union_view(Perm.EDIT)
def import_preview(request: UnionRequest, pk: int) -> HttpResponse:
    roster_import = get_for_union(
        RosterImport.objects.select_related("uploaded_by", "applied_by"), request, pk
    )
    following = job_response(
        request,
        roster_import,
        upload_url=reverse("members:import", args=[request.union.code]),
        done_url=reverse("members:list", args=[request.union.code]),
    )
    if following is not None:
        return following
    tab = request.GET.get("tab")
    if tab not in TABS:
        tab = (
            "errors" if roster_import.invalid_count else ("adds" if roster_import.added_count else "updates")
        )
    key, count_attr, _ = TABS[tab]
    summary = roster_import.summary or {}
    rows = shown_rows(summary.get(key, []), full=request.access.can(Perm.VIEW_FULL_ID))
    page = Paginator(rows, PAGE_SIZE).get_page(page_param(request))
    total = getattr(roster_import, count_attr)
    return render(
        request,
        "members/import_preview.html",
        {
            "roster_import": roster_import,
            "summary": summary,
            "fields": [(c.key, c.header) for c in COLUMNS],
            "tab": tab,
            "tabs": [(name, title, getattr(roster_import, attr)) for name, (_, attr, title) in TABS.items()],
            "page": page,
            "query": f"tab={tab}",
            "total": total,
            "truncated": total > len(rows),
            "shown": len(rows),
        },
    )


@union_view(Perm.EDIT)
@require_POST
def import_confirm(request: UnionRequest, pk: int) -> HttpResponse:
    roster_import = get_for_union(RosterImport, request, pk)
    try:
        outcome = services.record_import_confirm(record_import=roster_import, user=request.user)
    except services.ImportRefusedError as exc:
        messages.error(request, exc.message)
        return redirect("members:import-preview", code=request.union.code, pk=roster_import.pk)
    if isinstance(outcome, ImportJob):  # a large roster: the preview follows the job
        return redirect("members:import-preview", code=request.union.code, pk=roster_import.pk)
    if outcome.applied:
        messages.success(request, outcome.message)
        return redirect("members:list", code=request.union.code)
    messages.warning(request, outcome.message)
    return redirect("members:import-preview", code=request.union.code, pk=roster_import.pk)


@union_view(Perm.EDIT)
def import_errors(request: UnionRequest, pk: int) -> HttpResponse:
    roster_import = get_for_union(RosterImport, request, pk)
    try:
        content = services.record_import_errors_workbook(
            record_import=roster_import, full_ids=request.access.can(Perm.VIEW_FULL_ID)
        )
    except (FileRefused, OSError):
        messages.error(request, "保存的上传文件已无法读取，请重新上传。")
        return redirect("members:import-preview", code=request.union.code, pk=roster_import.pk)
    stem = PurePath(roster_import.original_name).stem or "花名册"
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=f"{stem}-错误行.xlsx", content_type=XLSX
    )


@union_view(Perm.EDIT)
def import_template(request: UnionRequest) -> HttpResponse:
    content = build_template(registry.get(ROSTER), union=request.union)
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename="会员花名册导入模板.xlsx", content_type=XLSX
    )
