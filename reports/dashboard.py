"""The year at a glance: each union's key figures, each a link to the records behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString

from activities.selectors import activities_by_category, activities_by_month, activity_totals
from audit.versions import data_version
from democracy.selectors import (
    congress_summary,
    contract_summary,
    contracts_expiring,
    disclosure_counts,
    proposal_counts,
    suggestion_summary,
)
from funds.selectors import fund_summary
from members.selectors import membership_figures
from records.memo import figures_scope
from records.money import format_money
from records.params import period_param
from records.periods import Period, current_period, periods_offered
from rights.choices import LegalAidKind
from rights.selectors import rights_summary
from unions.models import Union
from unions.permissions import UnionRequest
from unions.selectors import branches_with_headcount, subordinate_unions
from welfare.selectors import (
    disbursement_totals,
    disbursement_totals_by_type,
    hardship_file_counts,
    pending_approval_count,
)

from .charts import column_chart, horizontal_bars
from .todos import todos_of


@dataclass
class Stat:
    label: str
    value: str  # as shown: "300人", "3.6万元"
    url: str = ""
    note: str = ""


@dataclass
class Group:
    title: str
    stats: list[Stat] = field(default_factory=list)


def _url(name: str, code: str, **params: object) -> str:
    """The list behind a figure, with the filters that give exactly its rows. An empty value
    is kept: it is a list's 全部 option, which differs from the list's default."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return reverse(name, args=[code]) + (f"?{query}" if query else "")


def dashboard_groups(*, union: Union, period: Period, today: dt.date) -> list[Group]:
    # Every list a card opens is narrowed to the dashboard's own period (a year, a half, a
    # quarter or the months so far), by its code: the lists' period filter reads the same.
    code, pc = union.code, period.code
    members = membership_figures(union=union, period=period)
    acts = activity_totals(union=union, period=period)
    congress = congress_summary(union=union, period=period)
    proposals = proposal_counts(union=union, period=period)
    disclosures = disclosure_counts(union=union, period=period)
    contracts = contract_summary(union=union, period=period, today=today)
    expiring = contracts_expiring(union=union, today=today)
    suggestions = suggestion_summary(union=union, period=period)
    rights = rights_summary(union=union, period=period)
    welfare = disbursement_totals(union=union, period=period)
    files = hardship_file_counts(union=union, period=period)
    funds = fund_summary(union=union, period=period)
    roster = "members:list"
    at_end = period.end.isoformat()
    groups = [
        Group(
            "会员",
            [
                Stat(
                    "会员总数",
                    f"{members.total}人",
                    _url(roster, code, at=at_end),
                    "期末在册（含保留会籍）",
                ),
                Stat("女会员", f"{members.women}人", _url(roster, code, at=at_end, gender="F")),
                Stat("农民工会员", f"{members.migrant}人", _url(roster, code, at=at_end, migrant=1)),
                Stat("新发展会员", f"{members.joined}人", _url(roster, code, joined=pc, sort="-joined")),
                Stat("减少会员", f"{members.left}人", _url(roster, code, left=pc, sort="-status")),
            ],
        ),
        Group(
            "活动",
            [
                Stat("开展活动", f"{acts.count}次", _url("activities:activity-list", code, year=pc)),
                Stat("参加职工", f"{acts.participants}人次", _url("activities:activity-list", code, year=pc)),
                Stat(
                    "女职工参加",
                    f"{acts.women_participants}人次",
                    _url("activities:activity-list", code, year=pc),
                ),
                Stat("活动经费", format_money(acts.cost), _url("activities:activity-list", code, year=pc)),
            ],
        ),
        Group(
            "帮扶救助",
            [
                Stat(
                    "帮扶慰问",
                    f"{welfare.person_times}人次",
                    _url("welfare:disbursement-list", code, year=pc, status="counted"),
                    f"{welfare.households}人，{format_money(welfare.total)}",
                ),
                Stat(
                    "在档困难职工",
                    f"{files.open_at_end}户",
                    _url("welfare:hardship-list", code, status="", on=at_end),
                    f"{period.this_words}新建档{files.opened}户，脱困{files.closed}户"
                    if files.opened or files.closed
                    else "",
                ),
                Stat(
                    "待审批",
                    f"{pending_approval_count(union=union)}条",
                    _url("welfare:disbursement-list", code, year="all", status="submitted"),
                ),
            ],
        ),
        Group(
            "民主管理",
            [
                Stat("职代会", f"{congress.count}次", _url("democracy:congress-list", code, year=pc)),
                Stat(
                    "收到提案",
                    f"{proposals.received}件",
                    _url("democracy:proposal-list", code, year=pc),
                    f"立案{proposals.accepted}件，办结{proposals.closed}件",
                ),
                Stat("厂务公开", f"{disclosures.count}项", _url("democracy:disclosure-list", code, year=pc)),
                Stat(
                    "有效集体合同",
                    f"{contracts.in_force_total}份",
                    _url("democracy:contract-list", code, on=contracts.as_of.isoformat()),
                    f"{len(expiring)}份将在90天内到期或已到期" if expiring else "",
                ),
                Stat(
                    "合理化建议",
                    f"{suggestions.submitted}条",
                    _url("democracy:suggestion-list", code, year=pc),
                    f"采纳{suggestions.adopted}条" if suggestions.submitted else "",
                ),
            ],
        ),
        Group(
            "维权",
            [
                Stat(
                    "劳动争议调解",
                    f"{rights.mediation_received}件",
                    _url("rights:mediation-list", code, year=pc),
                    f"调解成功{rights.mediation_successful}件" if rights.mediation_received else "",
                ),
                Stat(
                    "法律咨询",
                    f"{rights.consultation_persons}人次",
                    _url("rights:legalaid-list", code, year=pc, kind=LegalAidKind.CONSULTATION),
                ),
                Stat("来信来访", f"{rights.petition_cases}件次", _url("rights:petition-list", code, year=pc)),
                # Two cards, not one total: each figure opens the one list whose rows add up to it.
                Stat(
                    "调解追回工资及补偿",
                    format_money(rights.mediation_recovered),
                    _url("rights:mediation-list", code, year=pc),
                ),
                Stat(
                    "法律援助追回",
                    format_money(rights.legal_aid_recovered),
                    _url("rights:legalaid-list", code, year=pc),
                ),
            ],
        ),
    ]
    groups.append(
        Group(
            "经费",
            [
                Stat("经费收入", format_money(funds.income_total), _url("funds:summary", code, period=pc)),
                Stat(
                    "经费支出",
                    format_money(funds.spending_total),
                    _url("funds:summary", code, period=pc),
                    f"含帮扶慰问发放{format_money(funds.welfare_disbursements)}"
                    if funds.welfare_disbursements
                    else "",
                ),
                Stat(
                    f"{period.this_words}结余",
                    format_money(funds.balance),
                    _url("funds:summary", code, period=pc),
                ),
            ],
        )
    )
    return groups


