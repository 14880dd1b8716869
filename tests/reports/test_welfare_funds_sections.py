"""帮扶救助 and 经费管理 in the report and the dashboard, against figures computed here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from funds.choices import Category, Direction
from reports.services import render_report_pdf, report_start
from tests.factories import MemberFactory
from tests.funds.factories import FundAuditFactory, FundEntryFactory
from tests.reports.pdfs import pdf_text
from tests.welfare.factories import DisbursementFactory, DonationDriveFactory, HardshipFileFactory
from welfare.choices import DisbursementKind as K
from welfare.choices import DisbursementStatus as S
from welfare.choices import HardshipCategory

pytestmark = pytest.mark.django_db
Y = 2025


@pytest.fixture
def welfare_year(union):
    people = [MemberFactory(union=union) for _ in range(4)]
    paid = dict(status=S.PAID, paid_on=dt.date(Y, 2, 1))
    # 节日慰问: 4 people, 500 cash + 200 goods each; 大病救助: one person twice, 5000 each.
    for person in people:
        DisbursementFactory(
            union=union,
            member=person,
            kind=K.FESTIVAL,
            date=dt.date(Y, 1, 20),
            cash_amount=Decimal("500"),
            goods_value=Decimal("200"),
            **paid,
        )
    for month in (3, 9):
        DisbursementFactory(
            union=union,
            member=people[0],
            kind=K.MEDICAL,
            date=dt.date(Y, month, 1),
            cash_amount=Decimal("5000"),
            status=S.APPROVED,
        )
    # Not counted: a draft, a rejected one, last year's.
    DisbursementFactory(
        union=union, member=people[1], kind=K.MEDICAL, date=dt.date(Y, 5, 1), cash_amount=Decimal("9999")
    )
    DisbursementFactory(
        union=union,
        member=people[1],
        kind=K.MEDICAL,
        date=dt.date(Y, 5, 1),
        cash_amount=Decimal("8888"),
        status=S.REJECTED,
        reject_reason="材料不全",
    )
    DisbursementFactory(
        union=union,
        member=people[2],
        kind=K.FESTIVAL,
        date=dt.date(Y - 1, 1, 20),
        cash_amount=Decimal("10000"),
        **{**paid, "paid_on": dt.date(Y - 1, 2, 1)},
    )
    HardshipFileFactory(
        union=union, member=people[0], category=HardshipCategory.DEEP, opened_on=dt.date(Y, 3, 1)
    )
    HardshipFileFactory(union=union, member=people[3], opened_on=dt.date(Y - 1, 3, 1))
    DonationDriveFactory(
        union=union, date=dt.date(Y, 4, 22), participants=120, amount_raised=Decimal("13100")
    )
    FundEntryFactory(
        union=union,
        date=dt.date(Y, 1, 5),
        direction=Direction.INCOME,
        category=Category.DUES,
        amount=Decimal("36000"),
    )
    FundEntryFactory(
        union=union,
        date=dt.date(Y, 6, 5),
        direction=Direction.INCOME,
        category=Category.ALLOCATION,
        amount=Decimal("374000"),
    )
    FundEntryFactory(
        union=union,
        date=dt.date(Y, 6, 5),
        direction=Direction.SPENDING,
        category=Category.ACTIVITIES,
        amount=Decimal("120000"),
    )
    FundAuditFactory(union=union, year=Y, audited_on=dt.date(Y, 12, 20))
    return people


def test_welfare_and_funds_figures_in_the_pdf(union, welfare_year):
    text = pdf_text(render_report_pdf(report_start(union=union, year=Y, actor=None)))

    festival_total = 4 * (500 + 200)
    medical_total = 2 * 5000
    total = festival_total + medical_total  # 12800
    before = 10000
    assert "开展帮扶救助，把温暖送到职工心坎上" in text
    # The year's headline in the opening; the welfare section goes on with the kinds.
    assert (
        f"全年，本会走访慰问、帮扶救助职工4人、6人次，发放慰问金和慰问品合计{total / 10000:g}万元，"
        f"比上年增加{total - before}元，增长{(total - before) * 100 / before:.1f}%。" in text
    )  # 28.0%
    assert text.count(f"合计{total / 10000:g}万元") == 1
    # Universal comfort apart from aid; one person had 大病救助 twice: 1人、2人次.
    assert f"坚持常态化慰问：节日慰问4人次，{festival_total}元。" in text
    assert "对遇到困难的职工及时救助：大病救助1人、2人次，1万元。" in text
    assert "截至年底，在档困难职工从上年的1户增加到2户，其中深度困难职工1户，新建档1户" in text
    assert "参与职工120人次，募集善款1.31万元" in text
    # Funds: income 41万元; spending = activities 12万 + paid union-funded welfare (the 4 festival records).
    assert "全年经费收入41万元，其中会费收入3.6万元，拨缴经费37.4万元" in text
    spending = 120000 + festival_total
    assert (
        f"经费支出{spending / 10000:g}万元，比上年增加{(spending - 10000) / 10000:g}万元，增长1128.0%，主要用于职工活动12万元，帮扶慰问{festival_total}元"
        in text
    )
    # The welfare total and the funds' welfare line differ, and the text says why.
    assert "前述帮扶慰问资金中，由工会经费列支并已发放的部分即上述帮扶慰问支出；已审批尚待发放1万元。" in text
    assert "开展审查1次" in text
    # Appendix table rows
    assert "帮扶慰问分类统计" in text and f"合计4人6人次{total - 4 * 200}元800元{total}元" in text


def test_the_dashboard_shows_welfare_and_funds(clerk_client, union, welfare_year):
    response = clerk_client.get(reverse("unions:home", args=[union.code]), {"year": Y})
    stats = {s.label: s for g in response.context["groups"] for s in g.stats}
    assert stats["帮扶慰问"].value == "6人次"
    assert stats["帮扶慰问"].note == "4人，1.28万元"  # recipients are persons; 户 is for hardship households
    assert stats["经费收入"].value == "41万元"
    assert stats["经费支出"].value == f"{(120000 + 2800) / 10000:g}万元"
    assert stats["在档困难职工"].value == "2户"
    page = response.content.decode()
    assert "各类帮扶慰问金额" in page
