"""`manage.py run_worker` as its own process (as `make run` and production start it) takes
an export queued by the web side and finishes it; SIGTERM stops it cleanly.

It needs a database that two processes share: PostgreSQL (SQLite's test database lives in
this process's memory), so it runs in CI's PostgreSQL pass."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from workbook.models import ExportJob, ExportStatus

from ..workbook.conftest import Y, make_records
from .conftest import REDIS_TEST_URL

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a worker in another process needs a shared database (PostgreSQL)")


def _worker(backend: str) -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "TASK_BACKEND": backend,
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
    }
    if backend == "rq":
        env["REDIS_URL"] = REDIS_TEST_URL
    manage = Path(django_settings.BASE_DIR) / "manage.py"
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, str(manage), "run_worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def test_a_worker_process_runs_the_export(backend, big, admin_client_, union):
    make_records(union)
    worker = _worker(backend.name)
    try:
        admin_client_.post(reverse("workbook:export", args=[union.code]), {"year": Y})
        job = ExportJob.objects.get()
        deadline = time.monotonic() + 120
        while not job.is_finished and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.3)
            job.refresh_from_db()
        assert job.status == ExportStatus.DONE, (job.error, worker.poll())
        assert job.row_counts["会员花名册"] == 8 and default_storage.exists(job.file.name)
        download = admin_client_.get(reverse("workbook:download", args=[union.code, job.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            output = worker.communicate(timeout=30)[0].decode(errors="replace")
        except subprocess.TimeoutExpired:
            worker.kill()
            raise
        for name in ExportJob.objects.exclude(file="").values_list("file", flat=True):
            default_storage.delete(name)
    assert worker.returncode in (0, -signal.SIGTERM), output