def dashboard_charts(*, union: Union, period: Period) -> list[SafeString]:
    charts = []
    months = activities_by_month(union=union, period=period)
    if any(m.count for m in months):
        charts.append(column_chart([(m.label, m.count) for m in months], title="各月开展活动（次）"))
    by_type = [row for row in disbursement_totals_by_type(union=union, period=period) if row.total]
    if by_type:
        bars = [(row.label, (row.total / 10000).quantize(Decimal("0.01"))) for row in by_type]
        charts.append(horizontal_bars(bars, unit="万元", title="各类帮扶慰问金额（万元）"))
    categories = activities_by_category(union=union, period=period)
    if categories:
        charts.append(
            horizontal_bars(
                [(c.label, c.participants) for c in categories], unit="人次", title="各类活动参加人次"
            )
        )
    return charts


CACHE_SECONDS = 600


def _return_review(*, union: Union, period: Period, today: dt.date):  # type: ignore[no-untyped-def]
    """The statistics return's logic checks on this period's figures (workbook.survey)."""
    from workbook.survey.review import review_union

    return review_union(union=union, period=period, today=today)


def cached_figures(*, union: Union, period: Period, today: dt.date) -> dict[str, object]:
    span = f"{period.kind}:{period.start}:{period.end}"
    key = f"dashboard:{union.pk}:{span}:{today}:{data_version(union)}"
    figures = cache.get(key)
    if figures is None:
        with figures_scope():  # the return's checks count what the cards count: once
            figures = _figures(union=union, period=period, today=today)
        cache.set(key, figures, CACHE_SECONDS)
    # The template keeps its rendering of these figures under the same key (`{% cache %}`).
    return {**figures, "figures_key": key}


def _figures(*, union: Union, period: Period, today: dt.date) -> dict[str, object]:
    return {
        "groups": dashboard_groups(union=union, period=period, today=today),
        "charts": dashboard_charts(union=union, period=period),
        "subordinates": list(subordinate_unions(union=union)),
        "branches": list(branches_with_headcount(union=union)),
        "review": _return_review(union=union, period=period, today=today),
    }


def dashboard_page(request: UnionRequest) -> HttpResponse:
    """Rendered by `unions:home`, which has checked access already."""
    union = request.union
    latest = current_period(union)
    period = period_param(request, union, default=latest, latest=latest)
    return render(
        request,
        "reports/dashboard.html",
        {
            "period": period,
            "periods": periods_offered(union),
            "todos": todos_of(request),  # per user, never cached with the figures
            **cached_figures(union=union, period=period, today=dt.date.today()),
        },
    )
