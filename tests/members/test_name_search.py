"""The roster's name search goes through the character index (members.name_search) and
answers exactly what LIKE '%q%' answered, whatever wrote the names."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from members.models import Member
from members.selectors import member_search
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _found(union, q: str) -> list[str]:
    return sorted(m.name for m in member_search(union=union, filters={"q": q}))


def _plain(union, q: str) -> list[str]:
    return sorted(Member.objects.filter(union=union, name__icontains=q).values_list("name", flat=True))


NAMES = ["王伟", "王小明", "李王", "汪伟", "伟王", "Anna Li", "ANNE", "欧阳娜娜", "王 伟", "100%纯", "a_b"]


@pytest.mark.parametrize(
    "q",
    [
        "王",
        "伟",
        "王伟",
        "伟王",
        "小明",
        "王小明王",
        "anna",
        "AN",
        "n",
        "欧阳",
        "娜娜",
        "王 伟",
        "%",
        "_",
        "欧",
    ],
)
def test_it_finds_what_a_plain_like_finds(union, other_union, q):
    for name in NAMES:
        MemberFactory(union=union, name=name)
    MemberFactory(union=other_union, name="王伟")
    assert _found(union, q) == _plain(union, q)


def test_renamed_moved_and_bulk_written_members_are_found(union, other_union):
    member = MemberFactory(union=union, name="张三")
    member.name = "赵六"
    member.save()
    assert _found(union, "赵") == ["赵六"] and _found(union, "张") == []
    Member.objects.filter(pk=member.pk).update(union=other_union)  # no save(), no signals
    assert _found(union, "赵") == [] and _found(other_union, "赵") == ["赵六"]
    template = MemberFactory.build(union=union, branch=None)
    rows = []
    for name in ("钱七", "孙八"):
        row = Member(**{f.attname: getattr(template, f.attname) for f in Member._meta.concrete_fields})
        row.pk, row.name, row.id_number = None, name, MemberFactory.build().id_number
        rows.append(row)
    Member.objects.bulk_create(rows)
    assert _found(union, "八") == ["孙八"]
    Member.objects.filter(name="孙八").delete()
    assert _found(union, "八") == []


def test_a_phone_query_still_finds_phones_and_a_name_query_skips_them(clerk_client, union):
    MemberFactory(union=union, name="赵一", phone="0571-87654321")
    url = reverse("members:list", args=[union.code])
    names = [m.name for m in clerk_client.get(url, {"q": "1-8765"}).context["page"]]
    assert names == ["赵一"]
    page = clerk_client.get(url, {"q": "赵"})
    assert [m.name for m in page.context["page"]] == ["赵一"]


def test_the_search_asks_the_character_index(union):
    from django.db import connection

    sql = str(member_search(union=union, filters={"q": "王"}).query)
    assert "members_name_char" in sql
    assert not re.search(r'"phone"(::text)? LIKE', sql)  # a name cannot be in a phone number
