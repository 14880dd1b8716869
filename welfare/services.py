"""Writes to welfare records. Keyword-only, each in a transaction, each validating the record.

Disbursement status changes are conditional updates (`UPDATE … WHERE status = <expected>`),
checked by row count: when two people act on one record at the same moment exactly one of them
moves it and the other gets `AlreadyProcessed`. `.update()` sends no signals, so these
functions write their audit entries themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from audit.context import acting_as, current_actor
from audit.models import Action, AuditEntry
from audit.registry import build_entry, creation_changes, log_event
from members.models import Member
from records import dates
from records.integrity import recheck_on_conflict
from unions.models import Union

from .archive_models import ARCHIVE_FIELDS, INCOME_SOURCE_FIELDS
from .choices import DisbursementKind, DisbursementStatus, HardshipStatus, ReviewConclusion
from .duties import LOCKED_AFTER_APPROVAL, check_may_approve
from .errors import AlreadyProcessed, RecordLocked, WorkflowError
from .family_services import check_household, family_sync
from .models import Disbursement, DisbursementBatch, HardshipFile, HardshipReview

S = DisbursementStatus

# What a clerk enters on a disbursement; everything else is set by the workflow.
ENTRY_FIELDS = (
    "date",
    "kind",
    "festival",
    "member",
    "recipient_name",
    "recipient_relation",
    "hardship_file",
    "cash_amount",
    "goods_description",
    "goods_value",
    "funding_source",
    "notes",
    "is_typical",
    "typical_note",
)
HARDSHIP_FIELDS = (
    "member",
    "category",
    "main_cause",
    "other_cause_1",
    "other_cause_2",
    "other_cause_3",
    "household_size",
    "annual_household_income",
    *INCOME_SOURCE_FIELDS,
    "local_minimum_living_line",
    *(name for name in ARCHIVE_FIELDS if name not in INCOME_SOURCE_FIELDS),
    "status",
    "opened_on",
    "closed_on",
    "last_reviewed_on",
    "notes",
)


def _event(name: str) -> str:
    return f"welfare.disbursement.{name}"


def _logged_as(actor: Any) -> AbstractContextManager[Any]:
    """Log a step under the user who took it, also outside a request (a command, a thread)."""
    current = current_actor()
    if actor is None or current.user == actor:
        return nullcontext()
    return acting_as(actor, ip_address=current.ip_address)


def _check_fields(fields: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not entry fields: {sorted(unknown)}")


# --- disbursements: entry ---------------------------------------------------------------


def _normalised(name: str, value: Any, fields: Mapping[str, Any]) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if name == "recipient_name":
        return " ".join((value or "").split())
    if name == "festival" and fields.get("kind", DisbursementKind.FESTIVAL) != DisbursementKind.FESTIVAL:
        return ""  # the model clears the festival of other kinds
    if name in ("cash_amount", "goods_value"):
        return Decimal(value or 0)
    return value


def locked_changes(disbursement: Disbursement, fields: Mapping[str, Any]) -> list[str]:
    """The approval-locked fields that `fields` would change on `disbursement`."""
    changed = []
    for name in LOCKED_AFTER_APPROVAL:
        if name not in fields:
            continue
        field = Disbursement._meta.get_field(name)
        old = getattr(disbursement, field.attname)
        if _normalised(name, fields[name], fields) != old:
            changed.append(name)
    return changed


def edit_refusal(disbursement: Disbursement, fields: Mapping[str, Any]) -> str | None:
    """Why `fields` may not be written to `disbursement` in its current state; None if they may."""
    if disbursement.is_void:
        return "已作废的记录不能修改。"
    if disbursement.status == S.PAID:
        return "已发放的记录已锁定，不能修改。"
    if disbursement.status == S.SUBMITTED:
        return "待审批的记录不能修改；如需修改，请先撤回。"
    if disbursement.status == S.APPROVED:
        changed = locked_changes(disbursement, fields)
        if changed:
            labels = "、".join(str(Disbursement._meta.get_field(n).verbose_name) for n in changed)
            return f"已审批的记录不能直接修改{labels}。请先“撤回修改”，改好后重新提交审批。"
    return None


def is_editable(disbursement: Disbursement) -> bool:
    """Whether the edit form may open: fully in draft/rejected, partly (no amounts) when approved."""
    return not disbursement.is_void and disbursement.status in (S.DRAFT, S.REJECTED, S.APPROVED)


@transaction.atomic
def disbursement_create(*, union: Union, **fields: Any) -> Disbursement:
    """A new record, always a draft: it counts only once a leader approves it."""
    _check_fields(fields, ENTRY_FIELDS)
    disbursement = Disbursement(union=union, status=S.DRAFT, **fields)
    disbursement.full_clean()
    disbursement.save()
    return disbursement


def disbursement_update(*, disbursement: Disbursement, **fields: Any) -> Disbursement:
    """Change a record's entry fields. Drafts and rejected records change freely; approved ones
    only outside `LOCKED_AFTER_APPROVAL`; submitted, paid and voided ones not at all."""
    _check_fields(fields, ENTRY_FIELDS)
    with transaction.atomic():
        # The stored row, locked: the caller's instance may carry a form's unsaved values.
        current = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
        refusal = edit_refusal(current, fields)
        if refusal:
            raise RecordLocked(refusal)
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean()
        current.save()
    return current


# --- disbursements: workflow -----------------------------------------------------------


# A check run inside the move's transaction on the records about to move (union id, ids);
# it raises to refuse, or returns extra log details per record.
Guard = Callable[[int, list[int]], dict[int, dict[str, Any]]]


def _move(
    disbursement: Disbursement,
    *,
    actor: Any,
    sources: Sequence[str],
    target: str,
    wrong_state: str,
    event: str,
    values: dict[str, Any],
    details: dict[str, Any],
    guard: Guard | None = None,
) -> Disbursement:
    """Move one record from one of `sources` to `target` with a conditional update."""
    if disbursement.is_void:
        raise WorkflowError("已作废的记录不能办理。")
    if disbursement.status not in sources:
        raise WorkflowError(wrong_state)
    with transaction.atomic():
        if guard is not None:
            # Locked, so nobody re-enters the record between the check and the move.
            list(Disbursement.objects.select_for_update().filter(pk=disbursement.pk).values_list("pk"))
            details = {**details, **guard(disbursement.union_id, [disbursement.pk]).get(disbursement.pk, {})}
        moved = Disbursement.objects.filter(
            pk=disbursement.pk, union_id=disbursement.union_id, status__in=sources, voided_at__isnull=True
        ).update(status=target, updated_at=timezone.now(), **values)
        if moved != 1:
            raise AlreadyProcessed()
        fresh = Disbursement.objects.select_related("member", "union").get(pk=disbursement.pk)
        with _logged_as(actor):
            log_event(fresh, _event(event), {"status": target, **details})
    return fresh


def _move_many(
    *,
    union: Union,
    actor: Any,
    ids: Iterable[int],
    sources: Sequence[str],
    target: str,
    event: str,
    values: dict[str, Any],
    details: dict[str, Any],
    guard: Guard | None = None,
) -> list[Disbursement]:
    """Move every record of `ids` that is in one of `sources`; others are left alone.

    The rows are locked first (PostgreSQL re-checks the status after waiting for a competing
    transaction; SQLite runs write transactions one at a time), then updated conditionally.
    """
    with transaction.atomic():
        candidates = list(
            Disbursement.objects.select_for_update()
            .filter(union=union, pk__in=list(ids), status__in=sources, voided_at__isnull=True)
            .values_list("pk", flat=True)
        )
        if not candidates:
            return []
        extra = guard(union.pk, candidates) if guard is not None else {}
        moved = Disbursement.objects.filter(pk__in=candidates, status__in=sources).update(
            status=target, updated_at=timezone.now(), **values
        )
        if moved != len(candidates):
            raise AlreadyProcessed("部分记录已被其他人处理，请刷新页面后重试。")
        records = list(Disbursement.objects.filter(pk__in=candidates).select_related("member", "union"))
        with _logged_as(actor):
            entries = [
                build_entry(r, _event(event), {"status": target, **details, **extra.get(r.pk, {})})
                for r in records
            ]
        AuditEntry.objects.bulk_create(entries)
    return records


def _actor_details(field: str, actor: Any) -> dict[str, Any]:
    return {field: actor.pk} if actor is not None else {}


def disbursement_submit(*, disbursement: Disbursement, actor: Any) -> Disbursement:
    """草稿/已退回 → 待审批."""
    return _move(
        disbursement,
        actor=actor,
        sources=(S.DRAFT, S.REJECTED),
        target=S.SUBMITTED,
        wrong_state="只有草稿或已退回的记录可以提交审批。",
        event="submitted",
        values=_submit_values(actor),
        details=_actor_details("submitted_by", actor),
    )


def _submit_values(actor: Any) -> dict[str, Any]:
    # A resubmitted record starts its approval afresh; the earlier rejection stays in the log.
    return {
        "submitted_by": actor,
        "submitted_at": timezone.now(),
        "rejected_by": None,
        "rejected_at": None,
        "reject_reason": "",
    }


def _approval_guard(actor: Any) -> Guard:
    """Separation of duties, the one check of every approval path (single, ticked, batch)."""

    def guard(union_id: int, ids: list[int]) -> dict[int, dict[str, Any]]:
        return check_may_approve(union=union_id, actor=actor, ids=ids)

    return guard


def disbursement_approve(*, disbursement: Disbursement, actor: Any) -> Disbursement:
    """待审批 → 已审批. The record now counts in the year's figures."""
    return _move(
        disbursement,
        actor=actor,
        sources=(S.SUBMITTED,),
        target=S.APPROVED,
        wrong_state="只有待审批的记录可以审批。",
        event="approved",
        values={"approved_by": actor, "approved_at": timezone.now()},
        details=_actor_details("approved_by", actor),
        guard=_approval_guard(actor),
    )


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise WorkflowError("退回时请填写退回原因。")
    return reason[:200]


