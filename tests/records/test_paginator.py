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
