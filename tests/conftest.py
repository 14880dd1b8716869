"""Standing cast for tests: a county federation with two grassroots unions, and users.

`union` (code "main") has a clerk, a leader and an admin; `other_union` has its own clerk
(the outsider); `county_user` acts in the county federation above both.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from unions.models import Role, UnionLevel

from .factories import BranchFactory, UnionFactory, UnionRoleFactory, UserFactory

# Fixtures that start real servers in subprocesses (S3).
pytest_plugins = ["tests.servers"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached figures are keyed by database ids, which a rolled-back test may hand out again."""
    cache.clear()
    yield


@pytest.fixture
def county(db):
    return UnionFactory(name="测试县总工会", code="county", level=UnionLevel.COUNTY)


@pytest.fixture
def union(county):
    return UnionFactory(name="测试机械厂工会", code="main", parent=county)


@pytest.fixture
def other_union(county):
    return UnionFactory(name="另一家工会", code="other", parent=county)


@pytest.fixture
def branch(union):
    return BranchFactory(union=union, name="机加分会")


def _user_with_role(username: str, union, role: str):
    user = UserFactory(username=username)
    UnionRoleFactory(user=user, union=union, role=role)
    return user


@pytest.fixture
def clerk(union):
    return _user_with_role("clerk", union, Role.CLERK)


@pytest.fixture
def leader(union):
    return _user_with_role("leader", union, Role.LEADER)


@pytest.fixture
def admin_user(union):
    return _user_with_role("unionadmin", union, Role.ADMIN)


@pytest.fixture
def outsider(other_union):
    return _user_with_role("outsider", other_union, Role.ADMIN)


@pytest.fixture
def county_user(county):
    return _user_with_role("county", county, Role.ADMIN)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk_client(clerk):
    return _client_for(clerk)


@pytest.fixture
def leader_client(leader):
    return _client_for(leader)


@pytest.fixture
def admin_client_(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture
def county_client(county_user):
    return _client_for(county_user)
