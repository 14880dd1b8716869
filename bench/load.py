"""Stage 4: concurrent users against gunicorn on loopback.

Starts gunicorn (DEBUG off, sync workers, cores + 1 of them, static files from the
collected STATIC_ROOT through WhiteNoise) on a free port of 127.0.0.1, logs 30 sessions in
as the union's admin, and replays a mixed read workload — roster pages and searches,
record lists, the dashboard — for a bounded time. Uses `wrk` when it is installed (it
takes almost no CPU from the server), otherwise a Python load generator with one thread
per user. Stops the server and deletes the sessions afterwards.

Besides requests per second and latency it prints the CPU per request (user + system CPU
of the gunicorn workers, and of the PostgreSQL backends sampled during the run, divided
by the requests served: the figure other work on a shared machine skews least) and what
the web workers did meanwhile (peak memory; any process they started, as a PDF render
would).

    .venv/bin/python bench/load.py [--users 30] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import ADMIN_USERNAME, ROOT, UNION_CODE, line, percentile, setup_django
from proc_cpu import BackendCpu, Poller, WorkerWatch, workers_cpu_seconds

setup_django()

from database import bench_year  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

HOST = "127.0.0.1"
RPS_TARGET = 150
P95_TARGET_MS = 300
CPU_TARGET_MS = 10  # web worker CPU per request of the mix (issue #17 item 1)
WORKER_RSS_TARGET_MB = 250  # a PDF render alone adds ~250 MB (issue #16 item 5)

LIST_NAMES = (
    "activities:activity-list",
    "welfare:hardship-list",
    "welfare:disbursement-list",
    "democracy:proposal-list",
    "democracy:contract-list",
    "rights:mediation-list",
    "funds:entry-list",
)


GROUPS = ("roster", "lists", "dashboard")


def workload(only: str | None = None) -> list[str]:
    """Paths weighted by how often staff open them: 4 roster : 4 lists : 2 dashboard.
    `only` keeps one group, to see which one bounds the mixed figure."""
    kw = {"code": UNION_CODE}
    roster = reverse("members:list", kwargs=kw)
    year = bench_year()
    home = reverse("unions:home", kwargs=kw)
    roster_paths = [f"{roster}?page={page}" for page in range(1, 9)] + [
        roster,
        roster,
        f"{roster}?q=%E7%8E%8B",
    ]
    list_paths = [reverse(name, kwargs=kw) for name in LIST_NAMES]
    dashboards = [f"{home}?year={year}", f"{home}?year={year + 1}"]
    weighted = []
    groups = {"roster": (roster_paths, 4), "lists": (list_paths, 4), "dashboard": (dashboards, 2)}
    for name, (group, weight) in groups.items():
        if only and name != only:
            continue
        per_path = max(1, round(weight * 10 / len(group)))
        for path in group:
            weighted += [path] * per_path
    return weighted


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    gunicorn = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "gunicorn"
    if not gunicorn.exists():
        gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    command = [
        str(gunicorn),
        "union_reports.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())  # noqa: S603 - our own fixed command


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def backend_cpu() -> tuple[BackendCpu | None, object]:
    """A sampler of the PostgreSQL backends of the bench database (None on SQLite, whose
    work is inside the workers' own CPU), on a connection of its own."""
    if connection.vendor != "postgresql":
        return None, None
    import psycopg2

    db = settings.DATABASES["default"]
    conn = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    conn.autocommit = True
    return BackendCpu(conn.cursor(), db["NAME"]), conn


def get(port: int, path: str, cookie: str, timeout: float = 10) -> tuple[int, int]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie, "Host": HOST})
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


