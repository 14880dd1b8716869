from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Member
from records.paginator import VersionedCountPaginator
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _count(union) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        total = VersionedCountPaginator(Member.objects.filter(union=union), 10, union=union).count
    return total, [q["sql"] for q in ctx.captured_queries]


def test_the_total_is_counted_once_per_data_version(union):
    MemberFactory.create_batch(3, union=union)
    total, queries = _count(union)
    assert total == 3 and any("COUNT(" in q for q in queries)
    total, queries = _count(union)
    assert total == 3 and not any("COUNT(" in q for q in queries)  # from the cache
    MemberFactory(union=union)  # logged, so the version moves
    assert _count(union)[0] == 4


def test_different_filters_have_different_totals(union):
    MemberFactory.create_batch(2, union=union, gender="F")
    MemberFactory(union=union, gender="M")
    women = VersionedCountPaginator(Member.objects.filter(union=union, gender="F"), 10, union=union)
    everyone = VersionedCountPaginator(Member.objects.filter(union=union), 10, union=union)
    assert (women.count, everyone.count) == (2, 3)


def _total_shown(client, url: str) -> str:
    import re

    match = re.search(r"共 (\d+) (?:人|条)", client.get(url).content.decode())
    assert match, url
    return match.group(1)


def test_the_roster_caches_each_filter_s_total_apart(admin_client_, union):
    MemberFactory.create_batch(2, union=union, gender="F")
    MemberFactory(union=union, gender="M")
    roster = f"/u/{union.code}/members/"
    assert _total_shown(admin_client_, roster) == "3"
    assert _total_shown(admin_client_, f"{roster}?gender=F") == "2"
    assert _total_shown(admin_client_, f"{roster}?gender=F&page=1&sort=-name") == "2"
    assert _total_shown(admin_client_, f"{roster}?gender=M") == "1"
    assert _total_shown(admin_client_, roster) == "3"


def test_a_record_list_caches_each_filter_s_total_apart(admin_client_, union):
    from tests.rights.factories import PetitionFactory

    url = f"/u/{union.code}/rights/petition/?year=all"
    first, second, third = (PetitionFactory(union=union) for _ in range(3))
    third.void("录入重复")
    assert _total_shown(admin_client_, url) == "2"
    assert _total_shown(admin_client_, f"{url}&void=1") == "1"
    assert _total_shown(admin_client_, url) == "2"
    first.void("录入重复")  # logged: a new data version
    assert _total_shown(admin_client_, url) == "1"
