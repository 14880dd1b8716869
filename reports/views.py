from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.context import current_actor
from audit.registry import log_event
from background import sweeps
from records.periods import current_period
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import finalising, services
from .arrangement import slots
from .document import assemble, section_figures
from .figures import marker_problems
from .forms import OwnSectionForm, ReportForm, SectionForm, StartReportForm
from .markers import report_marker_problems
from .models import FinaliseJob, FinaliseStatus, Report, ReportSection
from .sections import section_for
from .word import render_docx


def _report(request: UnionRequest, pk: int) -> Report:
    """The union's report; a higher-level union sees finalised reports only."""
    report = get_for_union(Report, request, pk)
    if request.access.superior_union and not report.is_final:
        raise Http404("没有找到该总结。")
    return report


def _section(request: UnionRequest, pk: int) -> ReportSection:
    try:
        return ReportSection.objects.select_related("report").get(pk=pk, report__union=request.union)
    except (ReportSection.DoesNotExist, ValueError):
        raise Http404("没有找到该章节。") from None


def _form_errors(form, exc: ValidationError) -> None:  # type: ignore[no-untyped-def]
    """A refusal from a service shown on the form's fields (marker problems name their field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@union_view(Perm.VIEW)
def report_list(request: UnionRequest) -> HttpResponse:
    reports = Report.objects.filter(union=request.union).select_related("finalised_by")
    if request.access.superior_union:
        reports = reports.filter(status="final")
    latest = current_period(request.union)
    form = StartReportForm(union=request.union, initial={"period": latest.code})
    return render(request, "reports/report_list.html", {"reports": reports, "start_form": form})


@union_view(Perm.EDIT)
@require_POST
def report_start(request: UnionRequest) -> HttpResponse:
    form = StartReportForm(request.POST, union=request.union)
    if not form.is_valid():
        messages.error(
            request, form.non_field_errors()[0] if form.non_field_errors() else "请选择总结的期间。"
        )
        return redirect("reports:list", code=request.union.code)
    try:
        report = services.report_start(
            union=request.union, period=form.cleaned_data["chosen"], actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("reports:list", code=request.union.code)
    return redirect("reports:edit", code=request.union.code, pk=report.pk)


@union_view(Perm.VIEW)
def report_edit(request: UnionRequest, pk: int) -> HttpResponse:
    """The editor of a draft; for a finalised report (or a reader) its summary page."""
    report = _report(request, pk)
    can_edit = request.access.can(Perm.EDIT) and not report.is_final
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                services.report_update(report=report, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
                report.refresh_from_db()
            else:
                messages.success(request, "已保存。")
                return redirect("reports:edit", code=request.union.code, pk=report.pk)
    sections = []
    counted = None
    if not report.is_final:
        ctx, figures = section_figures(report)
        counted = ctx.period if ctx.period != report.period else None
        for rs in report.sections.order_by("position", "id"):
            section = section_for(rs.key)
            if section is None:
                continue
            figs = figures.get(rs.key, {})
            sections.append(
                {
                    "row": rs,
                    "section": section,
                    "has_records": section.staff_only or section.has_records(figs),
                    "changed": services.figures_changed(rs, figs),
                }
            )
    return render(
        request,
        "reports/report_edit.html",
        {
            "report": report,
            "form": form,
            "sections": sections,
            "can_edit": can_edit,
            "counted": counted,
            "review": _review(request, report),
            "own_form": OwnSectionForm(),
        },
    )


@union_view(Perm.EDIT)
@require_POST
def section_add(request: UnionRequest, pk: int) -> HttpResponse:
    """A section of staff's own (主要做法, 基本经验, 意见和建议 …) in a draft."""
    report = _report(request, pk)
    form = OwnSectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写章节标题（不超过120字）。")
        return redirect("reports:edit", code=request.union.code, pk=report.pk)
    try:
        rs = services.section_add(report=report, heading=form.cleaned_data["heading"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("reports:edit", code=request.union.code, pk=report.pk)
    return redirect("reports:section", code=request.union.code, pk=rs.pk)


@union_view(Perm.EDIT)
def section_edit(request: UnionRequest, pk: int) -> HttpResponse:
    rs = _section(request, pk)
    report = rs.report
    if report.is_final:
        messages.error(request, "已定稿的总结不能修改。")
        return redirect("reports:edit", code=request.union.code, pk=report.pk)
    section = section_for(rs.key)
    if section is None:
        raise Http404("没有找到该章节。")
    ctx, all_figures = section_figures(report)
    figures = all_figures.get(rs.key, {})
    everything = {label: f for figs in all_figures.values() for label, f in figs.items()}
    templates = [] if section.staff_only else section.blocks(ctx, figures)
    generated = section.rendered(ctx, figures) if not section.staff_only else []
    paragraphs = [
        (slot, ("小标题：" if block.kind == "h" else "") + block.text)
        for slot, block in zip(slots(templates), generated, strict=True)
    ]
    form = SectionForm(request.POST or None, instance=rs, paragraphs=paragraphs)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(section=rs, figures=figures, **form.section_fields())
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"已保存“{rs.heading}”。")
            return redirect("reports:edit", code=request.union.code, pk=report.pk)
    template_text = "\n".join(("## " if b.kind == "h" else "") + b.text for b in templates)
    return render(
        request,
        "reports/section_edit.html",
        {
            "report": report,
            "rs": rs,
            "staff_only": section.staff_only,
            "form": form,
            "generated": generated,
            "template_text": template_text,
            "figures": figures,
            "has_records": section.staff_only or section.has_records(figures),
            "changed": services.figures_changed(rs, figures),
            "unknown": marker_problems(rs.written, everything),
        },
    )


@union_view(Perm.EDIT)
@require_POST
def section_move(request: UnionRequest, pk: int) -> HttpResponse:
    rs = _section(request, pk)
    try:
        services.section_move(section=rs, step=-1 if request.POST.get("direction") == "up" else 1)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("reports:edit", code=request.union.code, pk=rs.report_id)


@union_view(Perm.VIEW)
def report_preview(request: UnionRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    html = services.render_html(
        assemble(report),
        screen=True,
        context={
            "report": report,
            "request": request,
            "access": request.access,
            "current_union": request.union,
            "marker_problems": [] if report.is_final else report_marker_problems(report),
        },
    )
    return HttpResponse(html)


@union_view(Perm.VIEW)
def report_docx(request: UnionRequest, pk: int) -> HttpResponse:
    """The summary as an editable Word document; a finalised report's from its snapshot."""
    report = _report(request, pk)
    response = HttpResponse(
        render_docx(assemble(report)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report.title + '.docx')}"
    return response


@union_view(Perm.APPROVE)
@require_POST
def report_finalise(request: UnionRequest, pk: int) -> HttpResponse:
    """Queue the finalise for a task worker; its page follows it (at once if already done)."""
    report = _report(request, pk)
    if not report.is_final and not _checks_cleared(request, report):
        return redirect(reverse("reports:edit", args=[request.union.code, report.pk]) + "#logic-checks")
    job = finalising.start(report=report, actor=current_actor())
    if not job.is_finished:
        return redirect("reports:finalise-job", code=request.union.code, pk=job.pk)
    _tell_outcome(request, job)
    return redirect("reports:edit", code=request.union.code, pk=report.pk)


FINALISED = "总结已定稿，PDF 已存档。之后台账的变化不会改变定稿。"
ACCEPT_FAILURES = "accept_failures"


def _review(request: UnionRequest, report: Report):  # type: ignore[no-untyped-def]
    """The return's logic checks, shown beside the finalise button of a draft."""
    from workbook.survey.review import review_union

    if report.is_final or not request.access.can(Perm.APPROVE):
        return None
    return review_union(union=request.union, period=report.period)


def _checks_cleared(request: UnionRequest, report: Report) -> bool:
    """The return's logic checks run before a summary is finalised: with errors, the leader
    finalises only by accepting them explicitly, and the acceptance is logged."""
    from workbook.events import FINALISE_CHECKS_ACCEPTED
    from workbook.survey.review import review_union

    review = review_union(union=request.union, period=report.period)
    if review.passed:
        return True
    if request.POST.get(ACCEPT_FAILURES) != "1":
        messages.error(
            request,
            f"统计年报的逻辑检查有{len(review.errors)}项错误，总结未定稿。请更正记录，"
            "或核对后勾选“已核对逻辑检查的错误，仍然定稿”再定稿。",
        )
        return False
    log_event(
        report,
        FINALISE_CHECKS_ACCEPTED,
        {"period": report.period.label, "check_errors": "；".join(f.message for f in review.errors)},
    )
    return True


def _tell_outcome(request: UnionRequest, job: FinaliseJob) -> None:
    if job.status == FinaliseStatus.DONE:
        messages.success(request, FINALISED)
    else:
        messages.error(request, job.error)


@union_view(Perm.APPROVE)
def finalise_job(request: UnionRequest, pk: int) -> HttpResponse:
    """The finalise's progress; refreshes itself every 2 s until it is done (no JavaScript)."""
    sweeps.run_all()  # a job whose worker was killed is retried or failed at once
    job = get_for_union(FinaliseJob.objects.select_related("report"), request, pk)
    job = finalising.mark_stale(job)
    if job.status == FinaliseStatus.DONE:
        messages.success(request, FINALISED)
        return redirect("reports:edit", code=request.union.code, pk=job.report_id)
    response = render(request, "reports/finalise_job.html", {"job": job, "refresh": not job.is_finished})
    if not job.is_finished:
        response["Refresh"] = "2"
    return response


@union_view(Perm.EDIT)
@require_POST
def report_redraft(request: UnionRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not report.is_final:
        return redirect("reports:edit", code=request.union.code, pk=report.pk)
    try:
        draft = services.report_start(
            union=request.union, period=report.period, actor=request.user, based_on=report
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("reports:edit", code=request.union.code, pk=report.pk)
    messages.success(request, "已基于定稿新建草稿。")
    return redirect("reports:edit", code=request.union.code, pk=draft.pk)
