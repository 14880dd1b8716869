"""The funds summary: income and spending by category, with welfare disbursements paid from
union funds as a derived spending line that nobody types twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from funds.choices import INCOME_CATEGORIES, SPENDING_CATEGORIES, WELFARE_LINE_KEY
from funds.selectors import fund_summary
from records.periods import period_of
from tests.factories import MemberFactory

from .factories import FundAuditFactory, FundEntryFactory

pytestmark = pytest.mark.django_db

PERIOD = period_of(2024)
IN, BEFORE, AFTER = dt.date(2024, 6, 1), dt.date(2023, 12, 31), dt.date(2025, 1, 1)


@pytest.fixture
def welfare_amounts(monkeypatch):
    """Stands in for the welfare selector, recording what it was asked."""
    calls = []

    def fake(*, union, period):
        calls.append((union, period))
        return Decimal("4321.50")

    monkeypatch.setattr("welfare.selectors.disbursements_paid_from_union_funds", fake)
    return calls


def _entries(union, other_union):
    made = [
        FundEntryFactory(union=union, date=IN, direction="income", category="dues", amount=Decimal("8600")),
        FundEntryFactory(union=union, date=IN, direction="income", category="dues", amount=Decimal("400.50")),
        FundEntryFactory(
            union=union, date=IN, direction="income", category="allocation", amount=Decimal("120000")
        ),
        FundEntryFactory(
            union=union,
            date=dt.date(2024, 1, 1),
            direction="income",
            category="admin_subsidy",
            amount=Decimal("30000"),
        ),
        FundEntryFactory(
            union=union,
            date=dt.date(2024, 12, 31),
            direction="spending",
            category="activities",
            amount=Decimal("45000"),
        ),
        FundEntryFactory(
            union=union, date=IN, direction="spending", category="assistance", amount=Decimal("5000")
        ),
        FundEntryFactory(
            union=union, date=IN, direction="spending", category="administration", amount=Decimal("1234.56")
        ),
    ]
    FundEntryFactory(union=union, date=BEFORE, direction="income", category="dues", amount=Decimal("1"))
    FundEntryFactory(
        union=union, date=AFTER, direction="spending", category="activities", amount=Decimal("1")
    )
    FundEntryFactory(union=other_union, date=IN, direction="income", category="dues", amount=Decimal("1"))
    FundEntryFactory(
        union=union, date=IN, direction="spending", category="business", amount=Decimal("1")
    ).void("误录")
    return made


def test_the_summary_adds_up_entries_by_category_and_the_welfare_line(union, other_union, welfare_amounts):
    made = _entries(union, other_union)
    summary = fund_summary(union=union, period=PERIOD)

    assert [line.key for line in summary.income] == [c.value for c in INCOME_CATEGORIES]
    assert [line.key for line in summary.spending] == [c.value for c in SPENDING_CATEGORIES] + [
        WELFARE_LINE_KEY
    ]
    for line in summary.income + summary.spending:
        if line.key != WELFARE_LINE_KEY:
            assert line.amount == sum((e.amount for e in made if e.category == line.key), Decimal("0")), (
                line.key
            )
    welfare_line = summary.line(WELFARE_LINE_KEY)
    assert (welfare_line.label, welfare_line.amount, welfare_line.derived) == (
        "帮扶慰问（发放记录）",
        Decimal("4321.50"),
        True,
    )
    assert welfare_amounts == [(union, PERIOD)]

    income = sum(e.amount for e in made if e.direction == "income")
    spending = sum(e.amount for e in made if e.direction == "spending") + Decimal("4321.50")
    assert summary.income_total == income == Decimal("159000.50")
    assert summary.spending_total == spending
    assert summary.balance == income - spending
    assert summary.welfare_disbursements == Decimal("4321.50")


def test_the_summary_page_shows_the_figures_of_the_chosen_year(
    clerk_client, union, other_union, welfare_amounts
):
    _entries(union, other_union)
    FundAuditFactory(union=union, year=2024, findings="年度收支合规。")
    FundAuditFactory(union=union, year=2023, findings="上年意见。")
    response = clerk_client.get(reverse("funds:summary", args=[union.code]) + "?year=2024")
    page = response.content.decode()
    assert response.context["summary"].period == PERIOD
    assert "159,000.50元" in page  # income total, as pages show amounts
    assert "帮扶慰问（发放记录）" in page and "4,321.50元" in page
    assert "年度收支合规。" in page and "上年意见。" not in page


def test_the_summary_page_defaults_to_the_current_period_and_ignores_nonsense(
    clerk_client, union, welfare_amounts
):
    url = reverse("funds:summary", args=[union.code])
    current = clerk_client.get(url).context["year"]
    assert clerk_client.get(url + "?year=abc").context["year"] == current
    assert clerk_client.get(url + "?year=99999").context["year"] == current


def test_paid_welfare_disbursements_from_union_funds_count_as_spending(union, other_union):
    from welfare.models import Disbursement

    member = MemberFactory(union=union)

    def disbursement(*, union=union, status="paid", source="union_funds", paid_on=IN, cash="0", goods="0"):
        return Disbursement.objects.create(
            union=union,
            date=paid_on or IN,
            kind="living",
            member=member if union.pk == member.union_id else None,
            recipient_name="" if union.pk == member.union_id else "外会职工",
            cash_amount=Decimal(cash),
            goods_value=Decimal(goods),
            funding_source=source,
            status=status,
            paid_on=paid_on if status == "paid" else None,
        )

    disbursement(cash="2000")
    disbursement(cash="500", goods="300.25")
    disbursement(cash="9", status="approved")  # approved, not yet paid
    disbursement(cash="9", source="administration")  # paid by management, not union funds
    disbursement(cash="9", paid_on=BEFORE)
    disbursement(cash="9", union=other_union)
    disbursement(cash="9").void("误录")
    FundEntryFactory(
        union=union, date=IN, direction="spending", category="activities", amount=Decimal("1000")
    )

    summary = fund_summary(union=union, period=PERIOD)
    assert summary.welfare_disbursements == Decimal("2800.25")
    assert summary.spending_total == Decimal("3800.25")
