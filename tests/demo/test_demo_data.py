"""The demo data: a plausible, valid roster and working accounts. Loaded once per module,
without the year of records (test_demo_year.py checks those)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from demo.loader import ACCOUNTS, DEMO_PASSWORD, HOSPITAL_STAFF, load_demo
from members.choices import Employment, Gender, Household, MembershipStatus, ModelWorkerLevel
from members.id_numbers import parse
from members.models import Member
from members.validation import age_on
from unions.models import Role, Union, UnionLevel, UnionRole


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    # Loaded inside a transaction that is rolled back when the module ends, so the other
    # test modules still start from an empty database.
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(records=False)
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


@pytest.fixture
def factory_members():
    return list(Member.objects.filter(union__code="demo").select_related("branch"))


def test_the_unions_form_a_county_tree():
    county = Union.objects.get(code="demo-county")
    assert county.level == UnionLevel.COUNTY
    assert county.parent is None
    children = Union.objects.filter(parent=county)
    assert sorted(children.values_list("code", flat=True)) == ["demo", "demo-hospital"]
    assert all(child.level == UnionLevel.GRASSROOTS for child in children)
    assert {u.code for u in county.descendants()} == {"demo", "demo-hospital"}
    assert Union.objects.get(code="demo").name.endswith("工会")


def test_the_main_union_has_about_300_members_in_four_branches(factory_members):
    assert 280 <= len(factory_members) <= 320
    union = Union.objects.get(code="demo")
    assert union.branches.count() == 4
    per_branch = Counter(m.branch.name for m in factory_members)
    assert set(per_branch) == set(union.branches.values_list("name", flat=True))
    assert all(count >= 30 for count in per_branch.values())
    assert all(m.branch.union_id == union.pk for m in factory_members)


def test_the_hospital_has_its_own_members_and_branches():
    hospital = Union.objects.get(code="demo-hospital")
    assert 60 <= hospital.members.count() <= 100
    assert hospital.branches.count() >= 2
    assert not hospital.members.filter(branch__isnull=True).exists()


def test_every_id_number_is_valid_unique_and_agrees_with_gender_and_birth_date():
    members = list(Member.objects.all())
    numbers = [m.id_number for m in members]
    assert len(set(numbers)) == len(numbers)
    for member in members:
        resident = parse(member.id_number)
        assert resident.birth_date == member.birth_date
        assert resident.gender == member.gender
        assert member.id_number.startswith("33")  # one province
        assert 1966 <= member.birth_date.year <= 2003


def test_every_member_passes_model_validation():
    for member in Member.objects.all():
        member.full_clean()


def test_the_shares_of_women_and_migrant_workers_are_plausible(factory_members):
    n = len(factory_members)
    women = sum(m.gender == Gender.FEMALE for m in factory_members)
    migrants = [m for m in factory_members if m.is_migrant_worker]
    assert 0.30 <= women / n <= 0.46
    assert 0.15 <= len(migrants) / n <= 0.25
    for member in migrants:
        assert member.household == Household.RURAL
        assert member.employment in (Employment.MIGRANT, Employment.DISPATCHED)


def test_names_and_phones_look_real(factory_members):
    names = [m.name for m in factory_members]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) for name in names)
    phones = [m.phone for m in factory_members]
    assert all(re.fullmatch(r"1[3-9]\d{9}", phone) for phone in phones)
    assert len(set(phones)) == len(phones)
    assert len({m.job_title for m in factory_members}) >= 15
    assert len({m.department for m in factory_members}) >= 10
    assert len({m.political_status for m in factory_members}) >= 3
    assert len({m.education for m in factory_members}) >= 4


def test_membership_dates_follow_each_other():
    today = dt.date.today()
    for member in Member.objects.all():
        assert age_on(member.birth_date, member.joined_on) >= 18
        assert member.joined_on <= today
        if member.status_date:
            assert member.joined_on <= member.status_date <= today


def test_a_few_memberships_have_ended_or_are_retained(factory_members):
    statuses = Counter(m.status for m in factory_members)
    assert statuses[MembershipStatus.RETIRED] >= 1
    assert statuses[MembershipStatus.TRANSFERRED] >= 1
    assert 1 <= statuses[MembershipStatus.RETAINED] <= 2
    assert statuses[MembershipStatus.ACTIVE] >= 0.9 * len(factory_members)
    ended = [
        m for m in factory_members if m.status in (MembershipStatus.RETIRED, MembershipStatus.TRANSFERRED)
    ]
    assert all(m.status_date for m in ended)


def test_there_are_model_workers_and_new_members(factory_members):
    levels = Counter(m.model_worker_level for m in factory_members)
    assert levels[ModelWorkerLevel.COUNTY] >= 1
    assert levels[ModelWorkerLevel.CITY] >= 1
    last_year = dt.date.today().year - 1
    assert sum(m.joined_on.year == last_year for m in factory_members) >= 5


def test_card_numbers_carry_the_year_of_joining(factory_members):
    cards = [m.card_number for m in factory_members]
    assert len(set(cards)) == len(cards)
    for member in factory_members:
        match = re.fullmatch(r"QS(\d{4})-\d{4}", member.card_number)
        assert match
        assert int(match.group(1)) == member.joined_on.year


EXPECTED_ROLES = {
    "clerk": ("demo", Role.CLERK),
    "leader": ("demo", Role.LEADER),
    "admin": ("demo", Role.ADMIN),
}
EXPECTED_ROLES["county"] = ("demo-county", Role.ADMIN)


def test_the_demo_accounts_have_their_roles():
    for username, (code, role) in EXPECTED_ROLES.items():
        user = get_user_model().objects.get(username=username)
        assert user.first_name  # a Chinese full name
        assert not user.is_superuser
        roles = list(UnionRole.objects.filter(user=user).values_list("union__code", "role"))
        assert roles == [(code, role)]
    assert {a.username for a in ACCOUNTS} == set(EXPECTED_ROLES)


@pytest.mark.parametrize("username", sorted(EXPECTED_ROLES))
def test_each_demo_account_can_log_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(username=username).pk)


def test_the_hospital_staff_have_roles_but_cannot_log_in(client):
    for account in HOSPITAL_STAFF:
        user = get_user_model().objects.get(username=account.username)
        assert not user.has_usable_password()
        assert list(UnionRole.objects.filter(user=user).values_list("union__code", "role")) == [
            ("demo-hospital", account.role)
        ]
        response = client.post(reverse("login"), {"username": account.username, "password": DEMO_PASSWORD})
        assert "_auth_user_id" not in client.session
        assert response.status_code == 200
