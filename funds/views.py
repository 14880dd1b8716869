from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from records.filters import ChoiceFilter, YearFilter
from records.money import format_yuan
from records.params import period_param
from records.periods import current_period, periods_offered
from records.viewsets import Column, RecordViewSet
from unions.permissions import Perm, UnionRequest, union_view

from .choices import Category, Direction
from .filters import AuditYearFilter
from .forms import FundAuditForm, FundEntryForm
from .models import FundAudit, FundEntry
from .selectors import audits_for_year, fund_summary

NS = "funds"

entries = RecordViewSet(
    model=FundEntry,
    form_class=FundEntryForm,
    namespace=NS,
    prefix="entry",
    columns=[
        Column("日期", "date"),
        Column("收支", "direction"),
        Column("科目", "category"),
        Column("摘要", "description", link=True),
        Column("金额", lambda e: format_yuan(e.amount), numeric=True),
        Column("凭证号", "voucher"),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="direction", label="收支", field_name="direction", choices=Direction.choices),
        ChoiceFilter(param="category", label="科目", field_name="category", choices=Category.choices),
    ],
    search_fields=["description", "voucher"],
    search_placeholder="摘要、凭证号",
    ordering=["-date", "-id"],
    list_template="funds/entry_list.html",
)

audits = RecordViewSet(
    model=FundAudit,
    form_class=FundAuditForm,
    namespace=NS,
    prefix="audit",
    columns=[
        Column("审查年度", "year", link=True),
        Column("审查日期", "audited_on"),
        Column("审查人/经审委员会", "auditor"),
        Column("审查意见", lambda a: a.findings[:60]),
    ],
    filters=[AuditYearFilter()],
    search_fields=["auditor", "findings"],
    search_placeholder="审查人、审查意见",
    ordering=["-year", "-id"],
)

VIEWSETS = [entries, audits]


@union_view(Perm.VIEW)
def summary(request: UnionRequest) -> HttpResponse:
    """Income and spending by category for one reporting period, with the audit notes."""
    union = request.union
    latest = current_period(union)
    # A statistical year, or a half, quarter or months so far (the dashboard's period).
    period = period_param(request, union, default=latest, latest=latest)
    if period.year < 2000:
        period = latest
    offered = periods_offered(union, years=10)
    if period not in offered:
        offered.insert(0, period)
    return render(
        request,
        "funds/summary.html",
        {
            "summary": fund_summary(union=union, period=period),
            "audits": audits_for_year(union=union, year=period.year),
            "year": period.year,
            "period": period,
            "periods": [(p.code, p.label) for p in offered],
        },
    )
