from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_lookup_finds_current_members_of_the_union_only(clerk_client, union, other_union):
    branch = BranchFactory(union=union, name="装配分会")
    mine = MemberFactory(union=union, name="周建国", branch=branch)
    MemberFactory(union=union, name="周退休", status="retired", status_date=dt.date(2024, 1, 1))
    MemberFactory(union=other_union, name="周外人")
    data = clerk_client.get(reverse("members:lookup", args=[union.code]), {"q": "周"}).json()
    assert data["results"] == [{"id": mine.pk, "label": f"周建国｜装配分会｜身份证尾号{mine.id_number[-4:]}"}]


def test_lookup_never_sends_full_id_numbers(clerk_client, union):
    member = MemberFactory(union=union, name="吴敏")
    body = clerk_client.get(reverse("members:lookup", args=[union.code]), {"q": "吴"}).content.decode()
    assert member.id_number not in body


def test_lookup_with_no_text_returns_nothing(clerk_client, union):
    MemberFactory(union=union)
    assert clerk_client.get(reverse("members:lookup", args=[union.code])).json() == {"results": []}
