"""Pages of the statistical workbook: export (now or in the background), the indicator sheet,
the roll-up of a higher-level union, and the import of external unions' workbooks."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from audit.context import current_actor
from audit.registry import log_event
from profiles.importing import report_profile_state
from records import scratch
from records.params import period_param, year_param
from records.periods import Period, current_period, period_for, periods_offered
from reports.models import Report
from reports.todos import todos_of
from unions.models import Union
from unions.permissions import Perm, UnionRequest, get_for_union, require, union_view

from . import events, jobs, signing
from .forms import ExportForm, ImportForm, RegisterKeyForm, VoidForm
from .importing import UnverifiedWorkbook, WorkbookImportError, import_external_report, max_upload_mb
from .indicators import INDICATORS, indicators
from .models import ExportJob, ExportStatus, ExternalReport, RegisteredKey
from .rollup import BREAKDOWN_KEYS, HEADLINE, external_values, rollup
from .rollup_filling import handed_to_worker
from .services import (
    annual_context,
    export_rollup_workbook,
    log_export,
    register_key,
    write_annual_workbook,
)
from .survey.federation import review_rollup
from .survey.review import Review, review_union

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEARS_SHOWN = 6
RECENT_JOBS = 10
REFRESH_SECONDS = 2


def _periods(union: Union) -> list[Period]:
    latest = current_period(union)
    return [period_for(union, y) for y in range(latest.year, latest.year - YEARS_SHOWN, -1)]


def _year(request: UnionRequest) -> int:
    latest = current_period(request.union).year
    return min(max(year_param(request, default=latest), 2000), latest)


def _user_label(request: UnionRequest) -> str:
    return request.user.get_full_name() or request.user.get_username()


def _xlsx_response(fh, filename: str) -> FileResponse:  # type: ignore[no-untyped-def]
    return FileResponse(fh, as_attachment=True, filename=filename, content_type=XLSX)


# --- the union's own workbook ---------------------------------------------------------------


@union_view(Perm.EXPORT)
def export_page(request: UnionRequest) -> HttpResponse:
    """Choose a year and export. Small unions get the file at once; big ones get a job page."""
    union = request.union
    allow_full_ids = request.access.can(Perm.VIEW_FULL_ID)
    latest = current_period(union)
    form = ExportForm(
        request.POST or None,
        union=union,
        periods=periods_offered(union, years=YEARS_SHOWN),
        allow_full_ids=allow_full_ids,
        initial={"period": latest.code},
    )
    review = None
    if request.method == "POST" and form.is_valid():
        period = form.cleaned_data["chosen"]
        review = review_union(union=union, period=period)
        if not _checks_cleared(request, form, review, period):
            return _export_form(request, form, review, allow_full_ids)
        full_ids = allow_full_ids and not form.cleaned_data.get("masked")
        jobs.delete_expired()
        jobs.sweep_interrupted()
        if jobs.runs_in_background(union):
            job = jobs.create_job(union=union, period=period, full_ids=full_ids, user=request.user)
            jobs.start_job(job, current_actor())
            return redirect("workbook:job", code=union.code, pk=job.pk)
        context = annual_context(
            union=union, period=period, full_ids=full_ids, generated_by=_user_label(request)
        )
        fh = scratch.temporary_file()  # FileResponse closes it
        result = write_annual_workbook(context=context, target=fh)
        log_export(context=context, result=result, via="网页")
        fh.seek(0)
        return _xlsx_response(fh, f"{union.name}{context.period.label}统计年报.xlsx")
    if review is None:
        chosen = form.cleaned_data.get("chosen") if form.is_bound and form.is_valid() else latest
        review = review_union(union=union, period=chosen or latest)
    return _export_form(request, form, review, allow_full_ids)


def _checks_cleared(request: UnionRequest, form: ExportForm, review: Review, period: Period) -> bool:
    """An export of a return with errors needs the user's explicit acceptance, which is logged."""
    if review.passed:
        return True
    if not form.cleaned_data.get("accept_failures"):
        form.add_error(
            None,
            f"逻辑检查有{len(review.errors)}项错误（见下方）。请更正记录后再导出，"
            "或核对后勾选“已核对：逻辑检查的错误属实，仍然导出”。",
        )
        return False
    log_event(
        request.union,
        events.CHECKS_ACCEPTED,
        {
            "year": period.year,
            "period": period.label,
            "check_errors": "；".join(f.message for f in review.errors),
        },
    )
    return True


def _export_form(
    request: UnionRequest, form: ExportForm, review: Review, allow_full_ids: bool
) -> HttpResponse:
    union = request.union
    recent = ExportJob.objects.filter(union=union).select_related("requested_by", "union")[:RECENT_JOBS]
    return render(
        request,
        "workbook/export.html",
        {
            "form": form,
            "review": review,
            "recent": recent,
            "allow_full_ids": allow_full_ids,
            "background": jobs.runs_in_background(union),
            "sync_limit": jobs.sync_limit(),
            "keep_hours": jobs.keep_hours(),
        },
    )


