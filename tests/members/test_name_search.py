"""The roster's name search goes through the character index (members.name_chars) and
answers exactly what LIKE '%q%' answered: the same members, in the same order, the same
count, on every page, with every filter and sort of the roster."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from django.db import connection
from django.urls import reverse

from members.models import Member
from members.selectors import SORTABLE, member_search, roster_search
from records.paginator import VersionedCountPaginator
from records.periods import period_for
from tests.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _found(union, q: str) -> list[str]:
    return sorted(m.name for m in member_search(union=union, filters={"q": q}))


def _plain(union, q: str) -> list[str]:
    return sorted(Member.objects.filter(union=union, name__icontains=q).values_list("name", flat=True))


NAMES = ["王伟", "王小明", "李王", "汪伟", "伟王", "Anna Li", "ANNE", "欧阳娜娜", "王 伟", "100%纯", "a_b"]
NAMES += ["王王", "anna", "Zoë", "ZOË", "Σοφία", "σοφία", "王伟明", "明王伟", "小王伟"]

QUERIES = [
    # one character
    "王",
    "伟",
    "欧",
    "n",
    "N",
    "ë",
    "%",
    "_",
    "Σ",
    # two and three characters
    "王伟",
    "伟王",
    "小明",
    "欧阳",
    "娜娜",
    "王 伟",
    "AN",
    "王伟明",
    "王小明王",
    # Latin, other scripts, several words
    "anna",
    "Anna Li",
    "zoë",
    "σοφ",
    "a_",
    "0%",
    "没有",
]


@pytest.mark.parametrize("q", QUERIES)
def test_it_finds_what_a_plain_like_finds(union, other_union, q):
    for name in NAMES:
        MemberFactory(union=union, name=name)
    MemberFactory(union=other_union, name="王伟")
    assert _found(union, q) == _plain(union, q)
    search = roster_search(union=union, filters={"q": q})
    assert search.keys is not None  # a name search: read from the index
    assert search.keys.count() == len(_plain(union, q))


def _roster(union) -> list[Member]:
    """Members with every filtered and sorted column varied, two branches and none."""
    branches = [
        BranchFactory(union=union, name="机加分会"),
        BranchFactory(union=union, name="装配分会"),
        None,
    ]
    statuses = [("active", None), ("retained", None), ("retired", dt.date(2023, 5, 1))]
    statuses += [("transferred", dt.date(2024, 8, 1))]
    names = ["王伟", "王芳", "李王", "王伟", "张伟", "王小伟", "赵敏", "王"]
    members = []
    for i, (name, branch, (status, ended)) in enumerate(
        zip(names * 3, itertools.cycle(branches), itertools.cycle(statuses), strict=False)
    ):
        members.append(
            MemberFactory(
                union=union,
                name=name,
                branch=branch,
                status=status,
                status_date=ended,
                gender="MF"[i % 2],
                is_migrant_worker=i % 3 == 0,
                joined_on=dt.date(2019 + i % 6, 1 + i % 12, 1),
                birth_date=dt.date(1970 + i % 4, 1 + i % 12, 1 + i % 28),
            )
        )
    return members


def _filter_sets(union) -> list[dict]:
    branch = union.branches.order_by("name").first()
    year = period_for(union, 2023)
    return [
        {},
        {"branch": branch},
        {"status": "current"},
        {"status": "retired"},
        {"at": dt.date(2023, 12, 31)},
        {"joined": period_for(union, 2021)},
        {"left": year},
        {"gender": "M"},
        {"migrant": "1"},
        {"migrant": "0", "status": "current", "branch": branch, "gender": "F"},
    ]


def _plain_ids(union, filters: dict, q: str, sort: str, full_ids: bool) -> list[int]:
    """The roster without a search box (no index), narrowed by a plain LIKE."""
    listed = member_search(union=union, filters=filters, sort=sort, full_ids=full_ids)
    return list(listed.filter(name__icontains=q).values_list("pk", flat=True))


@pytest.mark.parametrize("q", ["王", "王伟", "伟"])
def test_every_filter_and_sort_of_the_roster_combines_with_the_search(union, other_union, q):
    _roster(union)
    MemberFactory(union=other_union, name="王伟")
    sorts = [""] + [f"{sign}{key}" for key in SORTABLE for sign in ("", "-")]
    for filters, sort, full_ids in itertools.product(_filter_sets(union), sorts, (True, False)):
        expected = _plain_ids(union, filters, q, sort, full_ids)
        search = roster_search(union=union, filters={**filters, "q": q}, sort=sort, full_ids=full_ids)
        case = (filters, sort, full_ids)
        assert [m.pk for m in search.members] == expected, case
        assert list(search.keys) == expected, case
        assert set(search.rows.filter(pk__in=expected).values_list("pk", flat=True)) == set(expected), case
        assert search.keys.count() == len(expected), case


@pytest.mark.parametrize("sort", ["", "-name", "joined", "-branch", "birth"])
def test_every_page_of_a_search_holds_the_plain_lists_rows(union, sort):
    _roster(union)
    expected = _plain_ids(union, {}, "王", sort, False)
    search = roster_search(union=union, filters={"q": "王"}, sort=sort)
    paginator = VersionedCountPaginator(search.members, 4, union=union, keys=search.keys, rows=search.rows)
    assert paginator.count == len(expected) and paginator.num_pages > 3
    for number in paginator.page_range:  # the second half is read from the end
        rows = [m.pk for m in paginator.page(number)]
        assert rows == expected[(number - 1) * 4 : number * 4], number


def test_the_roster_page_counts_and_pages_a_search_from_the_index(clerk_client, union):
    for i in range(7):
        MemberFactory(union=union, name=f"王{'甲乙丙丁戊己庚'[i]}")
    MemberFactory(union=union, name="李四")
    url = reverse("members:list", args=[union.code])
    page = clerk_client.get(url, {"q": "王", "sort": "-name"}).context["page"]
    assert page.paginator.count == 7
    assert [m.name for m in page] == sorted((f"王{c}" for c in "甲乙丙丁戊己庚"), reverse=True)


def test_a_phone_query_still_finds_phones_and_a_name_query_skips_them(clerk_client, union):
    MemberFactory(union=union, name="赵一", phone="0571-87654321")
    url = reverse("members:list", args=[union.code])
    names = [m.name for m in clerk_client.get(url, {"q": "1-8765"}).context["page"]]
    assert names == ["赵一"]
    page = clerk_client.get(url, {"q": "赵"})
    assert [m.name for m in page.context["page"]] == ["赵一"]


def test_the_search_asks_the_character_index(union):
    sql = str(member_search(union=union, filters={"q": "王"}).query)
    assert "members_name_char" in sql
    assert not re.search(r'"phone"(::text)? LIKE', sql)  # a name cannot be in a phone number


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_postgresql_counts_from_the_index_alone_and_reads_page_one_in_its_order(union):
    rows = [MemberFactory.build(union=union, branch=None, name=f"{'王李张'[i % 3]}{i}") for i in range(600)]
    Member.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE members_member")
        cursor.execute("ANALYZE members_name_char")
        # A table this small would be read whole, and a test's rows are never all-visible
        # (no VACUUM in a transaction): the question is whether the index can serve it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")

        def plan(queryset) -> str:
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

        search = roster_search(union=union, filters={"q": "王"})
        counted = plan(search.keys.order_by())
        assert "Scan using members_name_char_pkey" in counted
        assert "members_member" not in counted  # counted from the index alone
        keys = plan(search.keys[:50])
        assert "Scan using members_name_char_pkey" in keys and "Sort" not in keys
        first = plan(search.members[:50])
        assert "Scan using members_name_char_pkey" in first
        assert "Sort" not in first  # the index's order is the roster's
        assert "Seq Scan" not in first and "Bitmap Heap Scan" not in first
