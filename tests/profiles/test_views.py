"""Who enters and who reads year profiles: the union itself; the federation's admin for units
off the system only; a higher-level union reads; anyone else gets 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from profiles.models import UnionYearProfile
from tests.factories import MemberFactory, UnionRoleFactory, UserFactory
from tests.profiles.factories import ProfileFactory, UnitProfileFactory
from unions.models import Role

pytestmark = pytest.mark.django_db

OWN = {
    "unit_kind": "private",
    "workers": "12",
    "women_workers": "5",
    "founded_on": "2025-04-01",
    "has_congress": "on",
    "has_women_committee": "on",
    "workers_home": "county",
    "joint_units": "0",
}
UNIT = {**OWN, "unit_code": "offline-7", "unit_name": "某物流公司工会", "members": "10", "women_members": "4"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_union_enters_its_own_year(clerk_client, union, clerk):
    for _ in range(9):
        MemberFactory(union=union)
    url = reverse("profiles:own", args=[union.code]) + "?year=2025"
    response = clerk_client.post(url, {**OWN, "members": "999"})
    assert response.status_code == 302
    profile = UnionYearProfile.objects.get(union=union)
    assert (profile.year, profile.unit_code, profile.workers, profile.members) == (2025, "", 12, None)
    assert (profile.source, profile.created_by) == ("self", clerk)
    assert profile.institutions == ["职代会制度", "女职工委员会"]
    entry = AuditEntry.objects.for_object(profile).get()
    assert entry.union == union and entry.actor == clerk and entry.action == "create"
    page = clerk_client.get(reverse("profiles:list", args=[union.code]), {"year": "2025"}).content.decode()
    assert "75.0%" in page and "本年度新建会" in page and "县级模范职工之家" in page


def test_a_bad_figure_is_shown_in_chinese_and_nothing_is_saved(clerk_client, union):
    url = reverse("profiles:own", args=[union.code]) + "?year=2025"
    response = clerk_client.post(url, {**OWN, "women_workers": "13"})
    assert response.status_code == 200
    assert "不能多于职工人数" in response.content.decode()
    assert not UnionYearProfile.objects.exists()


def test_the_higher_level_union_reads_but_cannot_change(county_client, union):
    ProfileFactory(union=union, workers=40)
    page = county_client.get(reverse("profiles:list", args=[union.code]), {"year": "2025"})
    assert page.status_code == 200 and "40人" in page.content.decode()
    response = county_client.post(reverse("profiles:own", args=[union.code]) + "?year=2025", OWN)
    assert response.status_code == 403
    assert UnionYearProfile.objects.get().workers == 40
    # …and its own page lists the union's profile among those it covers.
    county_page = county_client.get(
        reverse("profiles:list", args=["county"]), {"year": "2025"}
    ).content.decode()
    assert "测试机械厂工会" in county_page and "共1家基层工会" in county_page


def test_the_federations_admin_enters_a_unit_off_the_system(county_client, county, county_user):
    url = reverse("profiles:unit-create", args=[county.code]) + "?year=2025"
    assert county_client.post(url, UNIT).status_code == 302
    profile = UnionYearProfile.objects.get()
    assert (profile.union, profile.unit_code, profile.unit_name, profile.members) == (
        county,
        "offline-7",
        "某物流公司工会",
        10,
    )
    assert (profile.source, profile.created_by) == ("federation", county_user)
    edit = reverse("profiles:unit-edit", args=[county.code, profile.pk])
    assert county_client.post(edit, {**UNIT, "workers": "20"}).status_code == 302
    profile.refresh_from_db()
    assert profile.workers == 20
    assert list(AuditEntry.objects.for_object(profile).values_list("action", flat=True).order_by("id")) == [
        "create",
        "update",
    ]


def test_the_federation_may_not_write_a_union_that_is_on_the_system(county_client, county, union):
    url = reverse("profiles:unit-create", args=[county.code]) + "?year=2025"
    response = county_client.post(url, {**UNIT, "unit_code": union.code})
    assert response.status_code == 200
    assert "由该工会自行填报" in response.content.decode()
    assert not UnionYearProfile.objects.exists()


def test_a_federation_clerk_may_not_enter_units(county):
    clerk = UserFactory(username="county-clerk")
    UnionRoleFactory(user=clerk, union=county, role=Role.CLERK)
    url = reverse("profiles:unit-create", args=[county.code]) + "?year=2025"
    assert _client(clerk).post(url, UNIT).status_code == 403
    assert not UnionYearProfile.objects.exists()


def test_an_outsider_gets_404(outsider_client, union, county):
    ProfileFactory(union=union)
    unit = UnitProfileFactory(union=county)
    assert outsider_client.get(reverse("profiles:list", args=[union.code])).status_code == 404
    assert outsider_client.post(reverse("profiles:own", args=[union.code]), OWN).status_code == 404
    assert (
        outsider_client.post(reverse("profiles:unit-edit", args=[county.code, unit.pk]), UNIT).status_code
        == 404
    )


def test_a_unit_of_another_federation_is_404_under_ones_own_code(admin_client_, union, county):
    unit = UnitProfileFactory(union=county)
    url = reverse("profiles:unit-edit", args=[union.code, unit.pk])
    assert admin_client_.post(url, UNIT).status_code == 404
    own = ProfileFactory(union=union)  # an own profile is not a unit: 404 on the unit page too
    assert admin_client_.get(reverse("profiles:unit-edit", args=[union.code, own.pk])).status_code == 404


def test_a_future_or_nonsense_year_falls_back(clerk_client, union):
    response = clerk_client.get(reverse("profiles:list", args=[union.code]), {"year": "2999"})
    assert response.context["year"] <= 2100
    response = clerk_client.get(reverse("profiles:list", args=[union.code]), {"year": "abc"})
    assert response.status_code == 200