@union_view(Perm.EXPORT)
def job_status(request: UnionRequest, pk: int) -> HttpResponse:
    """The job's progress; refreshes itself every 2 s until the file is ready (no JavaScript)."""
    jobs.sweep_interrupted()  # a job whose process was killed shows as failed at once
    job = jobs.mark_stale(get_for_union(ExportJob.objects.select_related("requested_by"), request, pk))
    response = render(request, "workbook/job.html", {"job": job, "refresh": not job.is_finished})
    if not job.is_finished:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@union_view(Perm.EXPORT)
def job_download(request: UnionRequest, pk: int) -> HttpResponse:
    job = get_for_union(ExportJob.objects.select_related("union"), request, pk)
    if job.full_ids and not request.access.can(Perm.VIEW_FULL_ID):
        raise PermissionDenied("该文件含完整身份证号，您没有查看权限。")
    if job.status != ExportStatus.DONE or not job.file.name or not default_storage.exists(job.file.name):
        messages.warning(request, "文件尚未生成或已过期删除，请稍候或重新导出。")
        return redirect("workbook:job", code=request.union.code, pk=job.pk)
    log_event(job.union, events.DOWNLOADED, {"year": job.year, "job": job.pk, "full_ids": job.full_ids})
    return _xlsx_response(default_storage.open(job.file.name, "rb"), job.download_name)


@union_view(Perm.VIEW)
def indicator_page(request: UnionRequest) -> HttpResponse:
    """The union's indicator sheet on screen, as the workbook's first sheet will show it."""
    latest = current_period(request.union)
    period = period_param(request, request.union, default=latest, latest=latest)
    rows = indicators(union=request.union, period=period)
    return render(
        request,
        "workbook/indicators.html",
        {
            "period": period,
            "periods": periods_offered(request.union, years=YEARS_SHOWN),
            "groups": _grouped(rows),
        },
    )


def _grouped(rows):  # type: ignore[no-untyped-def]
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    return list(groups.items())


# --- roll-up of a higher-level union --------------------------------------------------------


@union_view(Perm.VIEW)
def rollup_page(request: UnionRequest) -> HttpResponse:
    """汇总概况: the subtree's headline figures and a per-union breakdown."""
    year = _year(request)
    if (waiting := handed_to_worker(request, union=request.union, year=year)) is not None:
        return waiting
    result = rollup(union=request.union, year=year)
    checked = review_rollup(result)
    totals = result.totals
    definitions = {d.key: d for d in INDICATORS}
    headline = [(title, [(definitions[key], totals[key]) for key in keys]) for title, keys in HEADLINE]
    breakdown_defs = [definitions[key] for key in BREAKDOWN_KEYS]
    breakdown = [
        (source, [(definitions[key], source.values[key]) for key in BREAKDOWN_KEYS])
        for source in result.sources
    ]
    return render(
        request,
        "workbook/rollup.html",
        {
            "todos": todos_of(request),  # a county's home page is this one (unions.views)
            "checked": checked,
            "review": checked.totals,
            # The federation's own summaries of the year and the year before (定稿 first): early
            # in a year its home still shows last year's, the one just finalised.
            "summaries": Report.objects.filter(union=request.union, year__in=(year, year - 1)).order_by(
                "-year", "-status", "-id"
            )[:3],
            "rollup": result,
            "period": result.period,
            "years": _periods(request.union),
            "headline": headline,
            "breakdown_defs": breakdown_defs,
            "breakdown": breakdown,
            "breakdown_totals": [(definitions[key], totals[key]) for key in BREAKDOWN_KEYS],
            "external_reports": ExternalReport.objects.filter(union=request.union, year=year)
            .select_related("uploaded_by")
            .order_by("voided_at", "source_name"),
        },
    )


@union_view(Perm.VIEW)
def rollup_indicator_page(request: UnionRequest) -> HttpResponse:
    """汇总指标: every indicator, its total and each union's figure."""
    year = _year(request)
    if (waiting := handed_to_worker(request, union=request.union, year=year)) is not None:
        return waiting
    result = rollup(union=request.union, year=year)
    return render(
        request,
        "workbook/rollup_indicators.html",
        {"rollup": result, "period": result.period, "years": _periods(request.union), "rows": result.rows()},
    )


@union_view(Perm.EXPORT)
def rollup_export(request: UnionRequest) -> HttpResponse:
    """The roll-up as a workbook (aggregates only, no personal data): written at once."""
    year = _year(request)
    if (waiting := handed_to_worker(request, union=request.union, year=year)) is not None:
        return waiting
    result = rollup(union=request.union, year=year)
    fh = scratch.temporary_file()  # FileResponse closes it
    export_rollup_workbook(rollup=result, target=fh, generated_by=_user_label(request))
    fh.seek(0)
    return _xlsx_response(fh, f"{request.union.name}{result.period.label}汇总统计年报.xlsx")


