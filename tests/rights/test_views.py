"""Create and edit every rights record through its pages, who may, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rights.models import LegalAid, MediationCase, Petition
from tests.record_pages import record_page_tests

from .rules import _BUILDERS

pytestmark = pytest.mark.django_db

# prefix -> (model, valid form data, (field to edit, posted value, stored value))
CASES = {
    "mediation": (
        MediationCase,
        {
            "received_on": "2024-04-10",
            "parties": "职工王某与生产车间",
            "subject": "拖欠加班费",
            "dispute_type": "pay",
            "workers_involved": "3",
            "outcome": "pending",
        },
        ("workers_involved", "4", 4),
    ),
    "legalaid": (
        LegalAid,
        {"date": "2024-05-01", "kind": "consultation", "persons": "6", "subject": "劳动合同法咨询"},
        ("amount_recovered", "3500", Decimal("3500")),
    ),
    "petition": (
        Petition,
        {"date": "2024-06-01", "channel": "letter", "cases": "1", "persons": "1", "subject": "反映宿舍维修"},
        ("resolved", "on", True),
    ),
}


def _url(name: str, union, *args) -> str:
    return reverse(f"rights:{name}", args=[union.code, *args])


(
    test_clerk_creates_and_edits_a_record,
    test_the_county_reads_but_cannot_write,
    test_another_unions_user_gets_404,
) = record_page_tests("rights", CASES, _BUILDERS)


@pytest.mark.parametrize(
    ("prefix", "overrides", "message"),
    [
        ("mediation", {"closed_on": "2024-05-01"}, "处理中的案件不能填写结案日期"),
        ("mediation", {"outcome": "success"}, "已结案的案件须填写结案日期"),
        ("mediation", {"outcome": "success", "closed_on": "2024-04-01"}, "结案日期不能早于受理日期"),
        (
            "mediation",
            {"outcome": "failed", "closed_on": "2024-05-01", "amount_recovered": "100"},
            "调解不成的案件不能填写追讨金额",
        ),
        ("mediation", {"amount_recovered": "-5"}, "金额不能为负数"),
        ("mediation", {"workers_involved": "0"}, "涉及职工人数应至少为1"),
        ("legalaid", {"persons": "0"}, "人次应至少为1"),
        ("legalaid", {"kind": "lawsuit"}, "选择一个有效的选项"),
        ("petition", {"cases": "0"}, "件次应至少为1"),
        ("petition", {"persons": "0"}, "人次应至少为1"),
        ("petition", {"subject": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_is_refused_in_chinese(clerk_client, union, prefix, overrides, message):
    model = CASES[prefix][0]
    response = clerk_client.post(_url(f"{prefix}-create", union), {**CASES[prefix][1], **overrides})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not model.objects.exists()


def test_a_successful_mediation_records_the_amount_recovered(clerk_client, union):
    data = {
        **CASES["mediation"][1],
        "outcome": "success",
        "closed_on": "2024-05-20",
        "amount_recovered": "18600.5",
    }
    assert clerk_client.post(_url("mediation-create", union), data).status_code == 302
    case = MediationCase.objects.get()
    assert (case.outcome, case.amount_recovered) == ("success", Decimal("18600.50"))


def test_lists_filter_by_year_and_outcome(clerk_client, union):
    import datetime as dt

    from .factories import MediationCaseFactory

    MediationCaseFactory(union=union, subject="旧案", received_on=dt.date(2023, 5, 1))
    MediationCaseFactory(union=union, subject="新案", received_on=dt.date(2024, 5, 1))
    MediationCaseFactory(
        union=union,
        subject="已调成",
        received_on=dt.date(2024, 6, 1),
        outcome="success",
        closed_on=dt.date(2024, 6, 9),
    )

    def subjects(query: str) -> set[str]:
        return {row[1][0] for row in clerk_client.get(_url("mediation-list", union) + query).context["rows"]}

    assert subjects("?year=2024") == {"新案", "已调成"}
    assert subjects("?year=2024&outcome=success") == {"已调成"}
    assert subjects("?year=all&q=旧") == {"旧案"}


@pytest.mark.parametrize("prefix", CASES)
def test_list_queries_do_not_grow_with_rows(clerk_client, union, prefix):
    url = _url(f"{prefix}-list", union) + "?year=all"

    def count_queries(rows: int) -> int:
        while len(clerk_client.get(url).context["rows"]) < rows:
            _BUILDERS[prefix](union)
        with CaptureQueriesContext(connection) as ctx:
            response = clerk_client.get(url)
        assert len(response.context["rows"]) == rows
        return len(ctx)

    assert count_queries(2) == count_queries(12)
