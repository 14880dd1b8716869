from __future__ import annotations

import pytest
from django.core.cache import caches
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "nav-test"}


@pytest.fixture
def cached_fragments(settings):
    settings.CACHES = {**settings.CACHES, "fragments": LOCMEM}
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def test_the_cached_navigation_follows_the_role(cached_fragments, admin_client_, clerk_client, union):
    url = reverse("members:list", args=[union.code])
    users_link = reverse("unions:users", args=[union.code])
    assert users_link in admin_client_.get(url).content.decode()
    assert users_link not in clerk_client.get(url).content.decode()  # not the admin's cached copy


def test_the_cached_navigation_marks_the_current_section(cached_fragments, clerk_client, union):
    members = clerk_client.get(reverse("members:list", args=[union.code])).content.decode()
    reports = clerk_client.get(reverse("reports:list", args=[union.code])).content.decode()
    active = 'nav-link active" href="{}"'
    assert active.format(reverse("members:list", args=[union.code])) in members
    assert active.format(reverse("reports:list", args=[union.code])) in reports
    assert active.format(reverse("members:list", args=[union.code])) not in reports


def test_renaming_the_union_shows_at_once(cached_fragments, admin_client_, union):
    url = reverse("members:list", args=[union.code])
    admin_client_.get(url)
    admin_client_.post(
        reverse("unions:settings", args=[union.code]),
        {"name": "改名后的工会", "period_start_month": 1, "separate_approval": "True"},
    )
    assert "改名后的工会" in admin_client_.get(url).content.decode()
