"""Create and edit fund entries and audit notes through their pages, who may, what is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funds.models import FundAudit, FundEntry
from tests.record_pages import record_page_tests

from .factories import FundAuditFactory, FundEntryFactory
from .rules import _BUILDERS

pytestmark = pytest.mark.django_db

# prefix -> (model, valid form data, (field to edit, posted value, stored value))
CASES = {
    "entry": (
        FundEntry,
        {
            "date": "2024-03-01",
            "direction": "income",
            "category": "dues",
            "amount": "8600",
            "description": "一季度会费",
            "voucher": "记-0012",
        },
        ("amount", "8650.50", Decimal("8650.50")),
    ),
    "audit": (
        FundAudit,
        {"year": "2024", "audited_on": "2025-02-20", "auditor": "经审委员会", "findings": "收支合规。"},
        ("findings", "收支合规，建议加强票据管理。", "收支合规，建议加强票据管理。"),
    ),
}


def _url(name: str, union, *args) -> str:
    return reverse(f"funds:{name}", args=[union.code, *args])


(
    test_clerk_creates_and_edits_a_record,
    test_the_county_reads_but_cannot_write,
    test_another_unions_user_gets_404,
) = record_page_tests("funds", CASES, _BUILDERS)


def test_another_unions_user_cannot_see_the_summary(outsider_client, union):
    assert outsider_client.get(_url("summary", union)).status_code == 404


@pytest.mark.parametrize(
    ("prefix", "overrides", "message"),
    [
        ("entry", {"category": "activities"}, "科目“职工活动”不属于收入"),
        ("entry", {"direction": "spending"}, "科目“会费”不属于支出"),
        ("entry", {"amount": "0"}, "金额应大于0"),
        ("entry", {"amount": "-10"}, "金额不能为负数"),
        ("entry", {"category": ""}, "这个字段是必填项"),
        ("audit", {"year": "1999"}, "审查年度应在2000至2100年之间"),
        ("audit", {"findings": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_is_refused_in_chinese(clerk_client, union, prefix, overrides, message):
    model = CASES[prefix][0]
    response = clerk_client.post(_url(f"{prefix}-create", union), {**CASES[prefix][1], **overrides})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not model.objects.exists()


def test_one_audit_note_per_year_but_a_voided_one_does_not_block(clerk_client, union, other_union):
    existing = FundAuditFactory(union=union, year=2024)
    FundAuditFactory(union=other_union, year=2023)
    data = {**CASES["audit"][1], "year": "2024"}
    response = clerk_client.post(_url("audit-create", union), data)
    assert response.status_code == 200
    assert "该年度已有经费审查记录" in response.content.decode()
    assert clerk_client.post(_url("audit-create", union), {**data, "year": "2023"}).status_code == 302
    existing.void("误录")
    assert clerk_client.post(_url("audit-create", union), data).status_code == 302
    assert FundAudit.objects.filter(union=union).count() == 3


def test_editing_an_audit_note_keeps_its_year(clerk_client, union):
    audit = FundAuditFactory(union=union, year=2024)
    data = {**CASES["audit"][1], "year": "2024", "findings": "修改后的意见"}
    assert clerk_client.post(_url("audit-edit", union, audit.pk), data).status_code == 302


def test_the_category_choices_are_grouped_by_direction(clerk_client, union):
    page = clerk_client.get(_url("entry-create", union)).content.decode()
    assert '<optgroup label="收入">' in page and '<optgroup label="支出">' in page


def test_entries_filter_by_year_direction_and_category(clerk_client, union):
    FundEntryFactory(union=union, description="去年活动", date=dt.date(2023, 5, 1))
    FundEntryFactory(union=union, description="今年活动", date=dt.date(2024, 5, 1))
    FundEntryFactory(
        union=union, description="会费", date=dt.date(2024, 6, 1), direction="income", category="dues"
    )

    def described(query: str) -> set[str]:
        return {row[3][0] for row in clerk_client.get(_url("entry-list", union) + query).context["rows"]}

    assert described("?year=2024") == {"今年活动", "会费"}
    assert described("?year=2024&direction=income") == {"会费"}
    assert described("?year=all&category=activities") == {"去年活动", "今年活动"}
    assert described("?year=all&q=去年") == {"去年活动"}


def test_audit_notes_filter_by_year(clerk_client, union):
    FundAuditFactory(union=union, year=2023, findings="二〇二三意见")
    FundAuditFactory(union=union, year=2024, findings="二〇二四意见")
    rows = clerk_client.get(_url("audit-list", union) + "?year=2024").context["rows"]
    assert [row[0][0] for row in rows] == [2024]


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
