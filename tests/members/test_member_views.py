from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories import BranchFactory, MemberFactory, make_id_number

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "name": "李四",
        "id_number": make_id_number(gender="M"),
        "gender": "",
        "birth_date": "",
        "ethnicity": "汉族",
        "phone": "13900001111",
        "employment": "contract",
        "joined_on": "2020-05-01",
        "status": "active",
    }
    data.update(overrides)
    return data


def test_clerk_reaches_the_roster(clerk_client, union):
    MemberFactory(union=union, name="张三")
    response = clerk_client.get(reverse("members:list", args=[union.code]))
    assert response.status_code == 200
    assert "张三" in response.content.decode()


def test_the_roster_shows_only_the_unions_own_members(clerk_client, union, other_union):
    MemberFactory(union=union, name="本会会员")
    MemberFactory(union=other_union, name="外会会员")
    page = clerk_client.get(reverse("members:list", args=[union.code])).content.decode()
    assert "本会会员" in page and "外会会员" not in page


def test_clerk_creates_a_member_with_birth_and_gender_from_the_id(clerk_client, union, branch):
    number = make_id_number(birth_date=dt.date(1990, 3, 4), gender="M")
    response = clerk_client.post(
        reverse("members:create", args=[union.code]),
        _form_data(id_number=number.lower(), branch=branch.pk),
    )
    assert response.status_code == 302, response.content.decode()
    member = Member.objects.get(name="李四")
    assert member.id_number == number.upper()
    assert (member.gender, member.birth_date, member.branch) == ("M", dt.date(1990, 3, 4), branch)
    assert member.union == union


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "110105194912310021"}, "校验位不正确"),
        ({"id_number": "12345"}, "应为18位"),
        ({"gender": "F"}, "性别与身份证号不一致"),
        ({"birth_date": "1991-01-01"}, "出生日期与身份证号不一致"),
        ({"phone": "1234567"}, "手机号码应为11位"),
        ({"status": "retired"}, "须填写状态日期"),
        ({"joined_on": "2999-01-01"}, "不能晚于今天"),
        ({"name": ""}, "这个字段是必填项"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_nothing_is_saved(clerk_client, union, overrides, message):
    response = clerk_client.post(reverse("members:create", args=[union.code]), _form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Member.objects.exists()


def test_the_id_number_is_unique_within_a_union_but_not_across(clerk_client, union, other_union):
    existing = MemberFactory(union=union, name="王五", gender="M")
    response = clerk_client.post(
        reverse("members:create", args=[union.code]), _form_data(id_number=existing.id_number)
    )
    page = response.content.decode()
    assert "本工会已有该身份证号的会员。" in page and "王五" not in page
    MemberFactory(union=other_union, id_number=make_id_number(gender="M"))
    assert Member.objects.filter(union=union).count() == 1


@pytest.mark.parametrize(
    ("who", "full"), [("clerk", False), ("leader", False), ("admin", True), ("county", False)]
)
def test_id_numbers_are_masked_for_everyone_but_admins(request, union, who, full):
    client = request.getfixturevalue({"admin": "admin_client_"}.get(who, f"{who}_client"))
    member = MemberFactory(union=union)
    for url in (
        reverse("members:list", args=[union.code]),
        reverse("members:detail", args=[union.code, member.pk]),
    ):
        page = client.get(url).content.decode()
        assert (member.id_number in page) is full
        assert (member.birth_date.isoformat() in page) is full
        if not full:
            assert member.masked_id_number in page and member.id_number[:6] not in page
            assert f"{member.birth_date.year}年" in page


def test_the_edit_form_does_not_send_the_full_id_to_a_clerk_and_blank_keeps_it(clerk_client, union):
    member = MemberFactory(union=union)
    url = reverse("members:edit", args=[union.code, member.pk])
    page = clerk_client.get(url).content.decode()
    assert member.id_number not in page
    assert member.masked_id_number in page
    data = _form_data(id_number="", name="改名", gender="", birth_date="")
    assert clerk_client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.name == "改名" and member.id_number == member.id_number


def test_search_by_name_phone_and_id_tail(clerk_client, admin_client_, union):
    a = MemberFactory(union=union, name="赵一", phone="13611112222")
    b = MemberFactory(union=union, name="钱二", phone="13733334444")
    url = reverse("members:list", args=[union.code])

    def names(client=clerk_client, **params):
        return [m.name for m in client.get(url, params).context["page"]]

    assert names(q="赵") == ["赵一"]
    assert names(q="3733") == ["钱二"]
    assert names(q=b.id_number[-4:].lower()) == ["钱二"]
    assert a.name not in names(q=b.id_number[-4:])
    # Longer tails and whole numbers only for those who may see full numbers.
    assert names(q=b.id_number[-6:]) == [] and names(q=b.id_number) == []
    assert names(admin_client_, q=b.id_number[-6:].lower()) == ["钱二"]
    assert names(admin_client_, q=b.id_number) == ["钱二"]


def test_filters_combine(clerk_client, union):
    branch = BranchFactory(union=union, name="装配分会")
    MemberFactory(union=union, name="女农民工", gender="F", is_migrant_worker=True, branch=branch)
    MemberFactory(union=union, name="男农民工", gender="M", is_migrant_worker=True, branch=branch)
    MemberFactory(union=union, name="女职工", gender="F", branch=branch)
    MemberFactory(
        union=union,
        name="已退休",
        gender="F",
        is_migrant_worker=True,
        branch=branch,
        status="retired",
        status_date=dt.date(2024, 1, 1),
    )
    url = reverse("members:list", args=[union.code])
    response = clerk_client.get(
        url, {"branch": branch.pk, "gender": "F", "migrant": "1", "status": "current"}
    )
    assert [m.name for m in response.context["page"]] == ["女农民工"]


def test_sorting_and_pagination(clerk_client, union):
    for i in range(60):
        MemberFactory(union=union, name=f"会员{i:02d}", joined_on=dt.date(2000 + i % 20, 1, 1))
    url = reverse("members:list", args=[union.code])
    first = clerk_client.get(url, {"sort": "-name"}).context["page"]
    assert first.paginator.count == 60 and len(first) == 50
    assert first[0].name == "会员59"
    second = clerk_client.get(url, {"sort": "-name", "page": 2}).context["page"]
    assert [m.name for m in second][-1] == "会员00"
    joined = [m.joined_on for m in clerk_client.get(url, {"sort": "joined"}).context["page"]]
    assert joined == sorted(joined)


def test_the_roster_runs_a_constant_number_of_queries(clerk_client, union, django_assert_max_num_queries):
    branch = BranchFactory(union=union)
    url = reverse("members:list", args=[union.code])
    MemberFactory.create_batch(3, union=union, branch=branch)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        clerk_client.get(url)
    MemberFactory.create_batch(40, union=union, branch=branch)
    with CaptureQueriesContext(connection) as large:
        clerk_client.get(url)
    assert len(large) == len(small)


def test_the_detail_page_shows_the_history(clerk_client, union):
    member = MemberFactory(union=union, phone="13600000000")
    member.phone = "13611111111"
    member.save()
    page = clerk_client.get(reverse("members:detail", args=[union.code, member.pk])).content.decode()
    assert "变更历史" in page
    # Old numbers are personal data kept in the log: masked for those without full-ID rights.
    assert "136****0000 → 136****1111" in page


def test_ending_membership_keeps_the_member(clerk_client, union):
    member = MemberFactory(union=union)
    url = reverse("members:edit", args=[union.code, member.pk])
    data = _form_data(
        id_number=member.id_number,
        name=member.name,
        gender="",
        status="transferred",
        status_date="2024-06-30",
    )
    assert clerk_client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.status == "transferred" and member.status_date == dt.date(2024, 6, 30)


def test_a_member_entered_by_mistake_can_be_deleted(clerk_client, union):
    member = MemberFactory(union=union)
    url = reverse("members:delete", args=[union.code, member.pk])
    assert clerk_client.get(url).status_code == 200
    assert clerk_client.post(url).status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()


def test_a_higher_level_user_reads_but_cannot_write(county_client, union):
    member = MemberFactory(union=union)
    assert county_client.get(reverse("members:detail", args=[union.code, member.pk])).status_code == 200
    response = county_client.post(reverse("members:edit", args=[union.code, member.pk]), _form_data())
    assert response.status_code == 403
    assert county_client.post(reverse("members:delete", args=[union.code, member.pk])).status_code == 403
    assert Member.objects.filter(pk=member.pk, name=member.name).exists()


def test_a_branch_of_another_union_is_refused(clerk_client, union, other_union):
    foreign_branch = BranchFactory(union=other_union)
    response = clerk_client.post(
        reverse("members:create", args=[union.code]), _form_data(branch=foreign_branch.pk)
    )
    assert response.status_code == 200
    assert not Member.objects.exists()


def test_the_detail_page_lists_the_members_records(clerk_client, union):
    from tests.activities.factories import ActivityFactory
    from tests.welfare.factories import DisbursementFactory

    member = MemberFactory(union=union)
    activity = ActivityFactory(union=union, title="春季篮球赛")
    activity.members.add(member)
    DisbursementFactory(union=union, member=member, date=dt.date(2025, 1, 20))
    voided = ActivityFactory(union=union, title="作废的活动")
    voided.members.add(member)
    voided.void("录错")
    page = clerk_client.get(reverse("members:detail", args=[union.code, member.pk])).content.decode()
    assert "春季篮球赛" in page and "生活救助" in page
    assert "作废的活动" not in page


def test_a_clerk_correcting_the_id_gets_the_birth_date_from_the_new_number(clerk_client, union):
    member = MemberFactory(union=union, birth_date=dt.date(1985, 6, 15))
    url = reverse("members:edit", args=[union.code, member.pk])
    page = clerk_client.get(url).content.decode()
    assert "1985-06-15" not in page and "1985年出生" in page  # no birth date field for a clerk
    corrected = make_id_number(birth_date=dt.date(1986, 2, 1))
    response = clerk_client.post(url, _form_data(id_number=corrected, name=member.name))
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.id_number, member.birth_date) == (corrected, dt.date(1986, 2, 1))


def test_the_filter_bar_shows_a_branch_added_or_renamed_since_the_last_page(clerk_client, union):
    roster = reverse("members:list", args=[union.code])
    clerk_client.get(roster)  # the branch options are cached now
    branch = BranchFactory(union=union, name="新成立分会")
    assert "新成立分会" in clerk_client.get(roster).content.decode()
    branch.name = "更名后分会"
    branch.save()
    page = clerk_client.get(roster).content.decode()
    assert "更名后分会" in page and "新成立分会" not in page
