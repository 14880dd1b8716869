"""The one door to the task queue (Django's Tasks API through the django-tasks backport).

Which backend runs the tasks is a setting (`TASK_BACKEND`: the database, RQ on Redis, or
immediately in the caller for tests); code here and in the apps does not care. The job rows
of the apps (ExportJob, ...) stay the truth the pages show; the queue only carries the work.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.base import Task

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return max(1, int(getattr(settings, "TASK_MAX_ATTEMPTS", 2)))


def enqueue(task: Task, **kwargs: Any) -> str:  # type: ignore[type-arg]
    """Queue `task` with JSON-able keyword arguments; returns the task's id. Call it outside
    a transaction (or after the job row is committed): an RQ worker may start at once."""
    result = task.enqueue(**kwargs)
    return str(result.id)


def uses_database() -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def abandon(task_id: str) -> None:
    """A task whose worker died stays "running" in the database backend: mark it failed, so
    the queue's own records agree with the job's. (RQ finds its dead workers itself.)"""
    if not task_id or not uses_database():
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status__in=["READY", "RUNNING"]).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="background.queue.WorkerDied",
        traceback="The worker running this task died (killed or restarted).",
    )
