from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Honour
from tests.activities.factories import HonourFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "recipient_kind": "collective",
        "title": "模范职工之家",
        "awarding_body": "省总工会",
        "level": "provincial",
        "date": "2024-04-28",
    }
    data.update(overrides)
    return data


def test_clerk_records_a_collective_honour(clerk_client, union):
    response = clerk_client.post(reverse("activities:honour-create", args=[union.code]), _form_data())
    assert response.status_code == 302, response.content.decode()
    honour = Honour.objects.get()
    assert (honour.union, honour.member, honour.level, honour.date) == (
        union,
        None,
        "provincial",
        dt.date(2024, 4, 28),
    )
    assert honour.recipient == "工会集体"


def test_clerk_records_and_edits_an_individual_honour(clerk_client, union):
    member = MemberFactory(union=union, name="王芳")
    response = clerk_client.post(
        reverse("activities:honour-create", args=[union.code]),
        _form_data(recipient_kind="individual", member=member.pk, title="五一劳动奖章", level="city"),
    )
    assert response.status_code == 302, response.content.decode()
    honour = Honour.objects.get()
    assert honour.member == member and honour.recipient == "王芳"
    response = clerk_client.post(
        reverse("activities:honour-edit", args=[union.code, honour.pk]),
        _form_data(recipient_kind="individual", member=member.pk, title="五一劳动奖章", level="national"),
    )
    assert response.status_code == 302
    honour.refresh_from_db()
    assert honour.level == "national"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"recipient_kind": "individual"}, "会员个人荣誉须选择获得荣誉的会员。"),
        ({"level": ""}, "这个字段是必填项"),
        ({"date": "2024-02-30"}, "输入一个有效的日期"),
    ],
)
def test_bad_input_gets_a_chinese_message(clerk_client, union, overrides, message):
    response = clerk_client.post(
        reverse("activities:honour-create", args=[union.code]), _form_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Honour.objects.exists()


def test_a_collective_honour_names_no_member(clerk_client, union):
    member = MemberFactory(union=union)
    response = clerk_client.post(
        reverse("activities:honour-create", args=[union.code]), _form_data(member=member.pk)
    )
    assert response.status_code == 200
    assert "工会集体荣誉不需选择会员" in response.content.decode()


def test_a_member_of_another_union_cannot_receive_the_honour(clerk_client, union, other_union):
    foreign = MemberFactory(union=other_union)
    response = clerk_client.post(
        reverse("activities:honour-create", args=[union.code]),
        _form_data(recipient_kind="individual", member=foreign.pk),
    )
    assert response.status_code == 200
    assert not Honour.objects.exists()


def test_the_list_filters_by_year_and_level(clerk_client, union):
    HonourFactory(union=union, title="市级先进", level="city", date=dt.date(2024, 1, 5))
    HonourFactory(union=union, title="省级先进", level="provincial", date=dt.date(2024, 12, 31))
    HonourFactory(union=union, title="去年的荣誉", level="city", date=dt.date(2023, 12, 31))
    url = reverse("activities:honour-list", args=[union.code])

    def titles(**params):
        page = clerk_client.get(url, params).content.decode()
        return {t for t in ("市级先进", "省级先进", "去年的荣誉") if t in page}

    assert titles(year="2024") == {"市级先进", "省级先进"}
    assert titles(year="2024", level="city") == {"市级先进"}
    assert titles(year="all", level="city") == {"市级先进", "去年的荣誉"}


def test_the_list_runs_the_same_number_of_queries_for_few_and_many_rows(clerk_client, union):
    url = reverse("activities:honour-list", args=[union.code])

    def make(n):
        for _ in range(n):
            HonourFactory(union=union, recipient_kind="individual", member=MemberFactory(union=union))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = clerk_client.get(url, {"year": "2024"})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.context["page"].paginator.count

    make(2)
    few, rows = count()
    make(20)
    many, rows_after = count()
    assert (rows, rows_after) == (2, 22)
    assert few == many


def test_read_only_and_foreign_users_cannot_record(county_client, outsider_client, union):
    url = reverse("activities:honour-create", args=[union.code])
    assert county_client.post(url, _form_data()).status_code == 403
    assert outsider_client.post(url, _form_data()).status_code == 404
    assert not Honour.objects.exists()
