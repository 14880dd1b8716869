"""Every works record through its pages: who may, what is refused, in Chinese."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MemberFactory
from tests.record_pages import record_page_tests
from works.models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome

from .factories import ModelWorkerCareFactory
from .rules import _BUILDERS

pytestmark = pytest.mark.django_db

# prefix -> (model, valid form data, (field to edit, posted value, stored value))
CASES = {
    "publicity": (
        Publicity,
        {"date": "2024-03-06", "kind": "study", "title": "学习新《工会法》", "participants": "32"},
        ("participants", "40", 40),
    ),
    "home": (
        WorkersHome,
        {"name": "机修车间职工之家", "kind": "home", "built_on": "2024-05-01", "books": "0"},
        ("books", "800", 800),
    ),
    "care": (
        ModelWorkerCare,
        {"date": "2024-04-28", "kind": "forum", "title": "庆五一劳模座谈会", "persons": "12", "amount": "0"},
        ("amount", "2400", Decimal("2400")),
    ),
    "dues": (
        DuesCollection,
        {"date": "2024-12-20", "item": "dues", "payer": "机关分会", "due": "36000", "paid": "30000"},
        ("paid", "36000", Decimal("36000")),
    ),
    "inspection": (
        SafetyInspection,
        {"date": "2024-06-12", "kind": "general", "title": "安全生产月大检查", "hazards_found": "31"},
        ("hazards_fixed", "29", 29),
    ),
    "innovation": (
        Innovation,
        {"date": "2024-09-01", "title": "转炉煤气回收改造", "kind": "technical", "level": "city"},
        ("benefit", "321", Decimal("321")),
    ),
}


def _url(name: str, union, *args) -> str:
    return reverse(f"works:{name}", args=[union.code, *args])


(
    test_clerk_creates_and_edits_a_record,
    test_the_county_reads_but_cannot_write,
    test_another_unions_user_gets_404,
) = record_page_tests("works", CASES, _BUILDERS)


@pytest.mark.parametrize(
    ("prefix", "overrides", "message"),
    [
        ("publicity", {"participants": "0"}, "政治理论学习须填写参加人次"),
        ("publicity", {"submitted": "3"}, "政治理论学习不填报送和采用数"),
        ("publicity", {"kind": "info", "participants": "0"}, "稿件和信息须填写报送篇（条）数"),
        (
            "publicity",
            {"kind": "info", "submitted": "3", "adopted": "4", "outlet_level": "city"},
            "采用数不能多于报送数",
        ),
        (
            "publicity",
            {"kind": "article", "submitted": "3", "adopted": "1"},
            "有采用的稿件和信息须选择采用级别",
        ),
        ("home", {"level": "provincial"}, "已命名的须填写命名日期"),
        ("home", {"recognised_on": "2024-06-01"}, "填写了命名日期的须选择命名级别"),
        ("home", {"level": "city", "recognised_on": "2024-01-01"}, "命名日期不能早于建成日期"),
        ("home", {"built_on": "1024-05-01"}, "不合理"),
        ("care", {"persons": "0"}, "人次应至少为1"),
        ("care", {"amount": "-1"}, "金额不能为负数"),
        ("dues", {"due": "0"}, "应缴金额应大于0"),
        ("dues", {"due": ""}, "这个字段是必填项"),
        ("inspection", {"hazards_fixed": "32"}, "已整改隐患不能多于发现的隐患"),
        ("innovation", {"level": "world"}, "选择一个有效的选项"),
        ("innovation", {"benefit": "-3"}, "金额不能为负数"),
    ],
)
def test_bad_input_is_refused_in_chinese(clerk_client, union, prefix, overrides, message):
    model = CASES[prefix][0]
    response = clerk_client.post(_url(f"{prefix}-create", union), {**CASES[prefix][1], **overrides})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not model.objects.exists()


def test_care_names_a_model_worker_from_the_roster(clerk_client, union):
    hero = MemberFactory(union=union, name="戴造成", model_worker_level="national")
    data = {**CASES["care"][1], "kind": "visit", "member": hero.pk, "persons": "1", "amount": "500"}
    assert clerk_client.post(_url("care-create", union), data).status_code == 302
    care = ModelWorkerCare.objects.get()
    assert (care.member, care.amount) == (hero, Decimal("500"))
    assert "戴造成" in clerk_client.get(_url("care-list", union) + "?year=2024").content.decode()


def test_care_refuses_a_member_who_is_not_a_model_worker(clerk_client, union):
    plain = MemberFactory(union=union, name="普通会员")
    data = {**CASES["care"][1], "member": plain.pk, "persons": "1"}
    response = clerk_client.post(_url("care-create", union), data)
    assert "未登记劳模级别" in response.content.decode()
    assert not ModelWorkerCare.objects.exists()


def test_care_for_one_model_worker_counts_one_person(clerk_client, union):
    hero = MemberFactory(union=union, model_worker_level="city")
    response = clerk_client.post(_url("care-create", union), {**CASES["care"][1], "member": hero.pk})
    assert "选定一名劳模时人次应为1" in response.content.decode()


def test_care_refuses_another_unions_model_worker(clerk_client, union, other_union):
    stranger = MemberFactory(union=other_union, name="外会劳模", model_worker_level="national")
    response = clerk_client.post(
        _url("care-create", union), {**CASES["care"][1], "member": stranger.pk, "persons": "1"}
    )
    assert response.status_code == 200
    assert "外会劳模" not in response.content.decode()
    assert not ModelWorkerCare.objects.exists()


def test_a_voided_record_leaves_the_list_and_comes_back(clerk_client, union):
    care = ModelWorkerCareFactory(union=union, title="疗休养安排")
    response = clerk_client.post(_url("care-void", union, care.pk), {"reason": "重复录入"})
    assert response.status_code == 302
    care.refresh_from_db()
    assert care.is_void
    listed = clerk_client.get(_url("care-list", union) + "?year=all").context["rows"]
    assert listed == []
    clerk_client.post(_url("care-void", union, care.pk))
    care.refresh_from_db()
    assert not care.is_void


def test_the_dues_list_shows_the_completion_rate(clerk_client, union):
    _BUILDERS["dues"](union)  # 11800 of 12000
    rows = clerk_client.get(_url("dues-list", union) + "?year=2024").context["rows"]
    assert [cell[0] for cell in rows[0]][2:] == ["12,000.00", "11,800.00", "98.3%"]


def test_homes_built_in_earlier_years_stay_listed(clerk_client, union):
    import datetime as dt

    from .factories import WorkersHomeFactory

    WorkersHomeFactory(union=union, name="老职工之家", built_on=dt.date(2016, 5, 1))
    assert "老职工之家" in clerk_client.get(_url("home-list", union)).content.decode()


@pytest.mark.parametrize("prefix", CASES)
def test_list_queries_do_not_grow_with_rows(clerk_client, union, prefix):
    url = _url(f"{prefix}-list", union) + ("?year=all" if prefix != "home" else "")

    def count_queries(rows: int) -> int:
        while len(clerk_client.get(url).context["rows"]) < rows:
            _BUILDERS[prefix](union)
        with CaptureQueriesContext(connection) as ctx:
            response = clerk_client.get(url)
        assert len(response.context["rows"]) == rows
        return len(ctx)

    assert count_queries(2) == count_queries(12)
