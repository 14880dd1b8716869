"""Benchmark of the ledger import: N disbursement rows through reading, recipient matching,
validation, plan and the transactional bulk write with audit entries; compared with the
roster import's time per row on the same machine and database.

    DEBUG=1 .venv/bin/python bench/import_disbursements.py --rows 50000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/union_reports_bench DEBUG=1 \\
        .venv/bin/python bench/import_disbursements.py --rows 50000

Run it against a scratch database (migrated): it makes a union named bench-<timestamp>, imports
a generated roster of --members rows into it (timed: the roster figure per row), then a
disbursement ledger of --rows rows naming those members: 60 % by ID number, 30 % by name and
branch, 10 % non-members; a third dated in the previous period (paid, with an approver), the
rest drafts. A second pass of the same file under tracemalloc gives the peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

# import_roster sets up Django (and turns DEBUG's query log off) on import.
from import_roster import BRANCHES, generate, mb, run_import
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from audit.context import acting_as
from imports import registry
from imports.apply import matcher_for, write_plan
from imports.plan import build_plan
from imports.reader import open_ledger
from unions.models import Branch, Union, UnionLevel

HEADERS = ["序号", "日期", "类型", "节日", "姓名", "身份证号", "分会", "受助人说明", "现金（元）", "慰问物品",
           "物品折价（元）", "资金来源", "审批人", "备注"]  # fmt: skip
KINDS = ["生活救助", "大病救助", "金秋助学", "住院/生病慰问", "婚育慰问", "丧葬慰问", "生日慰问"]
FESTIVALS = ["春节", "端午", "中秋"]
SOURCES = ["工会经费", "行政拨款", "上级工会专项", "社会捐赠"]


def ledger(roster: list[list[Any]], rows: int, seed: int) -> list[list[Any]]:
    rng = random.Random(seed)
    today = dt.date.today()
    this_year = dt.date(today.year, 1, 1)
    last_year = dt.date(today.year - 1, 1, 1)
    names = Counter((r[1], r[12]) for r in roster)
    unique = [r for r in roster if names[(r[1], r[12])] == 1]
    data = []
    for n in range(rows):
        past = rng.random() < 1 / 3
        day = (last_year if past else this_year) + dt.timedelta(
            days=rng.randrange(300 if past else max((today - this_year).days, 1))
        )
        festival = rng.random() < 0.4
        kind = "节日慰问" if festival else rng.choice(KINDS)
        pick = rng.random()
        if pick < 0.6:
            member = rng.choice(roster)
            who = [member[1], member[5], None, None]
        elif pick < 0.9:
            member = rng.choice(unique)
            who = [member[1], None, member[12], None]
        else:
            who = [f"家属{n}", None, None, "退休职工的家属"]
        goods = rng.random() < 0.3
        data.append([
            n + 1, day, kind, rng.choice(FESTIVALS) if festival else None, *who,
            rng.choice([200, 300, 500, 800, 1000, 1500.5]), "米面油" if goods else None,
            rng.choice([100, 150]) if goods else None, rng.choice(SOURCES),
            rng.choice(["张主席", "李副主席"]) if past else None, None,
        ])  # fmt: skip
    return data


def write_ledger(path: Path, data: list[list[Any]]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("帮扶慰问台账")
    sheet.append(HEADERS)
    for row in data:
        cells = []
        for index, value in enumerate(row):
            cell = WriteOnlyCell(sheet, value)
            if index == 5:
                cell.number_format = "@"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(path)


def import_ledger(union: Union, path: Path, memory: bool) -> dict[str, Any]:
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    cpu_started = time.process_time()
    record_type = registry.get("disbursements")
    with open(path, "rb") as fh, open_ledger(fh, matcher_for(union=union, kind=record_type.key)) as sheet:
        plan = build_plan(record_type=record_type, sheet=sheet, union=union)
    planned = time.perf_counter()
    if not plan.ready:
        first = (plan.invalid or plan.pending)[0]
        raise SystemExit(
            f"generated ledger is not clean: {len(plan.invalid)} invalid, {len(plan.pending)} pending; first {first}"
        )
    with acting_as(None, label="bench import_disbursements"), transaction.atomic():
        created = write_plan(plan=plan, union=union, actor=None)
    applied = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1] if memory else None
    if memory:
        tracemalloc.stop()
    return {"plan": planned - started, "apply": applied - planned, "total": applied - started,
            "cpu": time.process_time() - cpu_started, "peak": peak, "created": created}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--members", type=int, default=50_000, help="roster rows (also the roster benchmark)")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--no-memory-pass", action="store_true")
    args = parser.parse_args()
    print(f"database: {connection.vendor} {connection.settings_dict.get('NAME')}")
    code = f"bench-{int(time.time())}"
    union = Union.objects.create(name=f"基准测试工会 {code}", code=code, level=UnionLevel.GRASSROOTS)
    Branch.objects.bulk_create(Branch(union=union, name=name) for name in BRANCHES)
    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as tmp:
        roster_path = Path(tmp) / "roster.xlsx"
        roster = generate(roster_path, args.members, args.seed, "excel")
        figures = run_import(union, roster_path, memory=False)
        roster_ms = 1000 * figures["total"] / args.members
        roster_cpu = 1000 * figures["cpu"] / args.members
        print(
            f"[roster] {args.members} rows: {figures['total']:.2f} s, {roster_ms:.3f} ms/row (CPU {roster_cpu:.3f} ms/row)"
        )

        path = Path(tmp) / "ledger.xlsx"
        started = time.perf_counter()
        write_ledger(path, ledger(roster, args.rows, args.seed))
        print(
            f"ledger generation: {time.perf_counter() - started:.2f} s ({args.rows} rows, {mb(path.stat().st_size)})"
        )
        figures = import_ledger(union, path, memory=False)
        ledger_ms = 1000 * figures["total"] / args.rows
        print(f"[ledger] created {figures['created']} disbursements")
        print(f"[ledger] read + cells + matching + validation + plan: {figures['plan']:.2f} s")
        print(f"[ledger] apply (bulk writes + audit): {figures['apply']:.2f} s")
        ledger_cpu = 1000 * figures["cpu"] / args.rows
        print(
            f"[ledger] total: {figures['total']:.2f} s (CPU {figures['cpu']:.2f} s), {ledger_ms:.3f} ms/row (CPU {ledger_cpu:.3f} ms/row)"
        )
        wall_ratio, cpu_ratio = ledger_ms / roster_ms, ledger_cpu / roster_cpu
        print(
            f"[compare] ledger / roster time per row: {wall_ratio:.2f} wall "
            f"({'OK' if wall_ratio <= 2 else 'MISSED'}), {cpu_ratio:.2f} CPU "
            f"({'OK' if cpu_ratio <= 2 else 'MISSED'}) (target <= 2); "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        print(
            f"ru_maxrss after the timed passes: {mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)}"
        )
        if not args.no_memory_pass:
            # tracemalloc slows Python about fivefold: the read-time bound (XLSX_MAX_SECONDS)
            # would stop this pass, whose times are not measured anyway.
            settings.XLSX_MAX_SECONDS = 3600
            figures = import_ledger(union, path, memory=True)
            print(
                f"[memory] tracemalloc peak: {mb(figures['peak'])} (second pass; its times are not representative)"
            )
            print(f"ru_maxrss: {mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)}")


if __name__ == "__main__":
    main()
