"""Issue #10 item 5: the verb fits what happened in the period — a collective contract signed
last year and in force now 继续履行, it is not 签订 this year."""

from __future__ import annotations

import datetime as dt

import pytest

from democracy.choices import ContractKind
from reports.document import assemble
from reports.models import Report
from tests.democracy.factories import CollectiveContractFactory
from tests.reports.seed_unions import summary_text

pytestmark = pytest.mark.django_db
Y = 2025


def _contract(union, kind, signed, covered):  # type: ignore[no-untyped-def]
    return CollectiveContractFactory(
        union=union,
        kind=kind,
        signed_on=signed,
        start_date=signed,
        end_date=dt.date(signed.year + 3, signed.month, 1) - dt.timedelta(days=1),
        workers_covered=covered,
        negotiation_rounds=0,
        wage_growth=None,
    )


def test_a_contract_signed_last_year_is_in_force_not_signed(union):
    _contract(union, ContractKind.GENERAL, dt.date(Y - 1, 4, 1), 260)
    text = summary_text(union)
    assert "以前年度签订的集体合同1份在有效期内继续履行，覆盖职工260人。" in text
    assert "签订（续签）" not in text


def test_this_years_contract_is_signed_and_last_years_goes_on(union):
    _contract(union, ContractKind.GENERAL, dt.date(Y - 1, 4, 1), 260)
    _contract(union, ContractKind.WAGE, dt.date(Y, 3, 1), 250)
    text = summary_text(union)
    assert "本年度签订（续签）集体合同1份" in text
    assert "以前年度签订的1份继续履行，现行有效集体合同2份，覆盖职工260人" in text


def test_a_women_contract_from_an_earlier_year_is_continued_under_womens_work(union):
    _contract(union, ContractKind.WOMEN, dt.date(Y - 2, 3, 1), 130)
    text = summary_text(union)
    assert "以前年度签订的集体合同1份在有效期内继续履行" in text  # 民主管理 first
    assert "女职工权益保护专项集体合同覆盖女职工130人" in text  # then referred back to
    report = Report.objects.get(union=union, year=Y)  # the same draft, 民主管理 left out
    report.sections.filter(key="democracy").update(included=False)
    doc = assemble(report)
    women = next(s for s in doc.sections if s.key == "women")
    assert women.blocks[0]["text"].startswith(
        "女职工权益保护专项集体合同1份在有效期内继续履行，覆盖女职工130人"
    )
    assert "签订女职工权益保护专项集体合同" not in text


def test_a_women_contract_signed_this_year_is_signed(union):
    _contract(union, ContractKind.WOMEN, dt.date(Y, 3, 1), 130)
    assert "女职工权益保护专项集体合同" in summary_text(union)
    assert "继续履行" not in summary_text(union)