def disbursement_reject(*, disbursement: Disbursement, actor: Any, reason: str) -> Disbursement:
    """待审批 → 已退回, with the reason the clerk needs to fix the record."""
    reason = _reason(reason)
    return _move(
        disbursement,
        actor=actor,
        sources=(S.SUBMITTED,),
        target=S.REJECTED,
        wrong_state="只有待审批的记录可以退回。",
        event="rejected",
        values={"rejected_by": actor, "rejected_at": timezone.now(), "reject_reason": reason},
        details={"reject_reason": reason, **_actor_details("rejected_by", actor)},
    )


def disbursement_withdraw(*, disbursement: Disbursement, actor: Any, reason: str = "") -> Disbursement:
    """撤回修改: 待审批/已审批 → 草稿, so the record can be corrected and approved again.
    Paid records cannot be withdrawn."""
    reason = " ".join((reason or "").split())[:200]
    details = {"撤回原因": reason} if reason else {}
    return _move(
        disbursement,
        actor=actor,
        sources=(S.SUBMITTED, S.APPROVED),
        target=S.DRAFT,
        wrong_state="只有待审批或已审批（尚未发放）的记录可以撤回修改。",
        event="withdrawn",
        values={"approved_by": None, "approved_at": None, "submitted_by": None, "submitted_at": None},
        details=details,
    )


