"""Festival batches: entry in two steps (the form, then a confirmation with the count, the
total and any warnings against the union's 慰问标准), the batch page, its sign-off sheet
(签收表) as xlsx and PDF, and the batch's submit and pay steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from audit.presentation import history_for
from records import scratch
from records.money import format_yuan
from records.periods import current_period
from reports.pdf import RenderFailed
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import duties, selectors, services
from .choices import DisbursementStatus
from .forms import OVER_OK_LABEL, FestivalBatchForm, PaidForm
from .models import DisbursementBatch
from .sign_sheet import sign_sheet_pdf, write_sign_sheet
from .standards import CONFIRM_HINT
from .views import XLSX, _barred, _report_many
from .viewset import error_text

S = DisbursementStatus


# --- festival batches --------------------------------------------------------------------


@union_view(Perm.VIEW)
def batch_list(request: UnionRequest) -> HttpResponse:
    batches = DisbursementBatch.objects.filter(union=request.union, voided_at__isnull=True).order_by(
        "-date", "-id"
    )
    return render(request, "welfare/batch_list.html", {"batches": batches[:200]})


@union_view(Perm.EDIT)
def batch_create(request: UnionRequest) -> HttpResponse:
    """Two steps: the form, then a confirmation with the count and the total; the records are
    created only when the confirmation is posted."""
    form = FestivalBatchForm(request.POST or None, union=request.union)
    if request.method == "POST" and form.is_valid():
        recipients = form.recipients
        if "confirm" not in request.POST:
            return _confirmation(request, form)
        if form.needs_confirmation:
            return _confirmation(request, form, refusal="金额超出慰问标准或每年上限：" + CONFIRM_HINT)
        try:
            batch = services.festival_batch_create(
                union=request.union,
                actor=request.user,
                members=recipients,
                submit=form.cleaned_data["submit_now"],
                **form.batch_fields(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            total = batch.per_person_total * len(recipients)
            state = "并已提交审批" if form.cleaned_data["submit_now"] else "（草稿，待提交审批）"
            messages.success(
                request, f"已批量录入 {len(recipients)} 条发放记录{state}，合计 {format_yuan(total)}。"
            )
            return redirect("welfare:batch-detail", code=request.union.code, pk=batch.pk)
    return render(
        request,
        "welfare/batch_form.html",
        {"form": form, "list_url": reverse("welfare:batch-list", args=[request.union.code])},
    )


def _confirmation(request: UnionRequest, form: FestivalBatchForm, refusal: str = "") -> HttpResponse:
    """The second step: count, totals, people given the same already, and the warnings
    against the union's 慰问标准 (confirmed by ticking a box)."""
    data, recipients = form.cleaned_data, form.recipients
    per_person = data["cash_amount"] + data["goods_value"]
    period = current_period(request.union, data["date"])
    given = selectors.members_already_given(
        union=request.union,
        member_ids=[m.pk for m in recipients],
        kind=data["kind"],
        festival=data["festival"],
        period=period,
    )
    return render(
        request,
        "welfare/batch_confirm.html",
        {
            "form": form,
            "recipients": recipients,
            "count": len(recipients),
            "per_person": per_person,
            "total_cash": data["cash_amount"] * len(recipients),
            "total_goods": data["goods_value"] * len(recipients),
            "total": per_person * len(recipients),
            "already_given": [m for m in recipients if m.pk in given],
            "period": period,
            "warnings": form.warnings,
            "over_ok_label": OVER_OK_LABEL,
            "refusal": refusal,
            "hidden_fields": [form[name] for name in [*FestivalBatchForm.Meta.fields, "submit_now"]],
        },
    )


@union_view(Perm.VIEW)
def batch_sign_sheet(request: UnionRequest, pk: int) -> HttpResponse:
    """签收表 of a batch as xlsx: one sheet per branch, a signature column to print and sign."""
    batch = get_for_union(DisbursementBatch, request, pk)
    fh = scratch.temporary_file()  # FileResponse closes it
    write_sign_sheet(batch=batch, target=fh)
    fh.seek(0)
    return FileResponse(fh, as_attachment=True, filename=f"{batch.title}签收表.xlsx", content_type=XLSX)


@union_view(Perm.VIEW)
def batch_sign_sheet_pdf(request: UnionRequest, pk: int) -> HttpResponse:
    """签收表 of a batch as PDF: one A4 part per branch, ready to print and sign."""
    batch = get_for_union(DisbursementBatch.objects.select_related("union"), request, pk)
    try:
        pdf = sign_sheet_pdf(batch)
    except RenderFailed as exc:
        messages.error(request, exc.message)
        return redirect("welfare:batch-detail", code=request.union.code, pk=batch.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{batch.title}签收表.pdf")
    return response


@union_view(Perm.VIEW)
def batch_detail(request: UnionRequest, pk: int) -> HttpResponse:
    batch = get_for_union(DisbursementBatch, request, pk)
    records = batch.disbursements.filter(voided_at__isnull=True).select_related("member", "member__branch")
    summary = selectors.batch_summary(batch=batch)
    statuses = {s for s, _, _ in summary.by_status}
    can_decide = request.access.can(Perm.APPROVE) and S.SUBMITTED in statuses
    pending = list(records.filter(status=S.SUBMITTED).values_list("pk", flat=True)) if can_decide else []
    code = request.union.code
    return render(
        request,
        "welfare/batch_detail.html",
        {
            "batch": batch,
            "records": records.order_by("member__name", "id"),
            "summary": summary,
            "can_submit": request.access.can(Perm.EDIT) and bool(statuses & {S.DRAFT, S.REJECTED}),
            "can_pay": request.access.can(Perm.EDIT) and S.APPROVED in statuses,
            "can_decide": can_decide,
            "approve_refusal": duties.REASON_BATCH if _barred(request, pending) else "",
            "today": timezone.localdate(),
            "decide_url": reverse("welfare:disbursement-decide", args=[code]),
            "submit_url": reverse("welfare:batch-submit", args=[code, batch.pk]),
            "pay_url": reverse("welfare:batch-pay", args=[code, batch.pk]),
            "list_url": reverse("welfare:batch-list", args=[code]),
            "history": history_for(batch),
        },
    )


def _batch_step(request: UnionRequest, pk: int, run: Any, verb: str) -> HttpResponse:
    batch = get_for_union(DisbursementBatch, request, pk)
    ids = list(batch.disbursements.values_list("pk", flat=True))
    try:
        done = run(ids)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        _report_many(request, verb, done, len(done))
    return redirect("welfare:batch-detail", code=request.union.code, pk=batch.pk)


@union_view(Perm.EDIT)
@require_POST
def batch_submit(request: UnionRequest, pk: int) -> HttpResponse:
    """Submit the batch's drafts and rejected records for approval."""
    return _batch_step(
        request,
        pk,
        lambda ids: services.disbursements_submit_many(union=request.union, ids=ids, actor=request.user),
        "提交审批",
    )


@union_view(Perm.EDIT)
@require_POST
def batch_pay(request: UnionRequest, pk: int) -> HttpResponse:
    """Mark the batch's approved records paid on one date."""
    form = PaidForm(request.POST)
    paid_on = form.cleaned_data["paid_on"] if form.is_valid() else None
    return _batch_step(
        request,
        pk,
        lambda ids: services.disbursements_mark_paid_many(
            union=request.union, ids=ids, actor=request.user, paid_on=paid_on
        ),
        "登记发放",
    )
