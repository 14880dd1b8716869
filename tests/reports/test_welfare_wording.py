"""Item 3 of issue #10: welfare the way unions report it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import MemberFactory
from tests.reports.seed_unions import summary_text
from tests.welfare.factories import DisbursementFactory, DonationDriveFactory, HardshipFileFactory
from welfare.choices import DisbursementKind as K
from welfare.choices import DisbursementStatus as S
from welfare.choices import Festival, FundingSource

pytestmark = pytest.mark.django_db
Y = 2025
PAID = {"status": S.PAID}


def _give(union, kind, day, cash, **fields):
    fields.setdefault("paid_on", day)
    return DisbursementFactory(union=union, kind=kind, date=day, cash_amount=Decimal(cash), **PAID, **fields)


def test_universal_comfort_is_apart_from_aid_with_persons_and_person_times(union):
    people = [MemberFactory(union=union) for _ in range(3)]
    for person in people:
        for day, festival in ((dt.date(Y, 1, 20), Festival.SPRING), (dt.date(Y, 9, 15), Festival.MID_AUTUMN)):
            _give(union, K.FESTIVAL, day, "500", member=person, festival=festival)
    _give(union, K.BIRTHDAY, dt.date(Y, 5, 1), "200", member=people[0])
    _give(union, K.MEDICAL, dt.date(Y, 3, 1), "5000", member=people[1])
    _give(union, K.STUDENT, dt.date(Y, 8, 20), "2000", member=people[2])
    text = summary_text(union)
    assert "全年，本会走访慰问、帮扶救助职工3人、9人次，发放慰问金和慰问品合计1.02万元。" in text
    assert "坚持常态化慰问：节日慰问3人、6人次，3000元；生日慰问1人次，200元。" in text
    assert "对遇到困难的职工及时救助：大病救助1人，5000元；金秋助学1人，2000元。" in text
    assert "户" not in text  # nobody here is a hardship household


def test_aid_to_hardship_households_is_counted_in_hu(union):
    files = [HardshipFileFactory(union=union, opened_on=dt.date(Y - 1, 3, 1)) for _ in range(2)]
    for file in files:
        for month in (1, 6):
            _give(union, K.LIVING, dt.date(Y, month, 10), "800", member=file.member, hardship_file=file)
    text = summary_text(union)
    # One kind: its persons, person-times and sum are the opening's totals, said once.
    assert "全年，本会走访慰问、帮扶救助职工2人、4人次，发放慰问金和慰问品合计3200元。" in text
    assert "全部救助均为生活救助。救助对象中有在档困难职工家庭2户。" in text


def test_the_funding_split_is_stated(union):
    _give(union, K.MEDICAL, dt.date(Y, 3, 1), "11000", funding_source=FundingSource.HIGHER_UNION)
    _give(union, K.LIVING, dt.date(Y, 4, 1), "4500")
    _give(union, K.STUDENT, dt.date(Y, 8, 1), "10000", funding_source=FundingSource.DONATION)
    text = summary_text(union)
    assert "从资金来源看，工会经费4500元、上级工会专项1.1万元、社会捐赠1万元。" in text
    # The funds section says why its welfare line is smaller than the welfare total.
    assert (
        "前述帮扶慰问资金中，由工会经费列支并已发放的部分即上述帮扶慰问支出；"
        "上级工会专项、社会捐赠承担2.1万元，不在工会经费中列支。" in text
    )


def test_hardship_households_against_last_year_and_the_rate_out_of_hardship(union):
    # Last year's end: 5 open. This year: 1 opened, 3 closed -> 3 open; 3 of 6 left hardship.
    files = [HardshipFileFactory(union=union, opened_on=dt.date(Y - 1, 2, 1)) for _ in range(5)]
    HardshipFileFactory(union=union, opened_on=dt.date(Y, 4, 1))
    for file in files[:3]:
        file.status, file.closed_on = "closed", dt.date(Y, 10, 1)
        file.save()
    text = summary_text(union)
    assert (
        "截至年底，在档困难职工从上年的5户减少到3户，新建档1户，帮助3户困难职工家庭实现脱困，脱困率50.0%"
        in text
    )


def test_donations_are_named_and_compared_with_last_year(union):
    DonationDriveFactory(
        union=union, title="灾区捐款", date=dt.date(Y - 1, 8, 1), amount_raised=Decimal("10000")
    )
    DonationDriveFactory(
        union=union,
        title="爱心一日捐",
        date=dt.date(Y, 4, 22),
        participants=96,
        amount_raised=Decimal("12180"),
    )
    text = summary_text(union)
    assert "组织开展爱心一日捐，参与职工96人次，募集善款12180元，比上年增加2180元，增长21.8%。" in text


def test_a_drive_without_a_recorded_count_does_not_say_zero(union):
    DonationDriveFactory(union=union, date=dt.date(Y, 4, 22), participants=0, amount_raised=Decimal("3000"))
    text = summary_text(union)
    assert "0人次" not in text
    assert "组织开展爱心一日捐，募集善款3000元。" in text
