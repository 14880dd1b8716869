"""入会率 and 建制率 computed from year profiles, members counted from the roster for unions on
the system, and the logic check on the figures entered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from members.choices import MembershipStatus
from profiles.selectors import coverage_summary, covered_profiles, profile_rates
from profiles.services import own_profile_save, unit_profile_save
from tests.factories import MemberFactory, UnionFactory
from tests.profiles.factories import ProfileFactory, UnitProfileFactory

pytestmark = pytest.mark.django_db


def test_a_union_on_the_system_counts_its_members_from_its_roster(union):
    for gender in "FFFFFMMMM":
        MemberFactory(union=union, gender=gender, joined_on=dt.date(2020, 1, 1))
    MemberFactory(union=union, joined_on=dt.date(2026, 3, 1))  # joined after 2025: not counted
    MemberFactory(union=union, status=MembershipStatus.TRANSFERRED, status_date=dt.date(2025, 5, 1))
    profile = ProfileFactory(union=union, workers=12, women_workers=6, founded_on=dt.date(2025, 4, 1))
    rates = profile_rates(profile)
    assert (rates.members, rates.women_members) == (9, 5)
    assert rates.membership_rate == Decimal("75.0")
    assert rates.is_new and not rates.over_full


def test_a_unit_off_the_system_uses_the_members_entered(county):
    profile = UnitProfileFactory(union=county, workers=120, women_workers=50, members=90, women_members=40)
    rates = profile_rates(profile)
    assert (rates.members, rates.membership_rate) == (90, Decimal("75.0"))
    assert not rates.is_new  # no founding date


def test_no_workers_no_rate(union):
    assert profile_rates(ProfileFactory(union=union, workers=0, women_workers=0)).membership_rate is None


def test_a_federation_sums_its_units_and_gives_each_institutions_rate(county, union, other_union):
    for _ in range(8):
        MemberFactory(union=union)
    ProfileFactory(union=union, workers=10, women_workers=4, has_congress=True, has_disclosure=True)
    ProfileFactory(union=other_union, workers=20, women_workers=8, has_congress=True)  # no members
    UnitProfileFactory(
        union=county, workers=70, members=60, women_members=20, joint_units=12, founded_on=dt.date(2025, 9, 1)
    )
    ProfileFactory(union=union, year=2024, workers=999)  # another year
    UnitProfileFactory(union=UnionFactory(code="elsewhere"), workers=999)  # another federation's unit
    rates = [profile_rates(p) for p in covered_profiles(union=county, year=2025)]
    summary = coverage_summary(rates)
    assert (summary.units, summary.new_units, summary.joint_units_covered) == (3, 1, 12)
    assert (summary.workers, summary.members) == (100, 68)
    assert summary.membership_rate == Decimal("68.0")
    by_label = {i.label: (i.units, i.of, i.rate) for i in summary.institutions}
    assert by_label["职代会制度"] == (2, 3, Decimal("66.7"))
    assert by_label["厂务公开制度"] == (1, 3, Decimal("33.3"))
    assert by_label["女职工委员会"] == (0, 3, Decimal("0.0"))


def test_a_union_does_not_see_its_own_profile_among_those_it_covers(union):
    ProfileFactory(union=union)
    assert not covered_profiles(union=union, year=2025).exists()


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"workers": 10, "women_workers": 11}, "women_workers"),
        ({"workers": 10, "women_workers": 5, "members": 11, "women_members": 1}, "members"),
        ({"workers": 10, "women_workers": 5, "members": 8, "women_members": 9}, "women_members"),
        ({"workers": 10, "women_workers": 2, "members": 8, "women_members": 3}, "women_members"),
    ],
)
def test_the_logic_check_refuses_parts_above_their_totals(county, fields, field):
    with pytest.raises(ValidationError) as caught:
        unit_profile_save(
            federation=county,
            year=2025,
            unit_code="x-1",
            unit_name="某公司工会",
            actor=None,
            unit_kind="private",
            **fields,
        )
    assert field in caught.value.message_dict


def test_a_founding_date_after_the_year_is_refused(union):
    with pytest.raises(ValidationError) as caught:
        own_profile_save(
            union=union, year=2025, actor=None, unit_kind="private", workers=5, founded_on=dt.date(2026, 1, 2)
        )
    assert "founded_on" in caught.value.message_dict


def test_saving_twice_changes_the_one_profile(union):
    own_profile_save(union=union, year=2025, actor=None, unit_kind="private", workers=5)
    own_profile_save(union=union, year=2025, actor=None, unit_kind="state", workers=6, members=999)
    profile = union.year_profiles.get()
    assert (profile.unit_kind, profile.workers, profile.members) == ("state", 6, None)