def _paid_on(paid_on: dt.date | None) -> dt.date:
    if paid_on is None:
        raise WorkflowError("请填写发放日期。")
    if paid_on > timezone.localdate():
        raise WorkflowError("发放日期不能晚于今天。")
    message = dates.refusal(paid_on)
    if message:
        raise WorkflowError(message)
    return paid_on


def disbursement_mark_paid(
    *, disbursement: Disbursement, actor: Any, paid_on: dt.date | None
) -> Disbursement:
    """已审批 → 已发放. From here the record is locked."""
    paid_on = _paid_on(paid_on)
    return _move(
        disbursement,
        actor=actor,
        sources=(S.APPROVED,),
        target=S.PAID,
        wrong_state="只有已审批的记录可以登记发放。",
        event="paid",
        values={"paid_on": paid_on, "paid_by": actor},
        details={"paid_on": paid_on.isoformat(), **_actor_details("paid_by", actor)},
    )


def disbursements_submit_many(*, union: Union, ids: Iterable[int], actor: Any) -> list[Disbursement]:
    """Submit those of `ids` that are drafts or rejected; returns the records moved."""
    return _move_many(
        union=union,
        actor=actor,
        ids=ids,
        sources=(S.DRAFT, S.REJECTED),
        target=S.SUBMITTED,
        event="submitted",
        values=_submit_values(actor),
        details=_actor_details("submitted_by", actor),
    )


def disbursements_approve_many(*, union: Union, ids: Iterable[int], actor: Any) -> list[Disbursement]:
    """Approve those of `ids` that are awaiting approval; returns the records approved."""
    return _move_many(
        union=union,
        actor=actor,
        ids=ids,
        sources=(S.SUBMITTED,),
        target=S.APPROVED,
        event="approved",
        values={"approved_by": actor, "approved_at": timezone.now()},
        details=_actor_details("approved_by", actor),
        guard=_approval_guard(actor),
    )


