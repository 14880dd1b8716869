"""The member form forgives how a number is typed and says each problem once (issue #13
item 6), and a duplicate number names nobody (security follow-up)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from members.models import Member
from tests.factories import MemberFactory
from tests.members.test_member_views import _form_data

pytestmark = pytest.mark.django_db


def _errors(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", e).strip()
        for e in re.findall(r'id="error_\d+_id_\w+"[^>]*>(.*?)</(?:p|span)>', html, re.S)
    ]


def test_a_number_pasted_with_spaces_and_a_small_x_is_taken(clerk_client, union):
    url = reverse("members:create", args=[union.code])
    form = clerk_client.get(url).content.decode()
    assert re.search(r'name="id_number"[^>]*maxlength="30"', form)
    response = clerk_client.post(url, _form_data(id_number="110105 19491231 002x"))
    assert response.status_code == 302, _errors(response.content.decode())
    assert Member.objects.get().id_number == "11010519491231002X"


def test_a_number_with_dashes_or_a_full_width_space_is_taken(clerk_client, union):
    response = clerk_client.post(
        reverse("members:create", args=[union.code]), _form_data(id_number="110105-19491231\u3000002X")
    )
    assert response.status_code == 302


def test_a_checksum_error_is_said_once(clerk_client, union):
    response = clerk_client.post(
        reverse("members:create", args=[union.code]), _form_data(id_number="110105194912310021")
    )
    html = response.content.decode()
    assert html.count("身份证号校验位不正确") == 1


def test_a_duplicate_number_gets_one_error_naming_nobody(clerk_client, union):
    existing = MemberFactory(union=union, name="王五", gender="M")
    spaced = f"{existing.id_number[:6]} {existing.id_number[6:14]} {existing.id_number[14:]}"
    response = clerk_client.post(reverse("members:create", args=[union.code]), _form_data(id_number=spaced))
    html = response.content.decode()
    assert html.count("本工会已有该身份证号的会员。") == 1
    assert "王五" not in html and "应为18位" not in html
    assert Member.objects.count() == 1


def test_a_duplicate_is_not_told_while_the_entry_has_other_errors(clerk_client, union):
    """Otherwise a guessed number could be checked against the roster with any junk around it."""
    existing = MemberFactory(union=union, name="王五", gender="M")
    response = clerk_client.post(
        reverse("members:create", args=[union.code]), _form_data(id_number=existing.id_number, phone="123")
    )
    html = response.content.decode()
    assert "手机号码" in html and "本工会已有该身份证号" not in html


def test_editing_a_member_keeps_its_own_number(clerk_client, union):
    member = MemberFactory(union=union, name="赵六", gender="M")
    data = _form_data(name="赵六", id_number=member.id_number)
    response = clerk_client.post(reverse("members:edit", args=[union.code, member.pk]), data)
    assert response.status_code == 302
