"""A roll-up with more cold units than ROLLUP_SYNC_MAX_UNITS goes to the task worker; its
page follows the work and each unit's figures are kept as soon as they are computed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UnionFactory, UnionRoleFactory, UserFactory
from unions.models import Role, UnionLevel
from workbook.models import UnionFigures
from workbook.rollup import rollup, stale_units

from .conftest import Y, make_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    city = UnionFactory(name="测试市总工会", code="city", level=UnionLevel.CITY)
    a = UnionFactory(name="甲县总工会", code="county-a", level=UnionLevel.COUNTY, parent=city)
    b = UnionFactory(name="乙县总工会", code="county-b", level=UnionLevel.COUNTY, parent=city)
    for i, county in enumerate((a, a, b), start=1):
        make_records(UnionFactory(name=f"第{i}厂工会", code=f"g{i}", parent=county), members=2)
    return city, a, b


def _admin(union) -> Client:
    user = UserFactory(username=f"{union.code}-admin")
    UnionRoleFactory(user=user, union=union, role=Role.ADMIN)
    client = Client()
    client.force_login(user)
    return client


def test_a_large_cold_rollup_is_computed_by_the_worker_and_the_page_follows_it(city, settings):
    top = city[0]
    settings.ROLLUP_SYNC_MAX_UNITS = 2
    client = _admin(top)
    url = reverse("workbook:rollup", kwargs={"code": top.code}) + f"?year={Y}"
    assert stale_units(union=top, year=Y) == (6, 6)

    first = client.get(url)
    assert first.status_code == 200 and first["Refresh"] == "5"
    assert "已汇总 0 / 6 个单位" in first.content.decode()
    # The test queue runs the task at once: every unit's figures are stored.
    assert UnionFigures.objects.count() == 6 and stale_units(union=top, year=Y) == (0, 6)

    second = client.get(url)
    assert "Refresh" not in second and 'data-testid="rollup-filling"' not in second.content.decode()
    assert rollup(union=top, year=Y).totals["members"] > 0


def test_a_small_or_warm_rollup_is_computed_in_the_request(city, settings):
    top, a, _ = city
    settings.ROLLUP_SYNC_MAX_UNITS = 200
    response = _admin(top).get(reverse("workbook:rollup", kwargs={"code": top.code}) + f"?year={Y}")
    assert "Refresh" not in response and UnionFigures.objects.count() == 6


def test_units_done_stay_done_and_a_write_makes_only_its_unit_stale(city):
    top, a, _ = city
    rollup(union=a, year=Y)  # a worker that got through county A before it was killed
    assert stale_units(union=top, year=Y) == (3, 6)  # the city, county B and its union
    rollup(union=top, year=Y)
    g1 = a.children.get(code="g1")
    g1.name = "第一厂工会"
    g1.save()  # logged on g1: its version moves
    assert stale_units(union=top, year=Y) == (1, 6)


def test_a_fill_is_shared_out_in_chunks_each_stored_when_done(city, monkeypatch):
    from workbook import rollup_filling

    top = city[0]
    monkeypatch.setattr(rollup_filling, "FILL_CHUNK", 2)
    assert rollup_filling.queue_fill(union=top, year=Y) == 3  # six cold units, two a task
    assert stale_units(union=top, year=Y) == (0, 6)
    assert rollup_filling.queue_fill(union=top, year=Y) == 0  # nothing left to fill


def test_a_chunk_computes_only_units_of_its_own_subtree(city):
    from workbook.rollup_filling import fill_chunk

    _, a, b = city
    other = b.children.get()
    assert fill_chunk(top_id=a.pk, union_ids=[other.pk, a.pk], year=Y) == 1
    assert not UnionFigures.objects.filter(union=other).exists()
    assert UnionFigures.objects.filter(union=a).exists()