def disbursements_reject_many(
    *, union: Union, ids: Iterable[int], actor: Any, reason: str
) -> list[Disbursement]:
    reason = _reason(reason)
    return _move_many(
        union=union,
        actor=actor,
        ids=ids,
        sources=(S.SUBMITTED,),
        target=S.REJECTED,
        event="rejected",
        values={"rejected_by": actor, "rejected_at": timezone.now(), "reject_reason": reason},
        details={"reject_reason": reason, **_actor_details("rejected_by", actor)},
    )


def disbursements_mark_paid_many(
    *, union: Union, ids: Iterable[int], actor: Any, paid_on: dt.date | None
) -> list[Disbursement]:
    paid_on = _paid_on(paid_on)
    return _move_many(
        union=union,
        actor=actor,
        ids=ids,
        sources=(S.APPROVED,),
        target=S.PAID,
        event="paid",
        values={"paid_on": paid_on, "paid_by": actor},
        details={"paid_on": paid_on.isoformat(), **_actor_details("paid_by", actor)},
    )


def void_needs_approver(disbursement: Disbursement) -> bool:
    """Approved and paid records are money a leader vouched for: only a leader voids or restores them."""
    return disbursement.status in (S.APPROVED, S.PAID)


def disbursement_void(*, disbursement: Disbursement, reason: str) -> Disbursement:
    reason = " ".join((reason or "").split())
    if not reason:
        raise WorkflowError("请填写作废原因。")
    with transaction.atomic():
        current = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
        if current.is_void:
            raise AlreadyProcessed("该记录已作废。")
        current.void(reason[:200])
        log_event(current, _event("voided"), {"void_reason": reason[:200], "status": current.status})
    return current


def disbursement_restore(*, disbursement: Disbursement) -> Disbursement:
    with transaction.atomic():
        current = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
        if not current.is_void:
            raise AlreadyProcessed("该记录未作废。")
        current.restore()
        log_event(current, _event("restored"), {"status": current.status})
    return current


# --- festival batches --------------------------------------------------------------------


def festival_batch_create(
    *,
    union: Union,
    actor: Any,
    members: Iterable[Member],
    submit: bool,
    title: str,
    date: dt.date,
    kind: str,
    festival: str,
    cash_amount: Decimal,
    goods_description: str,
    goods_value: Decimal,
    funding_source: str,
    notes: str = "",
) -> DisbursementBatch:
    """One disbursement per member, all in one transaction, inserted in bulk. Members with an
    open hardship file get the record linked to it. With `submit` the records go straight to
    the leaders for approval."""
    chosen = list({m.pk: m for m in members}.values())
    if not chosen:
        raise WorkflowError("请至少选择一名会员。")
    if any(m.union_id != union.pk for m in chosen):
        raise WorkflowError("所选会员不属于本工会。")
    with transaction.atomic():
        batch = DisbursementBatch(
            union=union,
            title=title,
            date=date,
            kind=kind,
            festival=festival,
            cash_amount=cash_amount,
            goods_description=goods_description,
            goods_value=goods_value,
            funding_source=funding_source,
            notes=notes,
        )
        batch.full_clean()
        batch.save()
        open_files = {
            f.member_id: f
            for f in HardshipFile.objects.live().filter(
                union=union, status=HardshipStatus.OPEN, member_id__in=[m.pk for m in chosen]
            )
        }
        now = timezone.now()
        status = S.SUBMITTED if submit else S.DRAFT
        records = []
        for member in chosen:
            record = Disbursement(
                union=union,
                batch=batch,
                date=batch.date,
                kind=batch.kind,
                festival=batch.festival,
                member=member,
                hardship_file=open_files.get(member.pk),
                cash_amount=batch.cash_amount,
                goods_description=batch.goods_description,
                goods_value=batch.goods_value,
                funding_source=batch.funding_source,
                status=status,
                submitted_by=actor if submit else None,
                submitted_at=now if submit else None,
            )
            record.clean()  # the batch was validated; this checks each recipient without queries
            records.append(record)
        Disbursement.objects.bulk_create(records)
        with _logged_as(actor):
            entries = [build_entry(r, Action.CREATE, creation_changes(r)) for r in records]
            if submit:
                details = {"status": S.SUBMITTED, **_actor_details("submitted_by", actor)}
                entries += [build_entry(r, _event("submitted"), details) for r in records]
        AuditEntry.objects.bulk_create(entries)
    return batch


