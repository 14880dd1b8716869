"""Stage: a province (issue #16 item 4). One provincial, ten city and a hundred county
federations over 2,000 grassroots unions with 1,000,000 members (`manage.py
generate_province`, made once and reused), and at that size: the province's and a county's
roll-up, a county summary's assembly, the dashboards of a county and of the largest
grassroots union, and that union's roster list.

Roll-ups and assembly are cold (caches cleared) single runs, since they are what a task
does once; the province's cold roll-up is timed twice: in this one process, and as the
product does it, filled by the task queue (a `fill_units` task per chunk of units) with
`--workers` worker processes, then read by the roll-up page; pages are p95 of N requests with warm caches, as staff see them. Peak memory is
the process's high-water mark over the work (reset through /proc/self/clear_refs).

    .venv/bin/python bench/province.py [--unions 2000 --members 1000000] [--requests 20]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import time
from pathlib import Path

from common import PYTHON, ROOT, line, percentile, setup_django

setup_django()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from scaling import clear_caches, draft, sample  # noqa: E402

from audit.models import AuditEntry  # noqa: E402
from audit.registry import log_event  # noqa: E402
from demo.load_data import EVENT_ACTION  # noqa: E402
from demo.province import PROVINCE_CODE, ProvinceShape, generate_province  # noqa: E402
from members.models import Member  # noqa: E402
from reports.document import assemble  # noqa: E402
from unions.models import Union, UnionLevel  # noqa: E402
from workbook.models import UnionFigures  # noqa: E402
from workbook.rollup import rollup  # noqa: E402
from workbook.rollup_filling import queue_fill  # noqa: E402

TARGETS = {"province roll-up": 30_000, "county roll-up": 2_000, "county assembly": 2_000}
PAGE_TARGET_MS = 150
MEMORY_TARGET_MB = 500


def peak_reset() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # Linux: resets VmHWM


def peak_mb() -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmHWM:"):
            return int(row.split()[1]) / 1024
    return float("nan")


def report_year(province: Union) -> int:
    """The last complete year of the generated data (it spans that year and the next)."""
    first = province.descendants().filter(level=UnionLevel.GRASSROOTS).order_by("code").first()
    event = AuditEntry.objects.filter(union=first, action=EVENT_ACTION).order_by("created_at").first()
    return int(event.changes["year"]) - 1


def ensure_province(shape: ProvinceShape) -> Union:
    province = Union.objects.filter(code=PROVINCE_CODE).first()
    if province is not None:
        return province
    started = time.perf_counter()
    result = generate_province(shape=shape, progress=lambda message: print(f"#   {message}", flush=True))
    seconds = time.perf_counter() - started
    line(
        "generate_province",
        f"{seconds:.0f} s for {result.members} members in {len(result.unions)} unions",
        "< 900 s",
        seconds < 900,
    )
    return result.province


def timed_once(label: str, work, target_ms: float, cold: bool = True) -> None:  # noqa: ANN001
    if cold:  # no union's figures stored (workbook.figures_store)
        UnionFigures.objects.all().delete()
    peak_reset()
    s = sample(work)
    mb = peak_mb()
    line(
        label,
        f"{s.wall_ms:,.0f} ms  (CPU {s.cpu_ms:,.0f} ms, SQL {s.sql_ms:,.0f} ms, {s.queries} queries, "
        f"peak {mb:.0f} MB)",
        f"< {target_ms / 1000:g} s, < {MEMORY_TARGET_MB} MB",
        s.wall_ms < target_ms and mb < MEMORY_TARGET_MB,
    )


def process_peak_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    return 0.0


def filled_by_workers(province: Union, year: int, workers: int) -> None:
    """The cold roll-up as the product runs it: the fill queued in chunks, `workers` worker
    processes (`run_worker --burst`, the configured backend) sharing them, then the page's
    roll-up reading what they stored."""
    UnionFigures.objects.all().delete()
    clear_caches()
    started = time.perf_counter()
    chunks = queue_fill(union=province, year=year)
    command = [PYTHON, "manage.py", "run_worker", "--burst"]
    procs = [
        subprocess.Popen(  # noqa: S603 - our own fixed command
            command, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(workers)
    ]
    peak = 0.0
    while any(p.poll() is None for p in procs):
        peak = max([peak] + [process_peak_mb(p.pid) for p in procs if p.poll() is None])
        time.sleep(0.2)
    filled = time.perf_counter() - started
    read = sample(lambda: rollup(union=province, year=year))
    total = filled + read.wall_ms / 1000
    failed = [p.returncode for p in procs if p.returncode]
    line(
        f"province roll-up (cold, {workers} workers)",
        f"{total:,.1f} s  ({chunks} tasks filled in {filled:.1f} s, then the page's roll-up "
        f"{read.wall_ms:,.0f} ms; worker peak {peak:.0f} MB)"
        + (f"  workers failed: {failed}" if failed else ""),
        f"< {TARGETS['province roll-up'] / 1000:g} s, < {MEMORY_TARGET_MB} MB",
        total * 1000 < TARGETS["province roll-up"] and peak < MEMORY_TARGET_MB and not failed,
    )


def page_p95(label: str, client: Client, url: str, n: int) -> None:
    landed = client.get(url, follow=True)
    if landed.redirect_chain:  # a county user lands on its roll-up: measure that page
        url = landed.redirect_chain[-1][0]
        label = f"{label} ({url.split('?')[0]})"
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    p95 = percentile(times, 95)
    line(
        label,
        f"p50 {percentile(times, 50):6.1f} ms  p95 {p95:6.1f} ms",
        f"p95 < {PAGE_TARGET_MS} ms",
        p95 < PAGE_TARGET_MS,
    )


def client_for(union: Union) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=f"{union.code}-admin"))
    return client


def main() -> None:
    parser = argparse.ArgumentParser()
    defaults = ProvinceShape()
    parser.add_argument("--cities", type=int, default=defaults.cities)
    parser.add_argument("--counties", type=int, default=defaults.counties)
    parser.add_argument("--unions", type=int, default=defaults.unions)
    parser.add_argument("--members", type=int, default=defaults.members)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="task workers of the fill")
    args = parser.parse_args()
    shape = ProvinceShape(
        cities=args.cities, counties=args.counties, unions=args.unions, members=args.members
    )
    province = ensure_province(shape)
    year = report_year(province)
    subtree = province.descendants()
    county = subtree.filter(level=UnionLevel.COUNTY).order_by("code").first()
    largest = (
        Union.objects.filter(pk__in=subtree.filter(level=UnionLevel.GRASSROOTS).values("pk"))
        .order_by("code")
        .first()  # u0001 is the largest by construction
    )
    members = Member.objects.filter(union__in=subtree).count()
    print(
        f"# province {province.code}: {subtree.filter(level=UnionLevel.GRASSROOTS).count()} grassroots "
        f"unions, {members} members; county {county.code} ({county.descendants().count()} units); "
        f"largest union {largest.code} ({Member.objects.filter(union=largest).count()} members)",
        flush=True,
    )

    timed_once(
        "province roll-up (cold)", lambda: rollup(union=province, year=year), TARGETS["province roll-up"]
    )
    filled_by_workers(province, year, args.workers)
    log_event(largest, "bench.write", {})  # what any write to one union logs: its version moves
    timed_once(
        "province roll-up (after one write)",
        lambda: rollup(union=province, year=year),
        TARGETS["county roll-up"],
        cold=False,
    )
    timed_once("county roll-up (cold)", lambda: rollup(union=county, year=year), TARGETS["county roll-up"])
    report = draft(county, year)
    timed_once("county summary assembly (cold)", lambda: assemble(report), TARGETS["county assembly"])

    clear_caches()
    for label, union in (("county", county), ("grassroots", largest)):
        home = reverse("unions:home", kwargs={"code": union.code})
        page_p95(f"dashboard: {label}", client_for(union), f"{home}?year={year}", args.requests)
    roster = reverse("members:list", kwargs={"code": largest.code})
    page_p95("roster list: largest union", client_for(largest), roster, args.requests)
    print("# the import of 200,000 rows as a task is the bench's import-task stage", flush=True)


if __name__ == "__main__":
    main()
