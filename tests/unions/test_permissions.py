from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.factories import UnionFactory, UnionRoleFactory, UserFactory
from unions.models import Role, UnionLevel
from unions.permissions import Perm, accessible_unions, get_access, get_access_or_404, require

pytestmark = pytest.mark.django_db


def test_roles_grant_their_permissions(union, clerk, leader, admin_user):
    assert get_access(clerk, union).perms == {Perm.VIEW, Perm.EDIT}
    assert get_access(leader, union).can(Perm.APPROVE)
    assert not get_access(clerk, union).can(Perm.APPROVE)
    admin = get_access(admin_user, union)
    assert admin.can(Perm.EXPORT) and admin.can(Perm.VIEW_FULL_ID) and admin.can(Perm.MANAGE_USERS)
    assert get_access(leader, union).can(Perm.VIEW_AUDIT) and not get_access(clerk, union).can(
        Perm.VIEW_AUDIT
    )
    assert admin.can(Perm.MANAGE_UNION) and admin.can(Perm.VIEW_AUDIT)
    assert not admin.can(Perm.APPROVE)  # separation of duties


def test_a_higher_level_union_reads_its_subordinates_and_nothing_more(union, county, county_user):
    access = get_access(county_user, union)
    assert access.perms == {Perm.VIEW}
    assert access.superior_union == county
    assert access.is_read_only
    with pytest.raises(PermissionDenied):
        require(access, Perm.EDIT)


def test_reading_reaches_down_the_whole_subtree(county, county_user):
    workshop = UnionFactory(code="workshop", parent=UnionFactory(code="mid", parent=county))
    assert get_access(county_user, workshop).can(Perm.VIEW)
    assert set(accessible_unions(county_user)) >= {county, workshop, workshop.parent}


def test_a_subordinate_cannot_see_its_superior(union, county, clerk):
    assert get_access(clerk, county) is None
    assert list(accessible_unions(clerk)) == [union]


def test_other_unions_answer_404(union, other_union, clerk):
    assert get_access(clerk, other_union) is None
    with pytest.raises(Http404):
        get_access_or_404(clerk, other_union.code)
    with pytest.raises(Http404):
        get_access_or_404(clerk, "no-such-union")


def test_an_own_role_beats_a_superior_one(union, county):
    user = UserFactory()
    UnionRoleFactory(user=user, union=county, role=Role.CLERK)
    UnionRoleFactory(user=user, union=union, role=Role.LEADER)
    assert get_access(user, union).role == Role.LEADER


def test_inactive_and_anonymous_users_have_no_access(union, clerk):
    clerk.is_active = False
    clerk.save()
    assert get_access(clerk, union) is None
    assert get_access(AnonymousUser(), union) is None


def test_moving_a_union_moves_its_subtree(county):
    city = UnionFactory(code="city", level=UnionLevel.CITY)
    mid = UnionFactory(code="mid", parent=county)
    leaf = UnionFactory(code="leaf", parent=mid)
    mid.parent = city
    mid.save()
    leaf.refresh_from_db()
    assert leaf.ancestor_ids() == [city.pk, mid.pk]
