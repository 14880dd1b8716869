"""The to-do panel on a union's home page: what waits for this user today, each line a count
and the page that lists exactly those items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.urls import reverse

from audit.versions import data_version
from democracy.selectors import contracts_expiring
from unions.models import Union
from unions.permissions import Perm, UnionAccess
from welfare import duties
from welfare.selectors import hardship_files_due, pending_approval, returned_to

from .document import section_figures
from .figures import unknown_tokens
from .models import Report, ReportStatus
from .services import figures_changed

EXPIRY_DAYS = 90
SHOWN = 5  # items named on the panel; the link opens them all


@dataclass
class TodoItem:
    text: str
    url: str


@dataclass
class Todo:
    key: str
    label: str
    count: int
    url: str
    note: str = ""
    items: list[TodoItem] = field(default_factory=list)


def _url(name: str, union: Union, *args: Any, query: str = "") -> str:
    return reverse(name, args=[union.code, *args]) + (f"?{query}" if query else "")


def returned_todo(*, union: Union, user: Any) -> Todo | None:
    records = returned_to(union=union, user=user)
    count = records.count()
    if not count:
        return None
    items = [
        TodoItem(
            f"{d.date:%Y-%m-%d} {d.recipient_display}：{d.reject_reason or '（未写原因）'}",
            _url("welfare:disbursement-detail", union, d.pk),
        )
        for d in records[:SHOWN]
    ]
    return Todo(
        "returned",
        "退回给我的发放",
        count,
        _url("welfare:disbursement-list", union, query=f"year=all&status=rejected&submitter={user.pk}"),
        "请按退回原因修改后重新提交审批。",
        items,
    )


def approval_todo(*, union: Union, user: Any) -> Todo | None:
    """Records waiting for this leader; those the separation of duties keeps from them are
    left out of the count and named in the note."""
    ids = list(pending_approval(union=union).values_list("pk", flat=True))
    if not ids:
        return None
    barred = duties.barred(union=union, actor=user, ids=ids)
    count = len(ids) - len(barred)
    if not count:
        return None
    note = f"另有 {len(barred)} 笔是您录入或提交的，须由他人审批。" if barred else ""
    return Todo("approvals", "等待我审批", count, _url("welfare:disbursement-pending", union), note)


def review_todo(*, union: Union, today: dt.date) -> Todo | None:
    files = hardship_files_due(union=union, today=today)
    count = files.count()
    if not count:
        return None
    items = [
        TodoItem(f"{f.member.name}：{_last_review(f)}", _url("welfare:hardship-detail", union, f.pk))
        # The shown few picked from the files alone, then joined to their members: a join
        # first read the whole roster for five names (7,500 pages at 200,000 members).
        for f in files.filter(pk__in=files.values("pk")[:SHOWN])
    ]
    return Todo(
        "reviews",
        "困难职工档案到期复核",
        count,
        _url("welfare:hardship-list", union, query="status=open&due=1"),
        "档案每年复核一次。",
        items,
    )


def _last_review(file: Any) -> str:
    if file.last_reviewed_on:
        return f"上次复核 {file.last_reviewed_on:%Y-%m-%d}"
    return f"{file.opened_on:%Y-%m-%d} 建档后未复核"


def _ends(e: Any) -> str:
    end = f"{e.contract.end_date:%Y-%m-%d}"
    return f"已于 {end} 到期" if e.expired else f"{end} 到期（还有 {e.days_left} 天）"


def contract_todo(*, union: Union, today: dt.date) -> Todo | None:
    expiring = contracts_expiring(union=union, today=today, days=EXPIRY_DAYS)
    if not expiring:
        return None
    items = [
        TodoItem(f"{e.contract.title}：{_ends(e)}", _url("democracy:contract-detail", union, e.contract.pk))
        for e in expiring[:SHOWN]
    ]
    return Todo(
        "contracts",
        "集体合同到期续签",
        len(expiring),
        _url("democracy:contract-expiring", union),
        f"{EXPIRY_DAYS}天内到期或已到期、尚未续签。",
        items,
    )


def report_todo(*, union: Union) -> Todo | None:
    """Sections of a draft summary whose staff text names a figure that does not exist
    (【…】) or whose figures changed since staff wrote it."""
    report = Report.objects.filter(union=union, status=ReportStatus.DRAFT).order_by("-year").first()
    if report is None:
        return None
    written = [rs for rs in report.sections.all() if rs.included and rs.edited_at and not rs.use_generated]
    if not written:
        return None
    _, figures = section_figures(report)
    everything = {label: f for figs in figures.values() for label, f in figs.items()}
    stale = [
        rs
        for rs in written
        if unknown_tokens(rs.staff_text, everything) or figures_changed(rs, figures.get(rs.key, {}))
    ]
    if not stale:
        return None
    return Todo(
        "report",
        f"{report.title}待核对",
        len(stale),
        _url("reports:edit", union, report.pk),
        "这些章节有无法识别的【标记】，或数字在撰写后有变化。",
        [TodoItem(rs.heading, _url("reports:section", union, rs.pk)) for rs in stale[:SHOWN]],
    )


def todos_for(*, union: Union, access: UnionAccess, user: Any, today: dt.date) -> list[Todo]:
    found: list[Todo | None] = []
    if access.can(Perm.EDIT):
        found.append(returned_todo(union=union, user=user))
    if access.can(Perm.APPROVE):
        found.append(approval_todo(union=union, user=user))
    if access.can(Perm.EDIT):
        found += [
            review_todo(union=union, today=today),
            contract_todo(union=union, today=today),
            report_todo(union=union),
        ]
    return [t for t in found if t is not None]


CACHE_SECONDS = 600


def todos_of(request: Any) -> list[Todo]:
    """The panel of the signed-in user in the union of `request` (a UnionRequest).

    Kept per user, role, day and data version: every write to the union's records (or its
    settings, roles, reports) logs an entry and so moves the version, and the panel reads
    nothing else; it cost half of the home page's CPU (eleven queries) on every visit."""
    union, access, user, today = request.union, request.access, request.user, dt.date.today()
    superior = access.superior_union.pk if access.superior_union else ""
    key = f"todos:{union.pk}:{user.pk}:{access.role}:{superior}:{today}:{data_version(union)}"
    todos = cache.get(key)
    if todos is None:
        todos = todos_for(union=union, access=access, user=user, today=today)
        cache.set(key, todos, CACHE_SECONDS)
    return todos