# --- external reports ------------------------------------------------------------------------


@union_view(Perm.EXPORT)
def import_page(request: UnionRequest) -> HttpResponse:
    """Import the workbook of a union that is not on this system into the roll-up."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    needs_confirmation = False
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_external_report(
                union=request.union,
                upload=upload.file,
                original_name=upload.name,
                user=request.user,
                source_name=form.cleaned_data["source_name"],
                accept_unverified=form.cleaned_data["accept_unverified"],
            )
        except UnverifiedWorkbook as exc:
            errors, needs_confirmation = exc.messages, True
        except WorkbookImportError as exc:
            errors = exc.messages
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                f"已导入“{report.source_name}”{report.year}年度统计年报（{report.get_signature_status_display()}），"
                "其数字已计入汇总。" + report_profile_state(report),
            )
            return redirect("workbook:external-detail", code=request.union.code, pk=report.pk)
    return render(
        request,
        "workbook/import.html",
        {
            "form": form,
            "errors": errors,
            "needs_confirmation": needs_confirmation,
            "max_mb": max_upload_mb(),
        },
    )


@union_view(Perm.VIEW)
def external_detail(request: UnionRequest, pk: int) -> HttpResponse:
    report = get_for_union(ExternalReport.objects.select_related("uploaded_by"), request, pk)
    values = external_values(report)
    rows = [(d, values[d.key]) for d in INDICATORS]
    groups: dict[str, list] = {}
    for d, value in rows:
        groups.setdefault(d.group, []).append((d, value))
    rollup_url = (
        reverse("workbook:rollup", args=[request.union.code]) + "?" + urlencode({"year": report.year})
    )
    return render(
        request,
        "workbook/external_detail.html",
        {
            "report": report,
            "groups": list(groups.items()),
            "void_form": VoidForm(),
            "rollup_url": rollup_url,
            "profile_state": "" if report.is_void else report_profile_state(report),
        },
    )


@union_view(Perm.EXPORT)
@require_POST
def external_void(request: UnionRequest, pk: int) -> HttpResponse:
    report = get_for_union(ExternalReport, request, pk)
    form = VoidForm(request.POST)
    if report.is_void:
        messages.info(request, "该记录已作废。")
    elif form.is_valid():
        report.void(form.cleaned_data["reason"])
        messages.success(request, f"已作废“{report}”，其数字不再计入汇总；可重新导入更正后的文件。")
    else:
        messages.error(request, "请填写作废原因。")
    return redirect("workbook:external-detail", code=request.union.code, pk=report.pk)


# --- signing keys ----------------------------------------------------------------------------


@union_view(Perm.EXPORT)
def signing_keys(request: UnionRequest) -> HttpResponse:
    """This installation's public key (to give to the higher-level union) and the keys this
    union registered for its subordinate unions that are not on this system."""
    form = RegisterKeyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.access, Perm.MANAGE_UNION)
        if form.is_valid():
            try:
                key = register_key(
                    union=request.union,
                    source_code=form.cleaned_data["source_code"],
                    source_name=form.cleaned_data["source_name"],
                    public_key=form.cleaned_data["public_key"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    f"已登记{key}，指纹 {key.fingerprint_grouped}。请与对方电话核对指纹一致。",
                )
                return redirect("workbook:signing-keys", code=request.union.code)
    try:
        own = signing.installation_public_key()
        own_fingerprint, key_error = signing.grouped(signing.fingerprint(own)), ""
    except signing.SigningKeyError as exc:
        own_fingerprint, key_error = "", str(exc)
    registered = RegisteredKey.objects.filter(union=request.union).select_related("registered_by")
    return render(
        request,
        "workbook/signing_keys.html",
        {
            "form": form,
            "own_fingerprint": own_fingerprint,
            "key_error": key_error,
            "registered": registered.order_by("voided_at", "source_name", "-created_at"),
            "void_form": VoidForm(),
        },
    )


@union_view(Perm.EXPORT)
def public_key_download(request: UnionRequest) -> HttpResponse:
    key = signing.installation_public_key()
    response = HttpResponse(signing.public_key_pem(key), content_type="application/x-pem-file")
    name = f"工会年报签名公钥-{signing.fingerprint(key)[:16]}.pem"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@union_view(Perm.MANAGE_UNION)
@require_POST
def registered_key_void(request: UnionRequest, pk: int) -> HttpResponse:
    key = get_for_union(RegisteredKey, request, pk)
    form = VoidForm(request.POST)
    if key.is_void:
        messages.info(request, "该公钥已停用。")
    elif form.is_valid():
        key.void(form.cleaned_data["reason"])
        messages.success(request, f"已停用{key}：之后用它签名的文件不再视为已验证；已导入的记录不变。")
    else:
        messages.error(request, "请填写停用原因。")
    return redirect("workbook:signing-keys", code=request.union.code)
