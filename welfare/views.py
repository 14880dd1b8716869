"""Welfare pages: the record lists and forms (viewsets), the approval steps of disbursements,
the yearly review of hardship files, and festival batch entry."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, F, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from audit.presentation import history_for
from records.filters import BranchFilter, ChoiceFilter, ConditionFilter, OnDateFilter, YearFilter
from records.money import format_yuan
from records.params import id_list_param, id_param, page_param, text_param
from records.viewsets import Column
from unions.models import Union
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import duties, selectors, services
from .attachment_views import attachments_context
from .choices import (
    COUNTED_STATUSES,
    DisbursementKind,
    DisbursementStatus,
    DonationKind,
    FundingSource,
    HardshipCategory,
    HardshipStatus,
)
from .filters import SubmitterFilter
from .forms import (
    DisbursementForm,
    DonationDriveForm,
    HardshipFileForm,
    HardshipReviewForm,
    PaidForm,
)
from .hardship_views import HardshipViewSet, hardship_suggestion_context
from .models import Disbursement, DisbursementBatch, DonationDrive, HardshipFile
from .viewset import GuardedViewSet, error_text

S = DisbursementStatus
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class AnyYearFilter(YearFilter):
    """A year filter that starts on 全部年度 (hardship files stay open across years)."""

    def default(self, union: Union) -> str:
        return "all"


@dataclass
class PresetChoiceFilter(ChoiceFilter):
    preset: str = ""

    def default(self, union: Union) -> str:
        return self.preset


def _fields(form: Any, names: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in names}


# --- hardship files ----------------------------------------------------------------------


def _below_line(file: HardshipFile) -> str:
    below = file.below_minimum_living_line
    return "—" if below is None else ("是" if below else "否")


def _health(file: HardshipFile) -> str:
    parts = [file.get_health_display() if file.health else ""]
    if file.disability_kind:
        grade = file.get_disability_grade_display() if file.disability_grade else ""
        parts.append(f"{file.get_disability_kind_display()}{grade}")
    return "，".join(p for p in parts if p)


def _hardship_extra(request: UnionRequest, file: HardshipFile) -> dict[str, Any]:
    review_form = None
    if request.access.can(Perm.EDIT) and file.is_open and not file.is_void:
        review_form = HardshipReviewForm(union=request.union, file=file)
        review_form.helper.form_action = reverse(
            "welfare:hardship-review", args=[request.union.code, file.pk]
        )
    return {
        "reviews": file.reviews.live().order_by("-reviewed_on", "-id"),
        "review_form": review_form,
        "disbursements": file.disbursements.filter(voided_at__isnull=True).order_by("-date", "-id")[:20],
        "history": history_for(file),
        **attachments_context(request, file),
        **hardship_suggestion_context(request, file),
    }


def _restore_hardship(*, obj: HardshipFile) -> HardshipFile:
    return services.hardship_file_restore(file=obj)


hardship_files = HardshipViewSet(
    model=HardshipFile,
    form_class=HardshipFileForm,
    namespace="welfare",
    prefix="hardship",
    columns=[
        Column("会员", "member.name", link=True),
        Column("分会", "member.branch"),
        Column("困难类别", "category"),
        Column("致困原因", lambda f: f.causes_display),
        Column("家庭人口", "household_size", numeric=True),
        Column("家庭年收入", "annual_household_income", numeric=True),
        Column("月人均收入", lambda f: f.monthly_per_capita_income, numeric=True),
        Column("当地低保标准", "local_minimum_living_line", numeric=True),
        Column("低于低保", _below_line),
        Column("零就业家庭", lambda f: "是" if f.zero_employment else "否"),
        Column("住房情况", "housing"),
        Column("健康状况", _health),
        Column("医疗保险", "medical_insurance"),
        Column("状态", "status"),
        Column("建档日期", "opened_on"),
        Column("最近复核", "last_reviewed_on"),
    ],
    filters=[
        PresetChoiceFilter(
            param="status",
            label="档案状态",
            field_name="status",
            choices=HardshipStatus.choices,
            preset=HardshipStatus.OPEN,
        ),
        ChoiceFilter(
            param="category", label="困难类别", field_name="category", choices=HardshipCategory.choices
        ),
        AnyYearFilter(param="opened", label="建档年度", date_field="opened_on"),
        OnDateFilter(label="在档日期", condition=selectors.open_on),
        ConditionFilter(param="due", label="年度复核", option="复核到期", condition=selectors.review_due),
        BranchFilter(field_name="member__branch"),
    ],
    search_fields=["member__name"],
    search_placeholder="会员姓名",
    select_related=["member", "member__branch"],
    ordering=["member__name", "-opened_on", "-id"],
    list_template="welfare/hardship_list.html",
    detail_template="welfare/hardship_detail.html",
    detail_extra=_hardship_extra,
    editable=lambda file: not file.is_void,
    restore_service=_restore_hardship,
)


@union_view(Perm.EDIT)
def hardship_review(request: UnionRequest, pk: int) -> HttpResponse:
    """年度复核: the form is on the file's page; this page shows it again with any errors."""
    file = get_for_union(HardshipFile.objects.select_related("member"), request, pk)
    detail = redirect("welfare:hardship-detail", code=request.union.code, pk=file.pk)
    if file.is_void or not file.is_open:
        messages.error(request, "只有在档的档案可以复核。")
        return detail
    form = HardshipReviewForm(request.POST or None, union=request.union, file=file)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.hardship_review(file=file, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            outcome = "，档案已转为脱困" if review.conclusion == "close" else "，继续在档"
            messages.success(request, f"已保存{file.member}的年度复核{outcome}。")
            return detail
    return render(
        request,
        "welfare/hardship_review.html",
        {"file": file, "form": form, "list_url": reverse("welfare:hardship-list", args=[request.union.code])},
    )


# --- disbursements -----------------------------------------------------------------------


def _save_disbursement(*, request: UnionRequest, form: DisbursementForm) -> Disbursement:
    fields = _fields(form, services.ENTRY_FIELDS)
    if form.instance.pk:
        return services.disbursement_update(disbursement=form.instance, **fields)
    return services.disbursement_create(union=request.union, **fields)


def _barred(request: UnionRequest, ids: list[int]) -> set[int]:
    """Records whose approve button is disabled for this user: the service would refuse them."""
    return duties.barred(union=request.union, actor=request.user, ids=ids)


def _disbursement_extra(request: UnionRequest, obj: Disbursement) -> dict[str, Any]:
    can_edit = request.access.can(Perm.EDIT) and not obj.is_void
    can_decide = request.access.can(Perm.APPROVE) and not obj.is_void and obj.status == S.SUBMITTED
    code = request.union.code
    return {
        "history": history_for(obj),
        "can_void": disbursements.can_void(request, obj),
        "can_submit": can_edit and obj.status in (S.DRAFT, S.REJECTED),
        "can_withdraw": can_edit and obj.status in (S.SUBMITTED, S.APPROVED),
        "can_pay": can_edit and obj.status == S.APPROVED,
        "can_decide": can_decide,
        "approve_refusal": duties.REASON_SHORT if can_decide and _barred(request, [obj.pk]) else "",
        "today": timezone.localdate(),
        "submit_url": reverse("welfare:disbursement-submit", args=[code, obj.pk]),
        "withdraw_url": reverse("welfare:disbursement-withdraw", args=[code, obj.pk]),
        "pay_url": reverse("welfare:disbursement-pay", args=[code, obj.pk]),
        "decide_url": reverse("welfare:disbursement-decide", args=[code]),
        **attachments_context(request, obj),
    }


def _void_disbursement(*, obj: Disbursement, reason: str) -> Disbursement:
    return services.disbursement_void(disbursement=obj, reason=reason)


def _restore_disbursement(*, obj: Disbursement) -> Disbursement:
    return services.disbursement_restore(disbursement=obj)


def _void_perm(obj: Disbursement) -> Perm:
    return Perm.APPROVE if services.void_needs_approver(obj) else Perm.EDIT


disbursements = GuardedViewSet(
    model=Disbursement,
    form_class=DisbursementForm,
    namespace="welfare",
    prefix="disbursement",
    columns=[
        Column("日期", "date", link=True),
        Column("类型", lambda d: d.kind_display),
        Column("对象", lambda d: d.recipient_display),
        Column("现金", "cash_amount", numeric=True),
        Column("物品折价", "goods_value", numeric=True),
        Column("合计", lambda d: d.total, numeric=True),
        Column("资金来源", "funding_source"),
        Column("状态", "status"),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=DisbursementKind.choices),
        ChoiceFilter(
            param="status",
            label="状态",
            field_name="status",
            choices=DisbursementStatus.choices,
            groups={"counted": ("计入统计（已审批+已发放）", list(COUNTED_STATUSES))},
        ),
        ChoiceFilter(
            param="source", label="资金来源", field_name="funding_source", choices=FundingSource.choices
        ),
        BranchFilter(field_name="member__branch"),
        SubmitterFilter(),
    ],
    search_fields=["member__name", "recipient_name"],
    search_placeholder="受助人姓名",
    select_related=["member"],
    ordering=["-date", "-id"],
    list_template="welfare/disbursement_list.html",
    detail_template="welfare/disbursement_detail.html",
    save=_save_disbursement,
    detail_extra=_disbursement_extra,
    editable=services.is_editable,
    void_service=_void_disbursement,
    restore_service=_restore_disbursement,
    void_perm=_void_perm,
)


