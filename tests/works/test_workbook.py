"""The works sheets of the annual workbook, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import MemberFactory
from tests.workbook.conftest import read, table, totals_row

from .factories import (
    DuesCollectionFactory,
    InnovationFactory,
    ModelWorkerCareFactory,
    PublicityFactory,
    SafetyInspectionFactory,
    WorkersHomeFactory,
)

pytestmark = pytest.mark.django_db
Y = 2025


@pytest.fixture
def book(admin_client_, union, other_union):
    day = dt.date(Y, 5, 1)
    PublicityFactory(union=union, date=day, title="学习新《工会法》", participants=32)
    PublicityFactory(union=union, date=day, kind="info", participants=0, title="工运信息",
                     outlet="市总工会", outlet_level="city", submitted=12, adopted=5)  # fmt: skip
    PublicityFactory(union=union, date=dt.date(Y - 1, 5, 1), title="去年的学习")
    PublicityFactory(union=union, date=day, title="作废的学习").void("重复")
    PublicityFactory(union=other_union, date=day, title="别会的学习")
    WorkersHomeFactory(union=union, name="老职工之家", built_on=dt.date(2018, 1, 1), level="provincial",
                       recognised_on=dt.date(2020, 5, 1))  # fmt: skip
    WorkersHomeFactory(union=union, name="明年的书屋", kind="library", built_on=dt.date(Y + 1, 1, 1))
    hero = MemberFactory(union=union, name="李荣正", model_worker_level="provincial")
    ModelWorkerCareFactory(
        union=union, date=day, kind="visit", member=hero, persons=1, amount=Decimal("1000")
    )
    ModelWorkerCareFactory(union=union, date=day, persons=41, amount=Decimal("12180"))
    DuesCollectionFactory(
        union=union, date=day, payer="机关分会", due=Decimal("12000"), paid=Decimal("11800")
    )
    DuesCollectionFactory(union=union, date=day, payer="=cmd|x", due=Decimal("3000"), paid=Decimal("3000"))
    SafetyInspectionFactory(union=union, date=day, title="安全生产月大检查", hazards_found=31, hazards_fixed=29,
                            measures=36)  # fmt: skip
    InnovationFactory(
        union=union, date=day, title="转炉煤气回收改造", level="provincial", benefit=Decimal("280.5")
    )
    response = admin_client_.post(
        reverse("workbook:export", args=[union.code]), {"year": Y, "accept_failures": "on"}
    )  # records made for one sheet leave the return with check findings
    assert response.status_code == 200
    return read(b"".join(response.streaming_content))


def test_publicity_sheet(book):
    header, rows = table(book["宣传教育"])
    assert header[:3] == ["日期", "类型", "主题"]
    assert [(r[1], r[2], r[3], r[6], r[7]) for r in rows] == [
        ("政治理论学习", "学习新《工会法》", 32, 0, 0),
        ("工会信息", "工运信息", 0, 12, 5),
    ]
    assert rows[1][5] == "市级"
    assert totals_row(book["宣传教育"])[3] == 32


def test_homes_sheet_lists_the_homes_standing_at_the_end(book):
    _, rows = table(book["职工之家"])
    assert [(r[0], r[4]) for r in rows] == [("老职工之家", "省级模范")]
    assert rows[0][3] == dt.datetime(2018, 1, 1)


def test_care_sheet_names_the_model_worker_and_sums_the_money(book):
    header, rows = table(book["劳模关爱"])
    assert "劳模级别" in header
    assert {(r[3], r[4], r[5]) for r in rows} == {("李荣正", "省部级", 1), (None, None, 41)}
    total = totals_row(book["劳模关爱"])
    assert (total[5], total[6]) == (42, 13180)


def test_dues_sheet_has_the_rate_and_no_formula(book):
    _, rows = table(book["经费收缴"])
    assert [(r[2], r[3], r[4], r[5]) for r in rows] == [
        ("机关分会", 12000, 11800, 98.3),
        ("=cmd|x", 3000, 3000, 100),
    ]
    assert book["经费收缴"]["C3"].data_type == "s"  # the payer is text, never a formula
    total = totals_row(book["经费收缴"])
    assert (total[3], total[4]) == (15000, 14800)


def test_safety_and_innovation_sheets(book):
    _, rows = table(book["安全检查"])
    assert [(r[2], r[3], r[4], r[5], r[6]) for r in rows] == [("安全生产月大检查", 31, 29, 93.5, 36)]
    header, rows = table(book["创新成果"])
    assert header[5] == "经济效益（万元）"
    assert [(r[1], r[3], r[5]) for r in rows] == [("转炉煤气回收改造", "省部级", 280.5)]