# --- hardship files ----------------------------------------------------------------------


@transaction.atomic
def hardship_file_create(
    *, union: Union, family: Sequence[Mapping[str, Any]] | None = None, **fields: Any
) -> HardshipFile:
    _check_fields(fields, HARDSHIP_FIELDS)
    file = HardshipFile(union=union, **fields)
    file.full_clean()
    check_household(file, family)
    with recheck_on_conflict(file.full_clean):  # one open file per member, also under a race
        file.save()
    if family:
        family_sync(file, family)
    return file


@transaction.atomic
def hardship_file_update(
    *, file: HardshipFile, family: Sequence[Mapping[str, Any]] | None = None, **fields: Any
) -> HardshipFile:
    """Change a file; `family`, when given, is the full list of its family members."""
    _check_fields(fields, HARDSHIP_FIELDS)
    current = HardshipFile.objects.select_for_update().get(pk=file.pk)
    if current.is_void:
        raise WorkflowError("已作废的档案不能修改。")
    member = fields.get("member")
    if member is not None and getattr(member, "pk", member) != current.member_id:
        raise WorkflowError("档案对应的会员不能更改；如建错档，请作废后重新建档。")
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    check_household(current, family)
    with recheck_on_conflict(current.full_clean):
        current.save()
    if family is not None:
        family_sync(current, family)
    return current


@transaction.atomic
def hardship_file_restore(*, file: HardshipFile) -> HardshipFile:
    """Undo a void, unless the member has opened another file meanwhile."""
    current = HardshipFile.objects.select_for_update().get(pk=file.pk)
    current.voided_at = None
    current.full_clean()  # the one-open-file rule
    with recheck_on_conflict(current.full_clean):
        current.restore()
    return current


def hardship_review(
    *,
    file: HardshipFile,
    reviewed_on: dt.date,
    category: str,
    household_size: int,
    annual_household_income: Decimal,
    local_minimum_living_line: Decimal | None,
    conclusion: str,
    notes: str = "",
    **sources: Decimal,
) -> HardshipReview:
    """年度复核: record the figures found at the review and bring the file up to date; a
    conclusion of 脱困 closes the file on the review date. Income by source (`sources`), when
    given, is what the review found; the total then is their sum, on the review and the file."""
    _check_fields(sources, INCOME_SOURCE_FIELDS)
    with transaction.atomic():
        current = HardshipFile.objects.select_for_update().select_related("member").get(pk=file.pk)
        if current.is_void:
            raise WorkflowError("已作废的档案不能复核。")
        if not current.is_open:
            raise WorkflowError("只有在档的档案可以复核。")
        if current.last_reviewed_on and reviewed_on < current.last_reviewed_on:
            raise WorkflowError(f"复核日期不能早于上次复核日期（{current.last_reviewed_on:%Y-%m-%d}）。")
        review = HardshipReview(
            union_id=current.union_id,
            file=current,
            reviewed_on=reviewed_on,
            category=category,
            household_size=household_size,
            annual_household_income=annual_household_income,
            local_minimum_living_line=local_minimum_living_line,
            conclusion=conclusion,
            notes=notes,
            **{name: value or Decimal(0) for name, value in sources.items()},
        )
        review.full_clean()
        review.save()
        current.category = category
        current.household_size = household_size
        if sources:
            for name in INCOME_SOURCE_FIELDS:
                setattr(current, name, getattr(review, name))
        elif current.has_income_sources and review.annual_household_income != current.income_sources_total:
            # A review that states only a total replaces the old breakdown, which no longer adds up.
            for name in INCOME_SOURCE_FIELDS:
                setattr(current, name, Decimal(0))
        current.annual_household_income = review.annual_household_income
        current.local_minimum_living_line = local_minimum_living_line
        current.last_reviewed_on = reviewed_on
        if conclusion == ReviewConclusion.CLOSE:
            current.status = HardshipStatus.CLOSED
            current.closed_on = reviewed_on
        current.full_clean()
        current.save()
        log_event(
            current,
            "welfare.hardship.reviewed",
            {
                "last_reviewed_on": reviewed_on.isoformat(),
                "status": current.status,
                "category": category,
                "household_size": household_size,
                "annual_household_income": str(review.annual_household_income),
            },
        )
    return review
