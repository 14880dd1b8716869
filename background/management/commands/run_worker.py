"""Run a task worker for the configured backend (`TASK_BACKEND`).

The database backend runs django-tasks-db's `db_worker`; RQ runs django-rq's `rqworker`
with django-tasks-rq's job class. Before the first task, what killed workers left on this
machine is swept (their jobs retried or marked failed).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from background import sweeps


class Command(BaseCommand):
    help = "运行后台任务进程（导出、定稿等）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--burst", action="store_true", help="做完队列中的任务后退出。")
        parser.add_argument("--max-tasks", type=int, default=None, help="做完这么多个任务后退出。")

    def handle(self, *args: Any, burst: bool, max_tasks: int | None, **options: Any) -> None:
        swept = sweeps.run_all()
        if any(swept.values()):
            self.stdout.write(f"已处理中断的任务：{swept}")
        backend = settings.TASK_BACKEND
        if backend == "database":
            kwargs: dict[str, Any] = {"queue_name": "default", "reload": False, "interval": 1.0}
            if burst:
                kwargs["batch"] = True
            if max_tasks:
                kwargs["max_tasks"] = max_tasks
            call_command("db_worker", **kwargs)
        elif backend == "rq":
            rq_kwargs: dict[str, Any] = {"job_class": "django_tasks_rq.Job", "burst": burst}
            if max_tasks:
                rq_kwargs["max_jobs"] = max_tasks
            call_command("rqworker", "default", **rq_kwargs)
        else:
            self.stderr.write(f"TASK_BACKEND={backend} 不需要单独的任务进程。")
