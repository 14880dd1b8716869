"""The production layout scaled out (issue #16 item 3): two app instances (gunicorn), one task
worker, one PostgreSQL, one Redis (caches and the RQ queue) and S3-compatible object storage
(moto's server). Nothing is shared on local disk: each instance has a MEDIA_ROOT of its own.

A workbook export started on instance A runs on the worker, and its file downloads from
instance B; a member added on A shows on B's dashboard at once (the figures cache in Redis
is keyed by the union's data version, read from the database)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from tests.members.test_member_views import _form_data
from tests.servers import BUCKET, CREDENTIALS, free_port
from workbook.models import ExportJob, ExportStatus

from ..workbook.conftest import Y, make_records
from .conftest import REDIS_TEST_URL, _redis_or_skip

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pass-for-tests-123"  # tests.factories.UserFactory's


@pytest.fixture(autouse=True)
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("instances in other processes need a shared database (PostgreSQL)")


@pytest.fixture
def layout_env(tmp_path, s3_endpoint) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The environment every process of the installation gets, as a deployment would set it."""
    redis = _redis_or_skip()
    redis.flushdb()
    endpoint, _client = s3_endpoint
    db = connection.settings_dict
    yield {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": REDIS_TEST_URL,
        "TASK_BACKEND": "rq",
        "CACHE_KEY_PREFIX": f"t{uuid.uuid4().hex[:8]}",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        "S3_REGION": CREDENTIALS["region_name"],
        "S3_PREFIX": f"t-{uuid.uuid4().hex[:12]}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WORKBOOK_SYNC_MAX_MEMBERS": "2",
    }
    redis.flushdb()


def _start(command: list[str], env: dict[str, str], media: Path) -> subprocess.Popen[bytes]:
    media.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(  # noqa: S603 - our own manage.py / gunicorn
        command,
        env={**env, "MEDIA_ROOT": str(media)},
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _instance(env: dict[str, str], media: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "1", "union_reports.wsgi:application"]
    process = _start(command, env, media)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            requests.get(f"{base}{reverse('login')}", timeout=10)
            return process, base
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(process.communicate()[0].decode(errors="replace")[-2000:])


def _stop(process: subprocess.Popen[bytes]) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        return process.communicate(timeout=30)[0].decode(errors="replace")
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0].decode(errors="replace")


def _session(base: str, username: str) -> requests.Session:
    session = requests.Session()
    login = f"{base}{reverse('login')}"
    session.get(login, timeout=10)
    response = session.post(
        login,
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def _post(session: requests.Session, url: str, data: dict[str, str]) -> requests.Response:
    page = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    return session.post(
        url, data={**data, "csrfmiddlewaretoken": token.group(1)}, headers={"Referer": url}, timeout=30
    )


def _members_on_dashboard(session: requests.Session, base: str, union) -> str:  # type: ignore[no-untyped-def]
    html = session.get(f"{base}{reverse('unions:home', args=[union.code])}", timeout=30).text
    found = re.search(r"会员总数.*?(\d+)\s*人", html, re.S)
    assert found, html[:2000]
    return found.group(1)


def test_a_task_started_on_one_instance_downloads_from_the_other(layout_env, tmp_path, union, admin_user):
    make_records(union)  # eight members
    a, base_a = _instance(layout_env, tmp_path / "media-a")
    b, base_b = _instance(layout_env, tmp_path / "media-b")
    worker = _start([sys.executable, "manage.py", "run_worker"], layout_env, tmp_path / "media-worker")
    try:
        on_a, on_b = _session(base_a, admin_user.username), _session(base_b, admin_user.username)

        response = _post(on_a, f"{base_a}{reverse('workbook:export', args=[union.code])}", {"year": str(Y)})
        assert response.status_code == 200, response.text[:500]
        job = ExportJob.objects.get()
        deadline = time.monotonic() + 120
        while not job.is_finished and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.3)
            job.refresh_from_db()
        assert job.status == ExportStatus.DONE, (job.error, worker.poll())

        download = on_b.get(f"{base_b}{reverse('workbook:download', args=[union.code, job.pk])}", timeout=30)
        assert download.status_code == 200 and download.content[:2] == b"PK"
        for media in ("media-a", "media-b", "media-worker"):  # the file is in S3, on no local disk
            assert not [p for p in (tmp_path / media).rglob("*") if p.is_file()], media

        # A write on A moves the data version; B's cached dashboard follows at once.
        before = int(_members_on_dashboard(on_b, base_b, union))
        created = _post(
            on_a, f"{base_a}{reverse('members:create', args=[union.code])}", _form_data(name="王新会")
        )
        assert created.status_code == 200 and "王新会" in created.text, created.text[:500]
        assert int(_members_on_dashboard(on_b, base_b, union)) == before + 1
    finally:
        outputs = [_stop(process) for process in (a, b, worker)]
    assert worker.returncode in (0, -signal.SIGTERM), outputs[2][-2000:]
