"""Create and edit every democratic-management record through its pages, and who may."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from democracy.models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion
from tests.factories import MemberFactory
from tests.record_pages import record_page_tests

from .factories import CongressFactory
from .rules import _BUILDERS

pytestmark = pytest.mark.django_db

# prefix -> (model, valid form data, (field to edit, posted value, stored value))
CASES = {
    "congress": (
        Congress,
        {
            "session": "第三届第二次",
            "kind": "workers",
            "date": "2024-03-15",
            "delegates_total": "120",
            "delegates_present": "112",
            "delegates_women": "45",
            "items": "工作报告\n集体合同\n福利方案",
        },
        ("delegates_present", "110", 110),
    ),
    "proposal": (
        Proposal,
        {
            "number": "T001",
            "title": "关于增设职工休息室的提案",
            "submitted_on": "2024-03-15",
            "submitter": "王五等3名代表",
            "status": "received",
        },
        ("status", "accepted", "accepted"),
    ),
    "disclosure": (
        Disclosure,
        {"date": "2024-04-01", "topic": "一季度财务收支", "channel": "board"},
        ("channel", "oa", "oa"),
    ),
    "contract": (
        CollectiveContract,
        {
            "kind": "wage",
            "title": "2024年工资专项集体合同",
            "signed_on": "2024-01-10",
            "start_date": "2024-01-01",
            "end_date": "2026-12-31",
            "workers_covered": "300",
            "wage_growth": "5.5",
            "negotiation_rounds": "3",
        },
        ("wage_growth", "6.25", Decimal("6.25")),
    ),
    "suggestion": (
        Suggestion,
        {"title": "改进排班的建议", "date": "2024-05-20", "submitter": "李四"},
        ("adopted", "on", True),
    ),
    "meeting": (
        JointMeeting,
        {"date": "2024-02-01", "topic": "研究年度福利方案", "attendees": "书记、厂长、主席"},
        ("decisions", "同意方案", "同意方案"),
    ),
}


def _url(name: str, union, *args) -> str:
    return reverse(f"democracy:{name}", args=[union.code, *args])


(
    test_clerk_creates_and_edits_a_record,
    test_the_county_reads_but_cannot_write,
    test_another_unions_user_gets_404,
) = record_page_tests("democracy", CASES, _BUILDERS)


def test_a_proposal_takes_a_member_and_a_congress_of_the_union(clerk_client, union):
    congress = CongressFactory(union=union)
    member = MemberFactory(union=union, name="赵六")
    data = {**CASES["proposal"][1], "submitter": "", "submitter_member": member.pk, "congress": congress.pk}
    assert clerk_client.post(_url("proposal-create", union), data).status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.congress, proposal.submitter_member, proposal.submitter_label) == (
        congress,
        member,
        "赵六",
    )


def test_a_proposal_cannot_point_at_another_unions_records(clerk_client, union, other_union):
    foreign_congress = CongressFactory(union=other_union)
    foreign_member = MemberFactory(union=other_union)
    data = {**CASES["proposal"][1], "submitter_member": foreign_member.pk, "congress": foreign_congress.pk}
    response = clerk_client.post(_url("proposal-create", union), data)
    assert response.status_code == 200
    assert not Proposal.objects.exists()
    form = response.context["form"]
    assert {"congress", "submitter_member"} <= set(form.errors)


def test_voided_congresses_are_not_offered_for_new_proposals(clerk_client, union):
    live = CongressFactory(union=union, session="第三届第一次")
    voided = CongressFactory(union=union, session="第三届第九次")
    voided.void("误录")
    form = clerk_client.get(_url("proposal-create", union)).context["form"]
    assert list(form.fields["congress"].queryset) == [live]


def test_voiding_takes_a_record_out_of_the_list_and_restoring_brings_it_back(clerk_client, union):
    meeting = _BUILDERS["meeting"](union)
    list_url = _url("meeting-list", union) + "?year=all"

    def listed() -> list[str]:
        return [row[1][0] for row in clerk_client.get(list_url).context["rows"]]

    assert listed() == [meeting.topic]
    clerk_client.post(_url("meeting-void", union, meeting.pk), {"reason": "重复录入"})
    assert listed() == []
    clerk_client.post(_url("meeting-void", union, meeting.pk))
    assert listed() == [meeting.topic]


def test_lists_filter_by_year_kind_and_search(clerk_client, union):
    CongressFactory(union=union, session="第三届第一次", date=dt.date(2023, 3, 1), kind="workers")
    CongressFactory(union=union, session="第三届第二次", date=dt.date(2024, 3, 1), kind="workers")
    CongressFactory(union=union, session="第一届第一次", date=dt.date(2024, 9, 1), kind="members")

    def sessions(query: str) -> set[str]:
        response = clerk_client.get(_url("congress-list", union) + query)
        return {row[1][0] for row in response.context["rows"]}

    assert sessions("?year=2024") == {"第三届第二次职工代表大会", "第一届第一次会员代表大会"}
    assert sessions("?year=2024&kind=members") == {"第一届第一次会员代表大会"}
    assert sessions("?year=all&q=第三届") == {"第三届第一次职工代表大会", "第三届第二次职工代表大会"}


def test_the_contract_detail_shows_its_status(clerk_client, union):
    contract = _BUILDERS["contract"](union)
    contract.end_date = dt.date(2020, 12, 31)
    contract.start_date = dt.date(2018, 1, 1)
    contract.save()
    page = clerk_client.get(_url("contract-detail", union, contract.pk)).content.decode()
    assert "已到期" in page
