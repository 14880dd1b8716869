"""民主管理 and 维护职工权益 in the report, with figures computed here from the records made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from democracy.choices import ContractKind, ProposalStatus
from reports.services import render_report_pdf, report_start
from rights.choices import LegalAidKind, MediationOutcome
from tests.democracy.factories import (
    CollectiveContractFactory,
    CongressFactory,
    DisclosureFactory,
    JointMeetingFactory,
    ProposalFactory,
    SuggestionFactory,
)
from tests.reports.pdfs import pdf_text
from tests.rights.factories import LegalAidFactory, MediationCaseFactory, PetitionFactory

pytestmark = pytest.mark.django_db
Y = 2025


def test_democracy_and_rights_figures_in_the_pdf(union):
    CongressFactory(
        union=union,
        session="第五届第三次",
        date=dt.date(Y, 3, 15),
        delegates_total=120,
        delegates_present=112,
        delegates_women=45,
        items="工作报告\n福利方案",
    )
    statuses = [ProposalStatus.CLOSED] * 3 + [ProposalStatus.ACCEPTED] + [ProposalStatus.REJECTED]
    for status in statuses:
        ProposalFactory(
            union=union,
            submitted_on=dt.date(Y, 3, 15),
            status=status,
            **(
                {"reply": "已答复", "replied_on": dt.date(Y, 5, 1)} if status == ProposalStatus.CLOSED else {}
            ),
        )
    for month in (1, 4, 7, 10):
        DisclosureFactory(union=union, date=dt.date(Y, month, 5))
    for month in (2, 8):
        DisclosureFactory(union=union, date=dt.date(Y - 1, month, 5))
    CollectiveContractFactory(
        union=union,
        kind=ContractKind.GENERAL,
        signed_on=dt.date(Y, 1, 10),
        start_date=dt.date(Y, 1, 1),
        end_date=dt.date(Y + 2, 12, 31),
        workers_covered=300,
        wage_growth=Decimal("5"),
    )
    CollectiveContractFactory(
        union=union,
        kind=ContractKind.WAGE,
        signed_on=dt.date(Y, 2, 10),
        start_date=dt.date(Y, 2, 1),
        end_date=dt.date(Y + 1, 1, 31),
        workers_covered=280,
        wage_growth=Decimal("6"),
    )
    SuggestionFactory(
        union=union,
        date=dt.date(Y, 5, 1),
        adopted=True,
        adopted_on=dt.date(Y, 6, 1),
        benefit=Decimal("52000"),
    )
    SuggestionFactory(union=union, date=dt.date(Y, 5, 2))
    JointMeetingFactory(union=union, date=dt.date(Y, 2, 1))
    MediationCaseFactory(
        union=union,
        received_on=dt.date(Y, 4, 1),
        outcome=MediationOutcome.SUCCESS,
        closed_on=dt.date(Y, 5, 1),
        amount_recovered=Decimal("18600"),
        workers_involved=3,
    )
    MediationCaseFactory(union=union, received_on=dt.date(Y, 6, 1), workers_involved=1)
    LegalAidFactory(union=union, date=dt.date(Y, 5, 1), kind=LegalAidKind.CONSULTATION, persons=14)
    PetitionFactory(union=union, date=dt.date(Y, 6, 1), cases=2, persons=5)

    text = pdf_text(render_report_pdf(report_start(union=union, year=Y, actor=None)))

    assert "推进民主管理，保障职工民主权利" in text
    assert "（一）坚持和完善职工代表大会制度" in text
    assert "召开第五届第三次职工代表大会，应到代表120名" in text
    assert "应到代表120名，实到112名，其中女代表45名，审议通过了工作报告、福利方案。" in text
    closed, accepted = 3, 4
    assert (
        f"共收到职工代表提案5件，立案{accepted}件，办结{closed}件，办结率{closed * 100 / accepted:.1f}%"
        in text
    )
    growth = (4 - 2) * 100 / 2
    assert f"共4项，比上年增加2项，增长{growth:.1f}%" in text
    rounds = 2 + 2  # the factory's negotiation rounds per contract
    assert (
        f"本年度签订（续签）集体合同2份，开展工资集体协商{rounds}次，现行有效集体合同2份，覆盖职工300人，其中工资专项集体合同1份"
        in text
    )
    assert f"约定职工工资平均增长{(Decimal('5') + Decimal('6')) / 2:g}%" in text
    assert "征集职工合理化建议2条，采纳1条，创造经济效益5.2万元" in text
    assert "召开党政工联席会1次" in text
    assert "依法维护职工合法权益" in text
    assert "受理劳动争议2件，涉及职工4人，调解成功1件，调解成功率50.0%" in text
    assert "为职工提供法律咨询14人次" in text
    assert "为职工追回工资及各项补偿1.86万元" in text
    assert "受理来信来访2件次、5人次" in text


def test_a_women_specific_contract_appears_under_womens_work(union):
    CollectiveContractFactory(
        union=union,
        kind=ContractKind.WOMEN,
        signed_on=dt.date(Y, 3, 1),
        start_date=dt.date(Y, 3, 1),
        end_date=dt.date(Y + 2, 2, 28),
        workers_covered=130,
    )
    text = pdf_text(render_report_pdf(report_start(union=union, year=Y, actor=None)))
    assert "做好女职工工作，维护女职工特殊权益" in text
    # Stated once: the count under 民主管理, the coverage here refers back to it.
    assert "女职工权益保护专项集体合同1份" in text
    assert "女职工权益保护专项集体合同覆盖女职工130人，维护女职工特殊权益。" in text
