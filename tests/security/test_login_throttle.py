"""Issue #9, hardening: password spraying (one try for each of many usernames from one
address) is stopped, by django-axes with a per-address limit beside the per-user one, and
the address is the client's, behind the reverse proxy too."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "pass-for-tests-123"  # tests/factories.UserFactory
SPRAYER = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def _login(client: Client, username: str, password: str, **meta: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def _spray(count: int, **meta: str) -> None:
    client = Client()
    for i in range(count):
        response = _login(client, f"user{i:03d}", "Winter2025!", **meta)
        assert response.status_code in (200, 429)


def _logged_in(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response["Location"] != reverse("login")


def test_thirty_usernames_from_one_address_lock_that_address(clerk):
    _spray(30, REMOTE_ADDR=SPRAYER)
    refused = _login(Client(), "clerk", PASSWORD, REMOTE_ADDR=SPRAYER)  # even the right password
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "登录失败次数过多" in text and "同一网络地址" in text
    assert "_auth_user_id" not in Client().session
    assert _logged_in(_login(Client(), "clerk", PASSWORD, REMOTE_ADDR=ELSEWHERE))


def test_an_office_behind_one_address_is_not_locked_by_a_few_typos(clerk):
    _spray(settings.AXES_IP_FAILURE_LIMIT - 1, REMOTE_ADDR=SPRAYER)
    assert _logged_in(_login(Client(), "clerk", PASSWORD, REMOTE_ADDR=SPRAYER))


def test_one_username_is_still_locked_after_five_failures(clerk):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "clerk", "wrong", REMOTE_ADDR=SPRAYER)
    assert _login(client, "clerk", PASSWORD, REMOTE_ADDR=SPRAYER).status_code == 429


def test_a_successful_login_does_not_clear_the_addresss_failures(clerk, leader):
    """An attacker with one account of their own cannot reset a spraying run with it."""
    limit = settings.AXES_IP_FAILURE_LIMIT
    _spray(limit - 2, REMOTE_ADDR=SPRAYER)
    assert _logged_in(_login(Client(), "leader", PASSWORD, REMOTE_ADDR=SPRAYER))
    _spray(2, REMOTE_ADDR=SPRAYER)
    assert _login(Client(), "clerk", PASSWORD, REMOTE_ADDR=SPRAYER).status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_clients_address_counts_not_the_proxys(clerk):
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    # The sprayer also sends a forged X-Forwarded-For entry of its own, changed every time;
    # the proxy appends the real address, which is the one that counts.
    client = Client()
    for i in range(30):
        _login(client, f"user{i:03d}", "Winter2025!", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, {SPRAYER}", **proxy)
    locked = _login(Client(), "clerk", PASSWORD, HTTP_X_FORWARDED_FOR=SPRAYER, **proxy)
    assert locked.status_code == 429
    # Another client through the same proxy is not affected.
    assert _logged_in(_login(Client(), "clerk", PASSWORD, HTTP_X_FORWARDED_FOR=ELSEWHERE, **proxy))
