"""Profile the load test's pages in one process: cProfile around django.test.Client GETs
with warm caches, CPU ms per page, and the top functions of the mix.

    .venv/bin/python bench/profile_pages.py [--only GROUP] [--rounds 3] [--top 40]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import Counter

from common import ADMIN_USERNAME, setup_django

setup_django()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from load import GROUPS, workload  # noqa: E402


def show_queries(client: Client, paths: list[str]) -> None:
    from django.db import connection

    for path in paths:
        timings: list[tuple[float, str]] = []

        def timed(execute, sql, params, many, context, timings=timings):  # noqa: ANN001
            t0 = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append(((time.perf_counter() - t0) * 1000, sql))

        t0 = time.process_time()
        with connection.execute_wrapper(timed):
            client.get(path)
        total = (time.process_time() - t0) * 1000
        sql_ms = sum(t for t, _ in timings)
        print(f"{path}: {total:.1f} ms CPU, {len(timings)} queries {sql_ms:.1f} ms")
        for ms, sql in timings:
            print(f"   {ms:6.2f}  {sql[:260]}")


def sample(client: Client, paths: list[str], top: int, restrict: str) -> None:
    """Every 1 ms of CPU, note each function on the stack once: its share of the samples is
    its inclusive share of the CPU, without cProfile's per-call overhead."""
    import re
    import signal

    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = [0]

    def on_tick(signum, frame):  # noqa: ANN001
        total[0] += 1
        seen = set()
        first = True
        while frame is not None:
            code = frame.f_code
            name = f"{code.co_filename.replace('/work/wt-h17cpu/', '').replace('.venv/lib/python3.11/site-packages/', '')}:{code.co_firstlineno}({code.co_name})"
            if first:
                own[name] += 1
                first = False
            if name not in seen:
                seen.add(name)
                inclusive[name] += 1
            frame = frame.f_back

    signal.signal(signal.SIGPROF, on_tick)
    signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
    try:
        for path in paths:
            client.get(path)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
    pattern = re.compile(restrict) if restrict else None
    print(f"# {total[0]} samples; inclusive % / own %")
    for name, count in inclusive.most_common():
        if pattern and not pattern.search(name):
            continue
        print(f"{100 * count / total[0]:6.1f} {100 * own[name] / total[0]:6.1f}  {name}")
        top -= 1
        if top <= 0:
            break
    print("# own time")
    for name, count in own.most_common(30):
        print(f"{100 * count / total[0]:6.1f}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=GROUPS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--path", help="profile this one path instead of the mix")
    parser.add_argument("--sql", action="store_true", help="print each query of each page with its time")
    parser.add_argument(
        "--sample", action="store_true", help="a statistical profile (CPU timer signals) instead of cProfile"
    )
    parser.add_argument("--restrict", default="", help="a regex on the printed functions")
    args = parser.parse_args()
    paths = [args.path] if args.path else workload(args.only)
    client = Client()
    client.force_login(get_user_model().objects.get(username=ADMIN_USERNAME))
    for path in sorted(set(paths)):  # warm
        for _ in range(2):
            assert client.get(path).status_code == 200, path
    if args.sql:
        show_queries(client, sorted(set(paths)))
        return
    per_page: Counter[str] = Counter()
    # The least of five blocks of `rounds` requests: other work on a shared machine only
    # ever adds to a block's CPU time.
    for path in sorted(set(paths)):
        blocks = []
        for _ in range(5):
            t0 = time.process_time()
            for _ in range(args.rounds):
                client.get(path)
            blocks.append((time.process_time() - t0) * 1000 / args.rounds)
        per_page[path] = min(blocks)
    mix = sum(per_page[p] for p in paths) / len(paths)
    for path, ms in sorted(per_page.items()):
        print(f"{ms:7.2f} ms  x{paths.count(path):2d}  {path}")
    print(f"# mixed: {mix:.2f} ms CPU per request (in-process, test client)")
    if args.sample:
        sample(client, paths * args.rounds, args.top, args.restrict)
        return
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.rounds):
        for path in paths:
            client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    # A figure other work on the machine does not move: Python calls made per request.
    print(f"# {stats.total_calls / (len(paths) * args.rounds):.0f} function calls per request of the mix")
    stats.sort_stats(args.sort).print_stats(*([args.restrict] if args.restrict else []), args.top)


if __name__ == "__main__":
    main()