def wait_ready(port: int, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            status, _ = get(port, "/accounts/login/", "", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def login_sessions(n: int) -> list[str]:
    admin = get_user_model().objects.get(username=ADMIN_USERNAME)
    cookies = []
    for _ in range(n):
        client = Client()
        client.force_login(admin)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


LUA = """
local paths = {%(paths)s}
local cookies = {%(cookies)s}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  math.randomseed(id * 7919)
end
function request()
  local path = paths[math.random(#paths)]
  local cookie = "%(cookie_name)s=" .. cookies[math.random(#cookies)]
  return wrk.format("GET", path, {["Cookie"] = cookie})
end
function done(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%.1f %%.1f %%.1f %%.1f\\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def run_wrk(port: int, paths: list[str], cookies: list[str], users: int, seconds: int) -> dict[str, float]:
    quoted = ", ".join(f'"{p}"' for p in paths)
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        script = Path(tmp) / "mixed.lua"
        script.write_text(
            LUA
            % {
                "paths": quoted,
                "cookies": ", ".join(f'"{c}"' for c in cookies),
                "cookie_name": settings.SESSION_COOKIE_NAME,
            }
        )
        threads = min(users, max(2, os.cpu_count() or 2))
        command = ["wrk", "-t", str(threads), "-c", str(users), "-d", f"{seconds}s", "--timeout", "10s"]
        command += ["-s", str(script), f"http://{HOST}:{port}"]
        output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout  # noqa: S603
    match = re.search(r"^RESULT (.*)$", output, re.M)
    if not match:
        raise RuntimeError(f"wrk printed no result: {output[-500:]}")
    values = [float(v) for v in match.group(1).split()]
    requests, duration_us, connect, read, write, status, timeout, p50, p95, p99, worst = values
    return {
        "requests": requests,
        "seconds": duration_us / 1e6,
        "errors": connect + read + write + status + timeout,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "max": worst,
    }


def run_python(port: int, paths: list[str], cookies: list[str], users: int, seconds: int) -> dict[str, float]:
    cookie_name = settings.SESSION_COOKIE_NAME
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + seconds

    def user(index: int) -> None:
        rng = random.Random(index)
        cookie = f"{cookie_name}={cookies[index % len(cookies)]}"
        mine: list[float] = []
        failed = 0
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            try:
                status, _ = get(port, rng.choice(paths), cookie)
                if status != 200:
                    failed += 1
            except OSError:
                failed += 1
            mine.append((time.perf_counter() - t0) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "errors": errors[0],
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": max(latencies, default=0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=20)
    # CPU-bound pages: one worker per core plus one measured best here (3 on 2 cores: 147 req/s
    # against 133 with the usual 2 × cores + 1).
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--only", choices=GROUPS, help="one group of pages instead of the mix")
    parser.add_argument(
        "--python", action="store_true", help="use the Python load generator even if wrk exists"
    )
    args = parser.parse_args()

    paths = workload(args.only)
    cookies = login_sessions(args.users)
    port = free_port()
    server = start_server(port, args.workers)
    try:
        wait_ready(port, server)
        for path in sorted(set(paths)):  # every page works for these sessions before timing
            status, _ = get(port, path, f"{settings.SESSION_COOKIE_NAME}={cookies[0]}", timeout=30)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
        # Warm every worker on every page (templates, per-process caches) before timing:
        # as many requests at once as there are workers, so that each gets its share.
        with ThreadPoolExecutor(args.workers) as pool:
            warm = sorted(set(paths)) * (2 * args.workers)
            cookie = f"{settings.SESSION_COOKIE_NAME}={cookies[0]}"
            list(pool.map(lambda path: get(port, path, cookie, timeout=60), warm))
        use_wrk = shutil.which("wrk") is not None and not args.python
        runner = run_wrk if use_wrk else run_python
        load_before = os.getloadavg()[0]
        backends, backend_conn = backend_cpu()
        watch = WorkerWatch(server.pid)
        poller = Poller([watch.sample] + ([backends.sample] if backends else []))
        cpu_before = workers_cpu_seconds(server.pid)
        poller.start()
        try:
            figures = runner(port, paths, cookies, args.users, args.seconds)
        finally:
            poller.stop()
        cpu_after = workers_cpu_seconds(server.pid)
        if backend_conn is not None:
            backend_conn.close()
        load_after = os.getloadavg()[0]
    finally:
        stop_server(server)
        Session.objects.filter(session_key__in=cookies).delete()
    report(args, figures, cpu_after - cpu_before, backends, watch, (load_before, load_after), use_wrk)


def report(args, figures, worker_cpu, backends, watch, loads, use_wrk) -> None:  # noqa: ANN001
    requests = max(1, figures["requests"])
    cpu_ms = worker_cpu * 1000 / requests
    cores = os.cpu_count() or 1
    rps = figures["requests"] / figures["seconds"]
    where = f"{args.users} users, {args.only or 'mixed'} GET"
    load_text = f"load average {loads[0]:.1f} → {loads[1]:.1f} on {cores} cores"
    line(
        f"CPU per request, {where}",
        f"gunicorn workers {cpu_ms:.1f} ms (user+system CPU of {args.workers} workers / "
        f"{figures['requests']:.0f} requests; {load_text})",
        f"<= {CPU_TARGET_MS} ms",
        cpu_ms <= CPU_TARGET_MS,
    )
    db_ms = 0.0
    if backends is not None:
        if backends.unreadable and not backends.last:
            line("  PostgreSQL backends", "not measurable: /proc does not show the server's processes")
        else:
            db_ms = backends.cpu_seconds * 1000 / requests
            line(
                "  PostgreSQL backends",
                f"{db_ms:.1f} ms per request ({backends.backends} backends sampled during the run)",
            )
    total_ms = cpu_ms + db_ms
    print(
        f"# CPU per request in all {total_ms:.1f} ms: at most {cores * 1000 / total_ms:.0f} req/s "
        f"on {cores} cores if nothing else ran",
        flush=True,
    )
    line(
        "  web workers during the run",
        f"peak {watch.peak_rss_mb:.0f} MB RSS, {len(watch.grandchildren)} processes started "
        "(a PDF is printed in a child process; imports and exports run on the task worker)",
        f"none started, < {WORKER_RSS_TARGET_MB} MB",
        not watch.grandchildren and watch.peak_rss_mb < WORKER_RSS_TARGET_MB,
    )
    ok = rps >= RPS_TARGET and figures["p95"] < P95_TARGET_MS and figures["errors"] == 0
    line(
        f"{where} ({'wrk' if use_wrk else 'python'})",
        f"{rps:6.1f} req/s  p50 {figures['p50']:.0f} ms  p95 {figures['p95']:.0f} ms  "
        f"p99 {figures['p99']:.0f} ms  errors {figures['errors']:.0f}  "
        f"({figures['requests']:.0f} requests in {figures['seconds']:.0f} s, gunicorn {args.workers} sync "
        f"workers; {load_text})",
        f">= {RPS_TARGET} req/s, p95 < {P95_TARGET_MS} ms, no errors",
        ok,
    )


if __name__ == "__main__":
    main()