def _step(request: UnionRequest, pk: int, action: Any, done: str) -> HttpResponse:
    disbursement = get_for_union(Disbursement, request, pk)
    try:
        action(disbursement)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, done)
    return redirect("welfare:disbursement-detail", code=request.union.code, pk=pk)


@union_view(Perm.EDIT)
@require_POST
def disbursement_submit(request: UnionRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda d: services.disbursement_submit(disbursement=d, actor=request.user),
        "已提交审批。",
    )


@union_view(Perm.EDIT)
@require_POST
def disbursement_withdraw(request: UnionRequest, pk: int) -> HttpResponse:
    reason = text_param(request, "reason", max_length=10_000, multiline=True, data=request.POST)
    return _step(
        request,
        pk,
        lambda d: services.disbursement_withdraw(disbursement=d, actor=request.user, reason=reason),
        "已撤回为草稿，修改后请重新提交审批。",
    )


@union_view(Perm.EDIT)
@require_POST
def disbursement_pay(request: UnionRequest, pk: int) -> HttpResponse:
    form = PaidForm(request.POST)
    if not form.is_valid() and form["paid_on"].value():
        get_for_union(Disbursement, request, pk)
        messages.error(request, "；".join(form.errors["paid_on"]))
        return redirect("welfare:disbursement-detail", code=request.union.code, pk=pk)
    paid_on = form.cleaned_data["paid_on"] if form.is_valid() else None
    return _step(
        request,
        pk,
        lambda d: services.disbursement_mark_paid(disbursement=d, actor=request.user, paid_on=paid_on),
        "已登记发放，该记录已锁定。",
    )


