"""The roster import on the task path (`bench/import_roster.py --as-task`): the upload and
the confirmation as the web requests do them, each followed by `manage.py run_worker
--burst` in a process of its own, which reads and checks the file, then writes it.

Figures per step: the request's wall time; the worker's wall time, CPU and peak memory
(VmHWM of the worker process: Django, the task, everything it held). The product bounds a
file to 100,000 rows and 20 MB; a benchmark past that lifts the bounds (`lift_limits`) in
this process and in the workers, which run this script with `--worker`.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings

MEMORY_TARGET_MB = 500


def lift_limits(rows: int) -> None:
    """Bounds wide enough for `rows` roster rows (as the bench measures, not as served)."""
    settings.ROSTER_IMPORT_MAX_ROWS = max(settings.ROSTER_IMPORT_MAX_ROWS, rows)
    # The read budget counts every row read, the header search's included: room for two passes.
    settings.XLSX_MAX_ROWS = max(settings.XLSX_MAX_ROWS, 2 * rows + 100)
    settings.XLSX_MAX_CELLS = max(settings.XLSX_MAX_CELLS, (2 * rows + 100) * 25)
    scale = max(1, rows // 100_000 + 1)
    settings.MAX_UPLOAD_BYTES = max(settings.MAX_UPLOAD_BYTES, 15 * 1024 * 1024 * scale)
    settings.XLSX_MAX_PART_BYTES = max(settings.XLSX_MAX_PART_BYTES, 80 * 1024 * 1024 * scale)
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = max(
        settings.XLSX_MAX_UNCOMPRESSED_BYTES, 100 * 1024 * 1024 * scale
    )


def peak_mb() -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmHWM:"):
            return int(row.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_main(rows: int) -> None:
    """In the worker process: run what is queued, then say what it cost, as JSON."""
    from django.core.management import call_command

    lift_limits(rows)
    started, cpu = time.perf_counter(), time.process_time()
    call_command("run_worker", burst=True)
    print(
        "WORKER "
        + json.dumps(
            {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu, "peak_mb": peak_mb()}
        )
    )


def _worker(rows: int) -> dict[str, Any]:
    script = Path(__file__).resolve().parent / "import_roster.py"
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(script), "--worker", "--rows", str(rows)],
        env={**os.environ},
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    figures = next((line for line in done.stdout.splitlines() if line.startswith("WORKER ")), None)
    if done.returncode or figures is None:
        raise SystemExit(f"worker failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return {**json.loads(figures.removeprefix("WORKER ")), "process_wall": wall}


def _line(label: str, request_s: float, worker: dict[str, Any]) -> None:
    verdict = "OK" if worker["peak_mb"] < MEMORY_TARGET_MB else "MISSED"
    print(
        f"[task {label}] request {request_s:.2f} s; worker {worker['wall']:.2f} s "
        f"(CPU {worker['cpu']:.2f} s, process {worker['process_wall']:.2f} s with start-up), "
        f"peak {worker['peak_mb']:.0f} MB (< {MEMORY_TARGET_MB} MB: {verdict})"
    )


def run_as_task(union: Any, path: Path, rows: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from imports import services
    from imports.models import ImportJob
    from members.import_models import ROSTER, RosterImport
    from unions.models import Role, UnionRole

    if settings.TASK_BACKEND != "database":
        raise SystemExit("--as-task runs the database backend's worker (TASK_BACKEND=database)")
    lift_limits(rows)
    user = get_user_model().objects.create(username=f"{union.code}-clerk")
    UnionRole.objects.create(user=user, union=union, role=Role.CLERK)
    load = os.getloadavg()[0]

    started = time.perf_counter()
    with path.open("rb") as fh:
        record_import = services.record_import_upload(
            union=union, user=user, kind=ROSTER, upload=File(fh, name="roster.xlsx")
        )
    upload_s = time.perf_counter() - started
    assert record_import.status == RosterImport.Status.READING, "the file was read in the request"
    read = _worker(rows)
    record_import.refresh_from_db()
    job = ImportJob.objects.filter(record_import=record_import).latest("pk")
    _line("read + check + plan", upload_s, read)
    if job.status != ImportJob.Status.DONE or not record_import.can_confirm:
        raise SystemExit(f"reading failed: {job.status} {job.error} ({record_import.counts()})")

    started = time.perf_counter()
    queued = services.record_import_confirm(record_import=record_import, user=user)
    confirm_s = time.perf_counter() - started
    assert isinstance(queued, ImportJob), "the import was written in the request"
    written = _worker(rows)
    job = ImportJob.objects.get(pk=queued.pk)
    record_import.refresh_from_db()
    if job.status != ImportJob.Status.DONE or not job.applied:
        raise SystemExit(f"writing failed: {job.status} {job.error or job.outcome}")
    _line("apply (re-check + write)", confirm_s, written)
    total = upload_s + read["process_wall"] + confirm_s + written["process_wall"]
    print(
        f"[task] {rows} rows: {job.outcome} total {total:.2f} s wall "
        f"(CPU in workers {read['cpu'] + written['cpu']:.2f} s), "
        f"peak {max(read['peak_mb'], written['peak_mb']):.0f} MB; "
        f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end, {os.cpu_count()} cores"
    )
    record_import.file.delete(save=False)  # the bench's stored copy of the generated roster
