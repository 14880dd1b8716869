"""`make bench`: every benchmark of the product on one large union, one line per figure.

    .venv/bin/python bench/run_all.py                      # SQLite: bench/bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/union_reports_bench .venv/bin/python bench/run_all.py

The first run migrates the bench database and generates the union (`generate_load_data
--union loadtest --members 50000`); later runs reuse it. Each stage runs in a process of
its own (so memory figures are its own, and one failing stage does not stop the others):

  database.py      migrate, generate once, collect static files
  pages.py         roster and record list pages, dashboard (Django test Client)
  report_pdf.py    report assembly and PDF
  export_workbook.py  the higher-level union's workbook (when that script exists)
  load.py          30 concurrent users against gunicorn on 127.0.0.1
  scaling.py       assembly, cold dashboard, search and last page for unions of 5,000, 50,000
                   and 200,000 members (generated once into the bench database: about 2 min
                   on a quiet machine the first time; --scaling-sizes 5000,50000 to skip 200k)
  province.py      a province (10 cities, 100 counties, 2,000 unions, 1,000,000 members, made
                   once: about 10 min): province and county roll-ups, a county's summary
                   assembly, county and grassroots dashboards, the roster
                   (--province-members 100000 for a smaller one)
  import_roster.py roster import of 50,000 rows (when that script exists), in a scratch
                   database made and dropped around it (see scratch_db.py)

Targets are printed beside the figures; a missed one says MISSED. Options: --only STAGE
(repeatable), --skip STAGE, --requests N, --seconds N (load test length),
--scaling-sizes N,N,…, --verbose.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time

import scratch_db
from common import BENCH_DIR, MEMBERS, PYTHON, ROOT, UNION_CODE, configure, database_label, line

STAGES = ("database", "pages", "report", "workbook", "load", "scaling", "import", "import-task", "province")
STAGE_TIMEOUT = 1200
PROVINCE_TIMEOUT = 3600  # its first run generates a million members


def run(
    script: str,
    *args: str,
    capture: bool = False,
    env: dict[str, str] | None = None,
    timeout: int = STAGE_TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    command = [PYTHON, str(BENCH_DIR / script), *args]
    return subprocess.run(  # noqa: S603 - our own scripts
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        text=True,
        capture_output=capture,
    )


def stage(name: str, script: str, *args: str, timeout: int = STAGE_TIMEOUT) -> bool:
    try:
        result = run(script, *args, timeout=timeout)
    except subprocess.TimeoutExpired:
        line(name, f"stopped after {timeout} s")
        return False
    if result.returncode != 0:
        line(name, f"FAILED (exit {result.returncode}, see the traceback above)")
    return result.returncode == 0


def echo(output: str, verbose: bool) -> None:
    """The detail a helper script prints, under --verbose."""
    if verbose:
        for text in output.splitlines():
            print(f"  # {text}")


def workbook(year: int, verbose: bool) -> None:
    script = BENCH_DIR / "export_workbook.py"
    if not script.exists():
        line("workbook export", "skipped (bench/export_workbook.py does not exist)", "< 8 s, < 250 MB")
        return
    result = run(script.name, "--union", UNION_CODE, "--year", str(year), capture=True)
    echo(result.stdout, verbose)
    if result.returncode != 0:
        line("workbook export", f"FAILED (exit {result.returncode}): {result.stderr.strip()[-300:]}")
        return
    seconds = re.search(r"^export seconds: ([\d.]+)", result.stdout, re.M)
    traced = re.search(r"^peak memory \(tracemalloc\): ([\d.]+) MB", result.stdout, re.M)
    rss = re.search(r"^peak memory \(ru_maxrss[^)]*\): ([\d.]+) MB", result.stdout, re.M)
    if seconds and traced and rss:
        s, t, r = float(seconds.group(1)), float(traced.group(1)), float(rss.group(1))
        line(
            f"workbook export ({year})",
            f"{s:5.2f} s  peak {r:.0f} MB RSS (whole process), {t:.0f} MB traced",
            "< 8 s, < 250 MB",
            s < 8 and max(t, r) < 250,
        )


def roster_import(verbose: bool) -> None:
    script = BENCH_DIR / "import_roster.py"
    if not script.exists():
        line("roster import", "skipped (bench/import_roster.py does not exist)", "< 10 s")
        return
    # It leaves its scratch union behind, so it gets a fresh database of its own each run
    # and the bench database stays as generated.
    url = scratch_db.url_for(os.environ["DATABASE_URL"])
    started = time.perf_counter()
    scratch_db.create(url)
    print(f"# roster import into a fresh scratch database, migrated in {time.perf_counter() - started:.0f} s")
    # The tracemalloc pass of that script runs about five times slower: not part of the bench.
    try:
        result = run(
            script.name, "--rows", str(MEMBERS), "--no-memory-pass", capture=True, env={"DATABASE_URL": url}
        )
    finally:
        scratch_db.drop(url)
    echo(result.stdout, verbose)
    if result.returncode != 0:
        line("roster import", f"FAILED (exit {result.returncode}): {result.stderr.strip()[-300:]}")
        return
    for label, name in (("new", "all new"), ("update", "re-import, a fifth changed")):
        match = re.search(rf"^\[{label}\] total: ([\d.]+) s", result.stdout, re.M)
        if match:
            seconds = float(match.group(1))
            line(f"roster import {MEMBERS} rows ({name})", f"{seconds:.1f} s", "< 10 s", seconds < 10)


def import_as_task(rows: int, verbose: bool) -> None:
    """An import of `rows` roster rows as the web runs one past IMPORT_SYNC_MAX_ROWS: read and
    written by `run_worker` processes (issue #16 item 4), into a scratch database."""
    url = scratch_db.url_for(os.environ["DATABASE_URL"])
    scratch_db.create(url)
    try:
        result = run(
            "import_roster.py", "--rows", str(rows), "--as-task", "--no-update-pass", "--no-memory-pass",
            capture=True, env={"DATABASE_URL": url, "TASK_BACKEND": "database"},
        )  # fmt: skip
    finally:
        scratch_db.drop(url)
    echo(result.stdout, verbose)
    if result.returncode != 0:
        line(
            f"roster import {rows} rows as a task",
            f"FAILED (exit {result.returncode}): {result.stderr.strip()[-300:]}",
        )
        return
    for row in result.stdout.splitlines():
        if row.startswith("[task"):
            print(f"import as a task: {row}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=STAGES, default=[])
    parser.add_argument("--skip", action="append", choices=STAGES, default=[])
    parser.add_argument("--requests", default="30", help="requests per page for the page timings")
    parser.add_argument("--seconds", default="20", help="length of the load test")
    parser.add_argument(
        "--scaling-sizes", default="5000,50000,200000", help="union sizes of the scaling stage"
    )
    parser.add_argument("--province-members", default="1000000", help="members of the province stage")
    parser.add_argument("--import-task-rows", default="200000", help="rows of the import-task stage")
    parser.add_argument(
        "--verbose", action="store_true", help="show the detail of the workbook and import scripts"
    )
    args = parser.parse_args()
    wanted = [s for s in STAGES if (not args.only or s in args.only) and s not in args.skip]

    configure()
    started = time.perf_counter()
    print(
        f"# bench {dt.datetime.now():%Y-%m-%d %H:%M} · {database_label()} · union {UNION_CODE} · "
        f"{os.cpu_count()} cores · load average {os.getloadavg()[0]:.1f} · Python {platform.python_version()}",
        flush=True,
    )
    if not stage("database", "database.py"):
        sys.exit(1)
    year = read_year()
    if "pages" in wanted:
        stage("pages", "pages.py", "--requests", args.requests)
    if "report" in wanted:
        stage("report", "report_pdf.py")
    if "workbook" in wanted:
        workbook(year, args.verbose)
    if "load" in wanted:
        stage("load", "load.py", "--seconds", args.seconds)
    if "scaling" in wanted:
        stage("scaling", "scaling.py", "--sizes", args.scaling_sizes)
    if "import" in wanted:
        roster_import(args.verbose)
    if "import-task" in wanted:
        import_as_task(int(args.import_task_rows), args.verbose)
    if "province" in wanted:
        stage("province", "province.py", "--members", args.province_members, timeout=PROVINCE_TIMEOUT)
    print(
        f"# bench finished in {time.perf_counter() - started:.0f} s · load average {os.getloadavg()[0]:.1f} "
        "(other work on the machine skews every figure)",
        flush=True,
    )


def read_year() -> int:
    """The report year of the bench union (the last complete year of its data)."""
    result = run("database.py", "--year", capture=True)
    return int(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