def _back(request: UnionRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    own = f"/u/{request.union.code}/welfare/"
    if target.startswith(own) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@union_view(Perm.APPROVE)
@require_POST
def disbursement_decide(request: UnionRequest) -> HttpResponse:
    """A leader approves or rejects: one record (from its page), the ticked records of the
    approval queue, or every pending record of a batch. Record ids travel in the POST body."""
    code = request.union.code
    action = request.POST.get("action")
    reason = text_param(request, "reason", max_length=10_000, multiline=True, data=request.POST)
    back = _back(request, reverse("welfare:disbursement-pending", args=[code]))
    batch_pk = id_param(request, "batch", data=request.POST)
    if batch_pk:
        batch = get_for_union(DisbursementBatch, request, batch_pk)
        ids = list(batch.disbursements.values_list("pk", flat=True))
    else:
        ids = id_list_param(request, "ids", data=request.POST)
    if action not in ("approve", "reject") or not ids:
        messages.error(request, "请选择要审批的记录。")
        return redirect(back)
    try:
        if len(ids) == 1 and not batch_pk:
            disbursement = get_for_union(Disbursement, request, ids[0])
            if action == "approve":
                services.disbursement_approve(disbursement=disbursement, actor=request.user)
                messages.success(request, "已审批通过。")
            else:
                services.disbursement_reject(disbursement=disbursement, actor=request.user, reason=reason)
                messages.success(request, "已退回。")
            return redirect(back)
        if action == "approve":
            done = services.disbursements_approve_many(union=request.union, ids=ids, actor=request.user)
            verb = "审批通过"
        else:
            done = services.disbursements_reject_many(
                union=request.union, ids=ids, actor=request.user, reason=reason
            )
            verb = "退回"
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(back)
    _report_many(request, verb, done, len(ids))
    return redirect(back)


def _report_many(request: UnionRequest, verb: str, done: list[Disbursement], asked: int) -> None:
    total = sum((d.total for d in done), Decimal("0"))
    text = f"已{verb} {len(done)} 条记录，合计 {format_yuan(total)}。"
    if len(done) < asked:
        text += f"其余 {asked - len(done)} 条不在可办理的状态，未处理。"
    (messages.success if done else messages.warning)(request, text)


PENDING_PAGE_SIZE = 50


@union_view(Perm.APPROVE)
def disbursement_pending(request: UnionRequest) -> HttpResponse:
    """The leaders' approval queue, a page at a time; whole batches are approved on their page."""
    pending = selectors.pending_approval(union=request.union)
    page = Paginator(pending, PENDING_PAGE_SIZE).get_page(page_param(request))
    totals = pending.aggregate(
        count=Count("id"),
        total=Coalesce(Sum(F("cash_amount") + F("goods_value")), Decimal("0"), output_field=DecimalField()),
    )
    own = _barred(request, [d.pk for d in page])
    return render(
        request,
        "welfare/pending.html",
        {
            "pending": page,
            "own": own,
            "own_reason": duties.REASON_SHORT,
            "page": page,
            "count": totals["count"],
            "total": totals["total"],
            "decide_url": reverse("welfare:disbursement-decide", args=[request.union.code]),
            "list_url": reverse("welfare:disbursement-list", args=[request.union.code]),
        },
    )


# --- donation drives ---------------------------------------------------------------------

donation_drives = GuardedViewSet(
    model=DonationDrive,
    form_class=DonationDriveForm,
    namespace="welfare",
    prefix="donation",
    columns=[
        Column("日期", "date"),
        Column("名称", "title", link=True),
        Column("类型", "kind"),
        Column("参与人次", "participants", numeric=True),
        Column("捐款金额", "amount_raised", numeric=True),
        Column("受助对象/用途", "beneficiary"),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=DonationKind.choices),
    ],
    search_fields=["title", "beneficiary"],
    search_placeholder="名称或用途",
    list_template="welfare/donation_list.html",
)
