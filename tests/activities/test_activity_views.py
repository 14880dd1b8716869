from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity
from audit.models import AuditEntry
from tests.activities.factories import ActivityFactory
from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "category": "sports_culture",
        "title": "职工篮球赛",
        "start_date": "2024-05-10",
        "end_date": "2024-05-12",
        "place": "体育馆",
        "participants": "120",
        "women_participants": "30",
        "cost": "8600.50",
        "results": "机加分会获第一名",
        "description": "共12支队伍参赛。",
    }
    data.update(overrides)
    return data


def test_clerk_creates_an_activity_with_participant_members(clerk_client, union, branch):
    first, second = MemberFactory(union=union, name="张三"), MemberFactory(union=union, name="李四")
    response = clerk_client.post(
        reverse("activities:activity-create", args=[union.code]),
        {**_form_data(branch=branch.pk), "members": [first.pk, second.pk]},
    )
    assert response.status_code == 302, response.content.decode()
    activity = Activity.objects.get()
    assert activity.union == union
    assert activity.branch == branch
    assert (activity.participants, activity.women_participants) == (120, 30)
    assert activity.cost == Decimal("8600.50")
    assert set(activity.members.all()) == {first, second}
    assert activity.date_span == "2024-05-10 至 2024-05-12"
    assert response["Location"] == reverse("activities:activity-detail", args=[union.code, activity.pk])
    page = clerk_client.get(response["Location"]).content.decode()
    assert "职工篮球赛" in page and "张三" in page and "李四" in page


def test_clerk_edits_an_activity_and_the_member_change_is_logged(clerk_client, clerk, union):
    kept, dropped, added = (MemberFactory(union=union, name=n) for n in ("甲", "乙", "丙"))
    activity = ActivityFactory(union=union, title="拔河比赛")
    activity.members.set([kept, dropped])
    response = clerk_client.post(
        reverse("activities:activity-edit", args=[union.code, activity.pk]),
        {**_form_data(title="拔河友谊赛", end_date=""), "members": [kept.pk, added.pk]},
    )
    assert response.status_code == 302, response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "拔河友谊赛"
    assert activity.end_date is None
    assert activity.date_span == "2024-05-10"
    assert set(activity.members.all()) == {kept, added}
    entries = AuditEntry.objects.for_object(activity).filter(action="update")
    assert entries.filter(changes__title=["拔河比赛", "拔河友谊赛"]).exists()
    member_change = entries.get(changes__has_key="members")
    assert member_change.changes["members"] == ["乙、甲", "丙、甲"]
    assert member_change.actor == clerk


def test_a_member_of_another_union_cannot_be_listed_as_participant(clerk_client, union, other_union):
    foreign = MemberFactory(union=other_union)
    response = clerk_client.post(
        reverse("activities:activity-create", args=[union.code]), {**_form_data(), "members": [foreign.pk]}
    )
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_a_branch_of_another_union_cannot_organise(clerk_client, union, other_union):
    foreign = BranchFactory(union=other_union)
    response = clerk_client.post(
        reverse("activities:activity-create", args=[union.code]), _form_data(branch=foreign.pk)
    )
    assert response.status_code == 200
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2024-05-09"}, "结束日期不能早于开始日期。"),
        ({"women_participants": "121"}, "女职工人次不能多于参加人次。"),
        ({"cost": "-1"}, "金额不能为负数。"),
        ({"participants": "-5"}, "确保该值大于或等于0"),
        ({"title": ""}, "这个字段是必填项"),
        ({"participants": "1"}, "参加人次不能少于所选参加会员的人数（2人）。"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_nothing_is_saved(clerk_client, union, overrides, message):
    members = [MemberFactory(union=union).pk, MemberFactory(union=union).pk]
    data = {**_form_data(women_participants="0"), "members": members, **overrides}
    response = clerk_client.post(reverse("activities:activity-create", args=[union.code]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_read_only_and_foreign_users_cannot_create(county_client, outsider_client, union):
    url = reverse("activities:activity-create", args=[union.code])
    assert county_client.post(url, _form_data()).status_code == 403
    assert outsider_client.post(url, _form_data()).status_code == 404
    assert not Activity.objects.exists()


def test_the_list_filters_by_year_category_and_branch_and_searches(clerk_client, union, branch):
    ActivityFactory(union=union, title="春季篮球赛", start_date=dt.date(2024, 4, 1), branch=branch)
    ActivityFactory(union=union, title="去年的篮球赛", start_date=dt.date(2023, 4, 1))
    ActivityFactory(
        union=union, title="安康杯知识竞赛", category="safety", start_date=dt.date(2024, 6, 1), place="礼堂"
    )
    ActivityFactory(union=union, title="作废的活动", start_date=dt.date(2024, 6, 2)).void("误录")
    url = reverse("activities:activity-list", args=[union.code])

    def titles(**params):
        page = clerk_client.get(url, params).content.decode()
        found = {t for t in ("春季篮球赛", "去年的篮球赛", "安康杯知识竞赛", "作废的活动") if t in page}
        return found

    assert titles(year="2024") == {"春季篮球赛", "安康杯知识竞赛"}
    assert titles(year="all") == {"春季篮球赛", "去年的篮球赛", "安康杯知识竞赛"}
    assert titles(year="2024", category="safety") == {"安康杯知识竞赛"}
    assert titles(year="all", branch=str(branch.pk)) == {"春季篮球赛"}
    assert titles(year="all", q="礼堂") == {"安康杯知识竞赛"}
    assert titles(year="all", q="篮球") == {"春季篮球赛", "去年的篮球赛"}
    assert titles(year="all", void="1") == {"作废的活动"}


def test_the_list_shows_the_columns(clerk_client, union, branch):
    ActivityFactory(
        union=union,
        title="三八节插花活动",
        category="women",
        start_date=dt.date(2024, 3, 8),
        branch=branch,
        participants=60,
        women_participants=58,
        cost=Decimal("2300"),
    )
    page = clerk_client.get(reverse("activities:activity-list", args=[union.code]), {"year": "2024"})
    text = page.content.decode()
    for expected in ("2024-03-08", "女职工活动", "三八节插花活动", branch.name, ">60<", ">58<", "2300元"):
        assert expected in text, expected


def test_the_list_runs_the_same_number_of_queries_for_few_and_many_rows(clerk_client, union):
    url = reverse("activities:activity-list", args=[union.code])

    def make(n):
        for _ in range(n):
            branch = BranchFactory(union=union)
            activity = ActivityFactory(union=union, branch=branch)
            activity.members.add(MemberFactory(union=union))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = clerk_client.get(url, {"year": "2024"})
        assert response.status_code == 200
        return len(ctx.captured_queries), response.context["page"].paginator.count

    make(2)
    few, rows = count()
    assert rows == 2
    make(20)
    many, rows = count()
    assert rows == 22
    assert few == many


def test_voiding_takes_an_activity_out_and_restoring_brings_it_back(clerk_client, union):
    activity = ActivityFactory(union=union)
    url = reverse("activities:activity-void", args=[union.code, activity.pk])
    assert clerk_client.post(url, {"reason": "重复录入"}).status_code == 302
    activity.refresh_from_db()
    assert activity.is_void and activity.void_reason == "重复录入"
    clerk_client.post(url)
    activity.refresh_from_db()
    assert not activity.is_void
