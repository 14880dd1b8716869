from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from members.models import Member

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_login_page_speaks_chinese(client):
    page = client.get(reverse("login")).content.decode()
    assert "登录工会年报" in page and "用户名" in page and "密码" in page


def test_a_wrong_password_says_so_in_chinese(client, clerk):
    response = client.post(reverse("login"), {"username": "clerk", "password": "wrong"})
    assert "用户名或密码不正确" in response.content.decode()


def test_login_takes_a_clerk_to_the_union_and_its_roster(client, clerk, union):
    response = client.post(
        reverse("login"), {"username": "clerk", "password": "pass-for-tests-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("unions:home", args=[union.code])
    roster_url = reverse("members:list", args=[union.code])
    assert roster_url in response.content.decode()
    assert client.get(roster_url).status_code == 200


def test_repeated_failures_lock_the_account(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "clerk", "password": "pass-for-tests-123"})
    assert response.status_code == 429
    assert "暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lock_on_one_user_does_not_lock_another(client, clerk, leader):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "leader", "password": "pass-for-tests-123"})
    assert response.status_code == 302


def test_posts_without_a_csrf_token_are_refused(clerk, union):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    response = client.post(
        reverse("members:create", args=[union.code]),
        {"name": "x", "id_number": "11010519491231002X", "joined_on": "2020-01-01", "status": "active"},
    )
    assert response.status_code == 403
    assert not Member.objects.exists()


def test_logout_needs_a_post(clerk_client):
    assert clerk_client.get(reverse("logout")).status_code == 405
    assert clerk_client.post(reverse("logout")).status_code == 302


def test_production_settings_pass_check_deploy():
    unwanted = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="union.example.cn")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_error_pages_speak_chinese(clerk_client, union, other_union):
    assert "没有找到" in clerk_client.get(reverse("members:list", args=[other_union.code])).content.decode()
    assert (
        "没有执行此操作的权限"
        in clerk_client.get(reverse("unions:users", args=[union.code])).content.decode()
    )


def test_a_csrf_failure_explains_itself_in_chinese(clerk, union):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    response = client.post(reverse("members:create", args=[union.code]), {})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
