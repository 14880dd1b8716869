from __future__ import annotations

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories import MemberFactory, make_id_number

pytestmark = pytest.mark.django_db


def test_clerk_reaches_the_roster(clerk_client, union):
    MemberFactory(union=union, name="张三")
    response = clerk_client.get(reverse("members:list", args=[union.code]))
    assert response.status_code == 200
    assert "张三" in response.content.decode()


def test_clerk_creates_a_member_with_birth_and_gender_from_the_id(clerk_client, union, branch):
    number = make_id_number(gender="M")
    response = clerk_client.post(
        reverse("members:create", args=[union.code]),
        {
            "name": "李四",
            "id_number": number.lower(),
            "gender": "",
            "birth_date": "",
            "ethnicity": "汉族",
            "phone": "13900001111",
            "employment": "contract",
            "branch": branch.pk,
            "joined_on": "2020-05-01",
            "status": "active",
        },
    )
    assert response.status_code == 302, response.content.decode()
    member = Member.objects.get(name="李四")
    assert member.id_number == number.upper()
    assert member.gender == "M"
    assert str(member.birth_date) == "1985-06-15"
