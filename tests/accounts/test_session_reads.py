"""The session and its user are read by plain statements (union_reports.auth): the same
sessions and users count as signed in as through the ORM, and no others."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _roster(client: Client, union) -> int:
    return client.get(reverse("members:list", args=[union.code])).status_code


def _signed_in(user) -> tuple[Client, str]:
    client = Client()
    client.post(reverse("login"), {"username": user.username, "password": "pass-for-tests-123"})
    return client, client.cookies["sessionid"].value


def test_a_signed_in_user_reaches_their_union(clerk, union):
    client, _ = _signed_in(clerk)
    assert _roster(client, union) == 200


def test_an_expired_session_signs_nobody_in(clerk, union):
    client, key = _signed_in(clerk)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert _roster(client, union) == 302  # to the login page


def test_a_deactivated_user_is_signed_out(clerk, union):
    client, _ = _signed_in(clerk)
    clerk.is_active = False
    clerk.save()
    assert _roster(client, union) == 302


def test_a_changed_password_ends_other_sessions(clerk, union):
    client, _ = _signed_in(clerk)
    clerk.set_password("another-pass-for-tests-456")
    clerk.save()
    assert _roster(client, union) == 302


def test_an_unknown_session_key_is_nobody(clerk, union):
    client = Client()
    client.cookies["sessionid"] = "x" * 32
    assert _roster(client, union) == 302


def test_a_role_in_another_union_reaches_nothing_here(outsider, union):
    client, _ = _signed_in(outsider)
    assert _roster(client, union) == 404
