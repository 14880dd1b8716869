"""The task queue's backends with real workers: the database (django-tasks-db) and Redis
(django-tasks-rq on RQ, the machine's Redis at 127.0.0.1:6379, database 9 for tests).

`work_off()` runs what is queued in this process with the backend's own worker code (so the
test's database is the worker's); `hang_after_roster` stops an export for good after its
roster sheet, for a kill from the parent.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.db import connections

from workbook.exporters import XlsxWriter


def _own_database(url: str) -> str:
    """A Redis database per pytest-xdist worker (gw1 takes the next number, ...): the backend
    fixture empties its database, which must not be the queue another worker is using."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
    base, _, number = url.rpartition("/")
    return f"{base}/{(int(number) + index) % 16}" if index and number.isdigit() else url


REDIS_TEST_URL = _own_database(os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/9"))
_KEEP: list[object] = []


@dataclass
class Backend:
    name: str
    work_off: Callable[[], None]


def _database_work_off() -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def _rq_work_off() -> None:
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


def _redis_or_skip():  # type: ignore[no-untyped-def]
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    return client


@pytest.fixture(params=["database", "rq"])
def backend(request, settings) -> Iterator[Backend]:  # type: ignore[no-untyped-def]
    settings.TASK_BACKEND = request.param
    if request.param == "database":
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
        yield Backend("database", _database_work_off)
        return
    client = _redis_or_skip()
    client.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    yield Backend("rq", _rq_work_off)
    client.flushdb()


@pytest.fixture
def big(settings) -> None:
    """Every union with more than two members exports in the background here."""
    settings.WORKBOOK_SYNC_MAX_MEMBERS = 2


@pytest.fixture
def after_roster(monkeypatch) -> list[Callable[[], None]]:  # type: ignore[no-untyped-def]
    """Callbacks run once the export has written its roster sheet (the task is running)."""
    hooks: list[Callable[[], None]] = []
    real_add = XlsxWriter.add

    def add(self, exporter):  # type: ignore[no-untyped-def]
        rows = real_add(self, exporter)
        if exporter.identifier == "roster":
            for hook in hooks:
                hook()
        return rows

    monkeypatch.setattr(XlsxWriter, "add", add)
    return hooks


def own_database_connection() -> None:
    """In a forked child: SQLite's in-memory test database came along as a copy; a
    PostgreSQL socket is the parent's, so open our own (keeping the old object alive)."""
    for connection in connections.all():
        if connection.vendor != "sqlite" and connection.connection is not None:
            _KEEP.append(connection.connection)
            connection.connection = None
