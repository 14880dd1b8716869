"""Stage: does the work grow with the union? The same four figures for unions of 5,000,
50,000 and 200,000 members in the bench database: report assembly, the dashboard with a
cold cache, a roster search for 王 and the roster's last page.

The unions (`scale-5000`, …; the bench union when its size is one of them) are generated
once by `generate_load_data` and reused. Every request starts with the cache cleared, as
after any write (a write moves the data version every cached figure is keyed by). Figures
are wall-clock ms (p50 of N), the CPU ms of this process, the queries of one request and
the wall-clock ms spent inside them (SQL); the targets apply to the largest union. On
PostgreSQL the queries of the largest union are replayed under EXPLAIN ANALYZE for the
server's own execution time and the pages read, which a busy machine does not change.

    .venv/bin/python bench/scaling.py [--sizes 5000,50000,200000] [--requests 7]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

from common import MEMBERS, UNION_CODE, line, setup_django

setup_django()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from demo.load_data import generate_load_data  # noqa: E402
from members.models import Member  # noqa: E402
from reports.document import assemble  # noqa: E402
from reports.models import Report, ReportStatus  # noqa: E402
from reports.services import report_start  # noqa: E402
from unions.models import Union  # noqa: E402

SIZES = (5000, 50000, 200000)
TARGETS_MS = {"assembly": 300, "dashboard": 300, "search": 50, "last page": 50}


@dataclass
class Sample:
    wall_ms: float
    cpu_ms: float
    sql_ms: float
    queries: int
    explained: str = ""  # PostgreSQL: its own execution time and the pages it read


def explain(work: Callable[[], object]) -> str:
    """PostgreSQL's own account of the work's queries, replayed under EXPLAIN ANALYZE: the
    execution time it reports and the buffers (8 kB pages) it touched. Pages do not depend
    on the machine's load, so they compare runs on a busy machine."""
    statements: list[tuple[str, object]] = []

    def keep(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if sql.lstrip().upper().startswith("SELECT"):
            statements.append((sql, params))
        return execute(sql, params, many, context)

    clear_caches()
    with connection.execute_wrapper(keep):
        work()
    ms, pages = 0.0, 0
    with connection.connection.cursor() as cursor:  # the raw cursor: no wrapper, no logging
        for sql, params in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0][0]
            ms += plan["Execution Time"]
            top = plan["Plan"]
            pages += top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
    return f"PostgreSQL {ms:.0f} ms executing, {pages} pages"


def code_for(size: int) -> str:
    return UNION_CODE if size == MEMBERS else f"scale-{size}"


def ensure_union(size: int) -> Union:
    code = code_for(size)
    union = Union.objects.filter(code=code).first()
    if union is not None and Member.objects.filter(union=union).exists():
        return union
    started = time.perf_counter()
    result = generate_load_data(code=code, members=size)
    print(f"# generated {code}: {size} members in {time.perf_counter() - started:.0f} s", flush=True)
    return result.union


def clear_caches() -> None:
    for name in ("default", "fragments"):
        caches[name].clear()


def sample(work: Callable[[], object]) -> Sample:
    """One cold run of `work`, with its queries counted and timed."""
    timings: list[float] = []

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(time.perf_counter() - started)

    clear_caches()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(timed):
        work()
    return Sample(
        (time.perf_counter() - started) * 1000,
        (time.process_time() - cpu) * 1000,
        sum(timings) * 1000,
        len(timings),
    )


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def measure(work: Callable[[], object], n: int) -> Sample:
    work()  # warm: imports, templates, the connection
    samples = [sample(work) for _ in range(n)]
    return Sample(
        median([s.wall_ms for s in samples]),
        median([s.cpu_ms for s in samples]),
        median([s.sql_ms for s in samples]),
        max(s.queries for s in samples),
        explain(work) if connection.vendor == "postgresql" else "",
    )


def page(client: Client, url: str) -> Callable[[], object]:
    def get() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        return response

    return get


def draft(union: Union, year: int) -> Report:
    report = Report.objects.filter(union=union, year=year, status=ReportStatus.DRAFT).first()
    if report is None:
        admin = get_user_model().objects.get(username=f"{union.code}-admin")
        report = report_start(union=union, year=year, actor=admin)
    return report


def works(union: Union, year: int) -> dict[str, Callable[[], object]]:
    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{union.code}-admin"))
    kw = {"code": union.code}
    roster = reverse("members:list", kwargs=kw)
    last = max(1, -(-Member.objects.filter(union=union).count() // 50))
    report = draft(union, year)
    return {
        "assembly": lambda: assemble(report),
        "dashboard": page(client, f"{reverse('unions:home', kwargs=kw)}?year={year}"),
        "search": page(client, f"{roster}?q=王"),
        "last page": page(client, f"{roster}?page={last}"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--requests", type=int, default=7)
    args = parser.parse_args()
    from database import bench_year

    year = bench_year()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    results: dict[str, list[tuple[int, Sample]]] = {name: [] for name in TARGETS_MS}
    for size in sizes:
        union = ensure_union(size)
        for name, work in works(union, year).items():
            results[name].append((size, measure(work, args.requests)))
    largest = sizes[-1]
    for name, rows in results.items():
        target = TARGETS_MS[name]
        walls = " → ".join(f"{s.wall_ms:.0f}" for _, s in rows)
        big = rows[-1][1]
        queries = "/".join(str(s.queries) for _, s in rows)
        line(
            f"scaling: {name} ({'/'.join(f'{n // 1000}k' for n, _ in rows)})",
            f"{walls} ms  (at {largest // 1000}k: CPU {big.cpu_ms:.0f} ms, SQL {big.sql_ms:.0f} ms)  "
            f"{queries} queries",
            f"< {target} ms at {largest // 1000}k",
            big.wall_ms < target,
        )
        if big.explained:
            print(f"#   at {largest // 1000}k, {big.explained}", flush=True)


if __name__ == "__main__":
    main()
