"""Ledger import pages: choose a type, upload, preview (map headers, choose recipients),
confirm; the template and error downloads. Thin: the work is in imports.services."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from records.params import choice_param, page_param
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import jobs, registry, services
from .forms import LedgerUploadForm
from .headers import normalize
from .job_pages import job_response
from .models import ImportJob, RecordImport
from .preview import shown_rows
from .reader import FileRefused, limits
from .spec import NONMEMBER
from .template import build_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50
SKIP = "skip"
TABS = {
    "valid": ("valid_count", "可导入"),
    "pending": ("pending_count", "待确认"),
    "errors": ("invalid_count", "错误"),
}


@union_view(Perm.EDIT)
def import_home(request: UnionRequest) -> HttpResponse:
    imports = RecordImport.objects.filter(union=request.union).select_related("uploaded_by")
    recent = jobs.with_jobs(imports)[:20]
    titles = {t.key: t.title for t in registry.all_types()}
    busy = any(item.job is not None and not item.job.is_finished for item in recent)
    response = render(
        request,
        "imports/home.html",
        {
            "types": registry.all_types(),
            "recent": [(item, titles.get(item.kind, item.kind)) for item in recent],
            "refresh": busy,
        },
    )
    if busy:  # the list follows the imports the task worker is reading or writing
        response["Refresh"] = "5"
    return response


def _kind(request: UnionRequest) -> str:
    """The record type a page is for: ?kind=… (the upload form posts it back in its URL)."""
    return choice_param(request, "kind", [t.key for t in registry.all_types()])


@union_view(Perm.EDIT)
def import_upload(request: UnionRequest) -> HttpResponse:
    kind = _kind(request)
    if not kind:
        return redirect("imports:home", code=request.union.code)
    record_type = registry.get(kind)
    if record_type.upload_url:
        return redirect(record_type.upload_url, code=request.union.code)
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_import = services.record_import_upload(
                union=request.union, user=request.user, kind=kind, upload=form.cleaned_data["file"]
            )
        except FileRefused as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("imports:preview", code=request.union.code, pk=record_import.pk)
    bounds = limits()
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "record_type": record_type,
            "max_rows": bounds.max_rows,
            "max_mb": bounds.max_bytes // (1024 * 1024),
        },
    )


@union_view(Perm.EDIT)
def import_template(request: UnionRequest) -> HttpResponse:
    kind = _kind(request)
    if not kind:
        return redirect("imports:home", code=request.union.code)
    record_type = registry.get(kind)
    return FileResponse(
        io.BytesIO(build_template(record_type, union=request.union)),
        as_attachment=True,
        filename=f"{record_type.title}导入模板.xlsx",
        content_type=XLSX,
    )


@union_view(Perm.EDIT)
def import_preview(request: UnionRequest, pk: int) -> HttpResponse:
    record_import = get_for_union(
        RecordImport.objects.select_related("uploaded_by", "applied_by"), request, pk
    )
    record_type = registry.get_or_404(record_import.kind)
    if record_type.preview_url:
        return redirect(record_type.preview_url, code=request.union.code, pk=record_import.pk)
    upload_url = reverse("imports:upload", args=[request.union.code]) + f"?kind={record_type.key}"
    following = job_response(request, record_import, upload_url=upload_url)
    if following is not None:
        return following
    summary = record_import.summary or {}
    default = next(
        (name for name, (attr, _) in TABS.items() if name != "valid" and getattr(record_import, attr)),
        "valid",
    )
    tab = choice_param(request, "tab", TABS, default=default)
    full = request.access.can(Perm.VIEW_FULL_ID)
    rows = shown_rows(summary.get(tab, []), full=full)
    page = Paginator(rows, PAGE_SIZE).get_page(page_param(request))
    total = getattr(record_import, TABS[tab][0])
    return render(
        request,
        "imports/preview.html",
        {
            "record_import": record_import,
            "record_type": record_type,
            "summary": summary,
            "fields": [(c.key, c.header) for c in record_type.columns],
            "tab": tab,
            "tabs": [(name, title, getattr(record_import, attr)) for name, (attr, title) in TABS.items()],
            "page": page,
            "query": f"tab={tab}",
            "total": total,
            "truncated": total > len(rows),
            "shown": len(rows),
            "nonmember": NONMEMBER,
        },
    )


def _back(request: UnionRequest, record_import: RecordImport, tab: str = "") -> HttpResponse:
    own = registry.get_or_404(record_import.kind).preview_url
    response = redirect(own or "imports:preview", code=request.union.code, pk=record_import.pk)
    if tab:
        response["Location"] += f"?tab={tab}"
    return response


@union_view(Perm.EDIT)
@require_POST
def import_mapping(request: UnionRequest, pk: int) -> HttpResponse:
    record_import = get_for_union(RecordImport, request, pk)
    keys = [c.key for c in registry.get_or_404(record_import.kind).columns]
    chosen = {}
    for column in record_import.summary.get("columns", []):
        value = choice_param(request, f"col-{column['index']}", [*keys, SKIP], data=request.POST)
        if value:
            chosen[normalize(column["header"])] = "" if value == SKIP else value
    try:
        services.record_import_remap(record_import=record_import, user=request.user, chosen=chosen)
    except (services.ImportRefusedError, FileRefused, OSError) as exc:
        messages.error(request, getattr(exc, "message", "保存的上传文件已无法读取，请重新上传。"))
    else:
        if record_import.status == RecordImport.Status.READING:
            messages.info(
                request, "文件较大，正在由后台按所选的列对应关系重新核对；本会下次导入同类台账时会沿用。"
            )
        else:
            messages.success(request, "已按所选的列对应关系重新核对；本会下次导入同类台账时会沿用。")
    return _back(request, record_import)


@union_view(Perm.EDIT)
@require_POST
def import_resolve(request: UnionRequest, pk: int) -> HttpResponse:
    record_import = get_for_union(RecordImport, request, pk)
    choices = {}
    for item in record_import.summary.get("pending", []):
        key = item.get("key") or str(item["row"])
        offered = [value for value, _ in item["candidates"]]
        value = choice_param(request, f"row-{key}", offered, data=request.POST)
        if value:
            choices[key] = value
    if not choices:
        messages.warning(request, "没有作出任何选择。")
        return _back(request, record_import, "pending")
    try:
        services.record_import_resolve(record_import=record_import, choices=choices, user=request.user)
    except (services.ImportRefusedError, FileRefused, OSError) as exc:
        messages.error(request, getattr(exc, "message", "保存的上传文件已无法读取，请重新上传。"))
    else:
        messages.success(request, f"已确认 {len(choices)} 项选择。")
    return _back(request, record_import)


@union_view(Perm.EDIT)
@require_POST
def import_confirm(request: UnionRequest, pk: int) -> HttpResponse:
    record_import = get_for_union(RecordImport, request, pk)
    try:
        outcome = services.record_import_confirm(record_import=record_import, user=request.user)
    except services.ImportRefusedError as exc:
        messages.error(request, exc.message)
        return _back(request, record_import)
    if isinstance(outcome, ImportJob):  # a large import: the preview follows the job
        return _back(request, record_import)
    if outcome.applied:
        messages.success(request, outcome.message)
    else:
        messages.warning(request, outcome.message)
    return _back(request, record_import)


@union_view(Perm.EDIT)
def import_errors(request: UnionRequest, pk: int) -> HttpResponse:
    record_import = get_for_union(RecordImport, request, pk)
    try:
        content = services.record_import_errors_workbook(
            record_import=record_import, full_ids=request.access.can(Perm.VIEW_FULL_ID)
        )
    except (FileRefused, OSError):
        messages.error(request, "保存的上传文件已无法读取，请重新上传。")
        return _back(request, record_import)
    stem = PurePath(record_import.original_name).stem or "台账"
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=f"{stem}-错误行.xlsx", content_type=XLSX
    )
