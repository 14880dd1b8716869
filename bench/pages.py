"""Stage 1: page timings in-process with the Django test Client, logged in as an admin of
the large union: the roster, every record list, and the dashboard. Each page is requested
twice to warm up, then N times; figures are wall-clock ms per request (p50/p95) and the
number of SQL queries of one request.

    .venv/bin/python bench/pages.py [--requests 30]
"""

from __future__ import annotations

import argparse
import time

from common import ADMIN_USERNAME, UNION_CODE, line, percentile, setup_django

setup_django()

from database import bench_year  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from members.models import Member  # noqa: E402

LIST_TARGET_MS = 100
DASHBOARD_TARGET_MS = 300

RECORD_LISTS = (
    ("activities", "activities:activity-list"),
    ("honours", "activities:honour-list"),
    ("hardship files", "welfare:hardship-list"),
    ("disbursements", "welfare:disbursement-list"),
    ("disbursement batches", "welfare:batch-list"),
    ("donation drives", "welfare:donation-list"),
    ("congresses", "democracy:congress-list"),
    ("proposals", "democracy:proposal-list"),
    ("disclosures", "democracy:disclosure-list"),
    ("contracts", "democracy:contract-list"),
    ("suggestions", "democracy:suggestion-list"),
    ("joint meetings", "democracy:meeting-list"),
    ("mediation cases", "rights:mediation-list"),
    ("legal aid", "rights:legalaid-list"),
    ("petitions", "rights:petition-list"),
    ("fund entries", "funds:entry-list"),
    ("funds summary", "funds:summary"),
    ("audit log", "audit:list"),
    ("reports", "reports:list"),
)


def measure(client: Client, url: str, n: int) -> tuple[list[float], list[float], int, int]:
    """Wall-clock and CPU ms of n requests (CPU of this process: Python, templates and, on
    SQLite, the queries; PostgreSQL's own work is not in it), and the queries of one."""
    for _ in range(2):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper rather than CaptureQueriesContext: the request_started signal
    # clears connection.queries_log in the middle of the capture.
    with connection.execute_wrapper(count):
        client.get(url)
    times, cpu = [], []
    for _ in range(n):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return times, cpu, len(queries), len(response.content)


def report(label: str, url: str, client: Client, n: int, target_ms: float) -> None:
    try:
        times, cpu, queries, size = measure(client, url, n)
    except Exception as exc:  # a broken page is a finding, not the end of the bench
        line(label, f"ERROR {type(exc).__name__}: {exc}"[:150], f"p95 < {target_ms:.0f} ms", False)
        return
    p95 = percentile(times, 95)
    line(
        label,
        f"p50 {percentile(times, 50):6.1f} ms  p95 {p95:6.1f} ms  (CPU p50 {percentile(cpu, 50):5.1f} ms)  "
        f"{queries:3d} queries  {size // 1024} KB",
        f"p95 < {target_ms:.0f} ms",
        p95 < target_ms,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    n = args.requests
    admin = get_user_model().objects.get(username=ADMIN_USERNAME)
    client = Client()
    client.force_login(admin)
    kw = {"code": UNION_CODE}
    members = Member.objects.filter(union__code=UNION_CODE).count()
    roster = reverse("members:list", kwargs=kw)
    last_page = max(1, -(-members // 50))

    leader = Client()
    leader.force_login(get_user_model().objects.get(username=f"{UNION_CODE}-leader"))
    pending = reverse("welfare:disbursement-pending", kwargs=kw)
    report(f"roster list ({members} members)", roster, client, n, LIST_TARGET_MS)
    report("roster list, search 王", f"{roster}?q=王", client, n, LIST_TARGET_MS)
    report(f"roster list, page {last_page}", f"{roster}?page={last_page}", client, n, LIST_TARGET_MS)
    for label, name in RECORD_LISTS:
        report(f"list: {label}", reverse(name, kwargs=kw), client, max(10, n // 2), LIST_TARGET_MS)
    report("list: disbursements pending (leader)", pending, leader, max(10, n // 2), LIST_TARGET_MS)
    year = bench_year()
    home = reverse("unions:home", kwargs=kw)
    report(f"dashboard ?year={year}", f"{home}?year={year}", client, max(10, n // 3), DASHBOARD_TARGET_MS)
    report(
        f"dashboard ?year={year + 1}", f"{home}?year={year + 1}", client, max(10, n // 3), DASHBOARD_TARGET_MS
    )


if __name__ == "__main__":
    main()
