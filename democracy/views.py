from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from records.filters import BoolFilter, ChoiceFilter, OnDateFilter, YearFilter
from records.money import format_yuan
from records.viewsets import Column, RecordViewSet
from unions.permissions import Perm, UnionRequest, union_view

from .choices import CongressKind, ContractKind, DisclosureChannel, ProposalStatus
from .filters import AnyYearFilter, ContractStatusFilter
from .forms import (
    CollectiveContractForm,
    CongressForm,
    DisclosureForm,
    JointMeetingForm,
    ProposalForm,
    SuggestionForm,
)
from .models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion
from .selectors import contracts_expiring, in_force_on

NS = "democracy"

congresses = RecordViewSet(
    model=Congress,
    form_class=CongressForm,
    namespace=NS,
    prefix="congress",
    columns=[
        Column("召开日期", "date"),
        Column("会议", lambda c: str(c), link=True),
        Column("代表总数", "delegates_total", numeric=True),
        Column("出席", "delegates_present", numeric=True),
        Column("女代表", "delegates_women", numeric=True),
        Column("审议事项", "item_count", numeric=True),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="会议类型", field_name="kind", choices=CongressKind.choices),
    ],
    search_fields=["session", "items", "resolutions"],
    search_placeholder="届次、审议事项、决议",
    ordering=["-date", "-id"],
)

proposals = RecordViewSet(
    model=Proposal,
    form_class=ProposalForm,
    namespace=NS,
    prefix="proposal",
    columns=[
        Column("编号", "number"),
        Column("案由", "title", link=True),
        Column("提出日期", "submitted_on"),
        Column("提案人", "submitter_label"),
        Column("所属会议", "congress"),
        Column("承办部门", "department"),
        Column("状态", "status"),
    ],
    filters=[
        YearFilter(date_field="submitted_on"),
        ChoiceFilter(param="status", label="办理状态", field_name="status", choices=ProposalStatus.choices),
    ],
    search_fields=["number", "title", "submitter", "submitter_member__name", "department", "content"],
    search_placeholder="编号、案由、提案人、承办部门",
    select_related=["congress", "submitter_member"],
    ordering=["-submitted_on", "-id"],
)

disclosures = RecordViewSet(
    model=Disclosure,
    form_class=DisclosureForm,
    namespace=NS,
    prefix="disclosure",
    columns=[
        Column("公开日期", "date"),
        Column("公开事项", "topic", link=True),
        Column("公开形式", "channel"),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(
            param="channel", label="公开形式", field_name="channel", choices=DisclosureChannel.choices
        ),
    ],
    search_fields=["topic", "content"],
    search_placeholder="公开事项、内容",
    ordering=["-date", "-id"],
)


def _contract_detail(request: UnionRequest, contract: CollectiveContract) -> dict[str, Any]:
    return {"status_label": contract.status_label}


contracts = RecordViewSet(
    model=CollectiveContract,
    form_class=CollectiveContractForm,
    namespace=NS,
    prefix="contract",
    columns=[
        Column("合同类型", "kind"),
        Column("合同名称", "title", link=True),
        Column("签订日期", "signed_on"),
        Column("期限", "term_label"),
        Column("覆盖职工", "workers_covered", numeric=True),
        Column("工资增幅（%）", "wage_growth", numeric=True),
        Column("状态", "status_label"),
    ],
    filters=[
        AnyYearFilter(date_field="signed_on", label="签订年度"),
        ChoiceFilter(param="kind", label="合同类型", field_name="kind", choices=ContractKind.choices),
        ContractStatusFilter(),
        OnDateFilter(label="有效日期", condition=in_force_on),
    ],
    search_fields=["title", "notes"],
    search_placeholder="合同名称",
    ordering=["-signed_on", "-id"],
    list_template="democracy/contract_list.html",
    detail_template="democracy/contract_detail.html",
    detail_extra=_contract_detail,
)

suggestions = RecordViewSet(
    model=Suggestion,
    form_class=SuggestionForm,
    namespace=NS,
    prefix="suggestion",
    columns=[
        Column("提出日期", "date"),
        Column("建议名称", "title", link=True),
        Column("建议人", "submitter_label"),
        Column("采纳", lambda s: "是" if s.adopted else "否"),
        Column("创造效益", lambda s: format_yuan(s.benefit) if s.adopted else "", numeric=True),
    ],
    filters=[YearFilter(), BoolFilter(param="adopted", label="是否采纳", field_name="adopted")],
    search_fields=["title", "submitter", "submitter_member__name", "content"],
    search_placeholder="建议名称、建议人",
    select_related=["submitter_member"],
    ordering=["-date", "-id"],
)

meetings = RecordViewSet(
    model=JointMeeting,
    form_class=JointMeetingForm,
    namespace=NS,
    prefix="meeting",
    columns=[
        Column("会议日期", "date"),
        Column("会议议题", "topic", link=True),
        Column("议定事项", lambda m: m.decisions[:60]),
    ],
    filters=[YearFilter()],
    search_fields=["topic", "attendees", "decisions"],
    search_placeholder="议题、参会人员、议定事项",
    ordering=["-date", "-id"],
)

VIEWSETS = [congresses, proposals, disclosures, contracts, suggestions, meetings]

EXPIRY_WARNING_DAYS = 90


@union_view(Perm.VIEW)
def contract_expiring(request: UnionRequest) -> HttpResponse:
    """Contracts to renew: ending within 90 days, or ended without a successor."""
    today = timezone.localdate()
    return render(
        request,
        "democracy/contract_expiring.html",
        {
            "today": today,
            "days": EXPIRY_WARNING_DAYS,
            "contracts": contracts_expiring(union=request.union, today=today, days=EXPIRY_WARNING_DAYS),
        },
    )
