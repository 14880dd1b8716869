"""Deep pages read from the nearer end and offset over keys only, yet hold exactly the rows
of a plain OFFSET page, ties in the sort included."""

from __future__ import annotations

import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Member
from records.paginator import VersionedCountPaginator
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(union, other_union):
    for i in range(47):
        MemberFactory(union=union, name=f"王{i % 5}")  # five names, many ties broken by id
    MemberFactory.create_batch(3, union=other_union)
    return Member.objects.filter(union=union)


@pytest.mark.parametrize("order", [("name", "id"), ("-name", "-id"), ("-joined_on", "name", "id")])
def test_every_page_holds_the_rows_of_a_plain_offset_page(roster, union, order):
    qs = roster.order_by(*order)
    plain = Paginator(qs, 10)
    ours = VersionedCountPaginator(qs, 10, union=union)
    assert ours.num_pages == plain.num_pages == 5
    for number in plain.page_range:
        assert [m.pk for m in ours.page(number)] == [m.pk for m in plain.page(number)], number


def test_the_last_page_skips_nothing(roster, union):
    qs = roster.order_by("name", "id")
    paginator = VersionedCountPaginator(qs, 10, union=union)
    paginator.count  # noqa: B018 - counted first, as a list page does
    with CaptureQueriesContext(connection) as captured:
        rows = list(paginator.page(5))
    assert len(rows) == 7
    sql = " ".join(q["sql"] for q in captured)
    assert "DESC" in sql  # read from the end
    offsets = [int(n) for n in re.findall(r"OFFSET (\d+)", sql)]
    assert all(n == 0 for n in offsets)


def test_an_order_without_the_key_last_pages_plainly(roster, union):
    qs = roster.order_by("name")  # ties: the reversed order would not mirror it
    paginator = VersionedCountPaginator(qs, 10, union=union)
    with CaptureQueriesContext(connection) as captured:
        list(paginator.page(5))
    assert "OFFSET 40" in " ".join(q["sql"] for q in captured)
