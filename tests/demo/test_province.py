"""`manage.py generate_province` at a small scale: the tree, the sizes, the roll-up, refusal."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from demo.load_data import LoadDataError
from demo.province import MIN_MEMBERS, ProvinceShape, union_sizes
from members.models import Member
from unions.models import Union, UnionLevel, UnionRole
from workbook.rollup import rollup

pytestmark = pytest.mark.django_db


def test_sizes_sum_exactly_fall_from_the_largest_and_keep_the_floor():
    sizes = union_sizes(unions=2000, members=1_000_000)
    assert sum(sizes) == 1_000_000
    assert sizes == sorted(sizes, reverse=True)
    assert min(sizes) >= MIN_MEMBERS
    # A group company at the top, a school in the middle.
    assert 20_000 < sizes[0] < 100_000 and 100 < sizes[1000] < 1_000


def test_the_command_builds_the_tree_under_one_province():
    out = StringIO()
    call_command(
        "generate_province",
        "--cities",
        "2",
        "--counties",
        "3",
        "--unions",
        "6",
        "--members",
        "600",
        stdout=out,
    )
    province = Union.objects.get(code="prov")
    assert province.level == UnionLevel.PROVINCE and province.parent is None
    cities = Union.objects.filter(level=UnionLevel.CITY, parent=province)
    counties = Union.objects.filter(level=UnionLevel.COUNTY, parent__in=cities)
    grassroots = Union.objects.filter(level=UnionLevel.GRASSROOTS, parent__in=counties)
    assert (cities.count(), counties.count(), grassroots.count()) == (2, 3, 6)
    assert all(county.children.exists() for county in counties)
    assert Member.objects.filter(union__in=grassroots).count() == 600
    # Every federation has an admin to sign in as.
    assert UnionRole.objects.filter(union__in=[province, *cities, *counties]).count() == 6
    assert "6 家基层工会、600 名会员" in out.getvalue()

    # The province's roll-up counts every member of the subtree.
    year = dt.date.today().year - 1  # the data spans last year and this one
    assert rollup(union=province, year=year).totals["members"] == sum(
        rollup(union=county, year=year).totals["members"] for county in counties
    )


def test_it_refuses_an_existing_province_and_a_bad_shape():
    call_command("generate_province", "--cities", "1", "--counties", "1", "--unions", "1", "--members", "50")
    with pytest.raises(CommandError, match="已存在"):
        call_command(
            "generate_province", "--cities", "1", "--counties", "1", "--unions", "1", "--members", "50"
        )
    with pytest.raises(LoadDataError, match="依次不减"):
        ProvinceShape(cities=3, counties=2, unions=10, members=1000)
    with pytest.raises(LoadDataError, match="至少为基层工会数"):
        ProvinceShape(cities=1, counties=1, unions=10, members=10)
