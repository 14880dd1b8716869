"""The character index of names (members.name_chars) stays exactly the members' names and
mirrored columns whatever writes the members: a form's save, the import (COPY on
PostgreSQL), bulk inserts and updates without signals, deletes, a member moving union."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.models.functions import Upper
from django.urls import reverse

from members import services
from members.models import Member, MemberNameChar
from members.name_chars import MIRRORED
from members.selectors import member_search
from records import bulk_write
from tests.factories import BranchFactory, MemberFactory, make_id_number
from tests.members.test_import import last_import, upload, xlsx

pytestmark = pytest.mark.django_db

COLUMNS = ["union_id", "ch", "name", "member_id", *(f"{c}_id" if c == "branch" else c for c in MIRRORED)]


def expected_index() -> set[tuple]:
    """One row per distinct character of each member's name as the database upper-cases it."""
    rows = set()
    members = Member.objects.annotate(upper=Upper("name")).values(
        "upper", "id", "union_id", "name", *COLUMNS[4:]
    )
    for m in members:
        for ch in set(m["upper"]):
            rows.add((m["union_id"], ch, m["name"], m["id"], *(m[c] for c in COLUMNS[4:])))
    return rows


def assert_index_is_exact() -> None:
    assert set(MemberNameChar.objects.values_list(*COLUMNS)) == expected_index()
    assert MemberNameChar.objects.count() == len(expected_index())


def _found(union, q: str) -> list[str]:
    return sorted(m.name for m in member_search(union=union, filters={"q": q}))


def test_the_table_mirrors_every_column_the_roster_filters_and_sorts_by():
    member_columns = {f.attname for f in Member._meta.concrete_fields}
    index_columns = {f.attname for f in MemberNameChar._meta.concrete_fields}
    assert set(COLUMNS) <= index_columns and set(COLUMNS[4:]) <= member_columns


def test_a_form_save_a_rename_and_a_delete_keep_the_index(union, branch):
    member = services.member_create(
        union=union,
        name="张三丰",
        id_number=make_id_number(dt.date(1980, 1, 2), "M"),
        joined_on=dt.date(2015, 1, 1),
        branch=branch,
    )
    assert_index_is_exact()
    assert _found(union, "丰") == ["张三丰"]
    services.member_update(member=member, name="赵六")
    assert_index_is_exact()
    assert _found(union, "张") == [] and _found(union, "赵") == ["赵六"]
    services.member_update(member=member, status="retired", status_date=dt.date(2024, 1, 1))
    assert_index_is_exact()
    assert member_search(union=union, filters={"q": "赵", "status": "current"}).count() == 0
    services.member_delete(member=member)
    assert_index_is_exact()
    assert _found(union, "赵") == []


def test_bulk_updates_without_signals_keep_the_index(union, other_union):
    branch = BranchFactory(union=union, name="装配分会")
    changes = {
        "name": "李三三",
        "branch": branch,
        "status": "retired",
        "gender": "M",
        "is_migrant_worker": True,
        "joined_on": dt.date(2020, 2, 2),
        "status_date": dt.date(2024, 1, 1),
        "birth_date": dt.date(1990, 1, 1),
    }
    assert set(changes) == {"name", *MIRRORED}
    members = [MemberFactory(union=union, name=f"王{i}") for i in range(len(changes) + 1)]
    for member, (field, value) in zip(members, changes.items(), strict=False):
        Member.objects.filter(pk=member.pk).update(**{field: value})  # one column at a time
        assert_index_is_exact()
    Member.objects.filter(pk=members[-1].pk).update(phone="13900000000")  # no mirrored column
    Member.objects.filter(name__startswith="王").update(status="retained", gender="F")  # many rows
    assert_index_is_exact()
    Member.objects.filter(pk=members[1].pk).update(union=other_union, branch=None)  # moved union
    assert_index_is_exact()
    assert _found(other_union, "王") == ["王1"] and "王1" not in _found(union, "王")
    with transaction.atomic():  # the import's own writer: one UPDATE per row
        members[2].name, members[2].status = "李四", "removed"
        members[2].status_date = dt.date(2024, 3, 1)
        bulk_write.update([members[2]], ["name", "status", "status_date"])
    assert_index_is_exact()
    assert member_search(union=union, filters={"q": "四", "status": "removed"}).get() == members[2]


def test_bulk_inserts_and_deletes_keep_the_index(union, other_union):
    rows = [MemberFactory.build(union=union, branch=None, name=f"钱{i}七") for i in range(30)]
    Member.objects.bulk_create(rows)
    with transaction.atomic():  # COPY on PostgreSQL, as the import writes
        bulk_write.insert(
            [MemberFactory.build(union=other_union, branch=None, name=f"孙{i}") for i in range(20)]
        )
    assert_index_is_exact()
    assert len(_found(union, "七")) == 30 and len(_found(other_union, "孙")) == 20
    Member.objects.filter(union=union, name__endswith="1七").delete()
    assert_index_is_exact()
    assert len(_found(union, "七")) == 27
    Member.objects.filter(union=other_union).delete()
    assert_index_is_exact()
    assert _found(other_union, "孙") == []


def test_a_roster_import_keeps_the_index(clerk_client, union, branch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    existing = MemberFactory(union=union, name="老会员")
    new_id = make_id_number(dt.date(1990, 2, 3), gender="M")
    content = xlsx(
        [
            ["新会员王", new_id, "男", "13911112222", "机加分会", dt.date(2021, 4, 1), "在册"],
            ["改名王", existing.id_number, "", "", "", "", ""],
        ]
    )
    upload(clerk_client, union, content)
    clerk_client.post(reverse("members:import-confirm", args=[union.code, last_import().pk]))
    assert Member.objects.filter(union=union).count() == 2
    assert_index_is_exact()
    assert _found(union, "王") == ["改名王", "新会员王"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_truncating_the_members_empties_the_index(union):
    MemberFactory(union=union, name="王伟")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the insert's deferred FK checks, done
        cursor.execute("TRUNCATE members_member CASCADE")  # as Django's flush does
    assert MemberNameChar.objects.count() == 0
