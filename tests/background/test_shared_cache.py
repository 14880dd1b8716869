"""With REDIS_URL the caches live in Redis, shared by every web process and machine, and
stay right across them: cached figures are keyed by the union's data version, which is
read from the database, so a write made anywhere moves every process to a new key."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.urls import reverse

from tests.factories import MemberFactory

from .conftest import REDIS_TEST_URL, _redis_or_skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_caches(settings):  # type: ignore[no-untyped-def]
    client = _redis_or_skip()
    prefix = f"t{uuid.uuid4().hex[:10]}"
    settings.CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": f"{prefix}-{name}",
        }
        for name in ("default", "fragments")
    }
    yield prefix, client
    for key in client.scan_iter(f"{prefix}-*"):
        client.delete(key)


def _women(client, union) -> str:  # type: ignore[no-untyped-def]
    response = client.get(reverse("unions:home", args=[union.code]))
    stats = {s.label: s for g in response.context["groups"] for s in g.stats}
    return str(stats["女会员"].value)


def test_dashboard_figures_are_shared_in_redis_and_a_write_shows_at_once(redis_caches, clerk_client, union):
    prefix, client = redis_caches
    for _ in range(2):
        MemberFactory(union=union, gender="F", joined_on=dt.date(2020, 1, 1))
    assert _women(clerk_client, union) == "2人"
    stored = [key.decode() for key in client.scan_iter(f"{prefix}-default:*dashboard:{union.pk}:*")]
    assert len(stored) == 1  # in Redis, where every process finds it

    # Another process, with its own connection, reads the same entry.
    name = stored[0].split(":", 2)[2]
    script = (
        "import django, os; django.setup(); from django.core.cache import cache; "
        f"print([s.value for g in cache.get({name!r})['groups'] for s in g.stats if s.label == '女会员'][0])"
    )
    other = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        env={
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "REDIS_URL": REDIS_TEST_URL,
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(Path(django_settings.BASE_DIR)),
            "CACHE_KEY_PREFIX": prefix,
        },
        capture_output=True,
        text=True,
        timeout=60,
        cwd=django_settings.BASE_DIR,
    )
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == "2人"

    MemberFactory(union=union, gender="F", joined_on=dt.date(2020, 1, 1))  # a write, logged
    assert _women(clerk_client, union) == "3人"  # a new data version, a new key: never stale
    assert len(list(client.scan_iter(f"{prefix}-default:*dashboard:{union.pk}:*"))) == 2
    old = caches["default"].get(name)
    assert [s.value for g in old["groups"] for s in g.stats if s.label == "女会员"] == ["2人"]  # unused now
