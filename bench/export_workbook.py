"""Benchmark of the annual workbook export: time, peak memory, rows per sheet, file size.

    DEBUG=1 .venv/bin/python bench/export_workbook.py                  # scratch union, 50,000 members
    DEBUG=1 .venv/bin/python bench/export_workbook.py --members 5000
    DEBUG=1 .venv/bin/python bench/export_workbook.py --union demo --year 2025
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/union_reports_wb DEBUG=1 \\
        .venv/bin/python bench/export_workbook.py

Run it against a scratch database (migrated). Without --union it creates a union
"bench-wb-<timestamp>" with the members and proportional records of a big enterprise union
(per 1,000 members: 10 hardship files, 200 welfare disbursements, 20 activities, 5 proposals,
10 disclosures, 5 mediation cases, 20 legal-aid entries, 10 petitions, 100 fund entries),
written with bulk_create, and deletes it afterwards (--keep to keep it).

The export is measured in a fresh child process, so the process's peak RSS (ru_maxrss) is the
export's and not the seeding's: once plainly for the time, once under tracemalloc for the
peak of Python allocations (tracemalloc slows Python down, so that run is not timed).
Targets for 50,000 members: under 8 s and under 250 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "union_reports.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# DEBUG=1 only supplies a development SECRET_KEY here; its SQL log is not what production pays.
settings.DEBUG = False

from django.db import transaction  # noqa: E402

from activities.models import Activity  # noqa: E402
from democracy.models import CollectiveContract, Congress, Disclosure, Proposal  # noqa: E402
from funds.models import FundEntry  # noqa: E402
from members.id_numbers import compose  # noqa: E402
from members.models import Member  # noqa: E402
from rights.models import LegalAid, MediationCase, Petition  # noqa: E402
from unions.models import Branch, Union, UnionLevel  # noqa: E402
from welfare.models import Disbursement, HardshipFile  # noqa: E402
from workbook.exporters import XlsxWriter  # noqa: E402
from workbook.exporters import get as get_exporter  # noqa: E402
from workbook.services import annual_context, write_annual_workbook  # noqa: E402
from workbook.survey.review import review_union  # noqa: E402

MB = 1024 * 1024
AREAS = ["110105", "310104", "320102", "330106", "340104", "370102", "410105", "420106", "440106", "510107"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建国志红玉兰春梅海燕晓东文斌宇浩俊"
BATCH = 5_000


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def seed(members: int, year: int, seed_value: int = 7) -> Union:
    """A scratch union with `members` members and proportional records in `year`."""
    rng = random.Random(seed_value)
    per_k = members / 1000
    code = f"bench-wb-{int(time.time())}"
    union = Union.objects.bulk_create(
        [Union(name=f"基准测试工会{code[-6:]}", code=code, level=UnionLevel.GRASSROOTS)]
    )[0]
    Union.objects.filter(pk=union.pk).update(path=f"/{union.pk}/")
    union.refresh_from_db()
    branches = Branch.objects.bulk_create([Branch(union=union, name=f"第{i}分会") for i in range(1, 21)])
    start = dt.date(year, 1, 1)

    def day() -> dt.date:
        return start + dt.timedelta(days=rng.randrange(365))

    seen: set[str] = set()
    batch: list[Member] = []
    with transaction.atomic():
        while len(seen) < members:
            birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(38 * 365))
            sequence = rng.randrange(1000)
            number = compose(rng.choice(AREAS), birth, sequence)
            if number in seen:
                continue
            seen.add(number)
            batch.append(
                Member(
                    union=union,
                    branch=rng.choice(branches),
                    name=_name(rng),
                    gender="M" if sequence % 2 else "F",
                    birth_date=birth,
                    id_number=number,
                    phone=f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
                    political_status=rng.choice(["cpc", "masses", "masses", "league"]),
                    education=rng.choice(["bachelor", "college", "secondary"]),
                    household=rng.choice(["urban", "rural"]),
                    employment=rng.choice(["contract", "contract", "dispatched", "migrant"]),
                    is_migrant_worker=rng.random() < 0.2,
                    department=rng.choice(["生产一部", "生产二部", "质检科", "办公室", "销售部"]),
                    job_title=rng.choice(["操作工", "技术员", "班组长", "科员", "工程师"]),
                    joined_on=min(birth + dt.timedelta(days=18 * 366 + rng.randrange(3650)), start),
                    card_number=f"HY{len(seen):07d}",
                )
            )
            if len(batch) >= BATCH:
                Member.objects.bulk_create(batch)
                batch = []
        Member.objects.bulk_create(batch)
        member_ids = list(Member.objects.filter(union=union).values_list("id", flat=True))

        files = [
            HardshipFile(
                union=union,
                member_id=member_id,
                category=rng.choice(["deep", "relative", "accident"]),
                main_cause=rng.choice(["serious_illness", "laid_off", "schooling"]),
                household_size=rng.randint(1, 6),
                annual_household_income=Decimal(rng.randrange(8000, 60000)),
                local_minimum_living_line=Decimal("850.00"),
                opened_on=dt.date(year - 1, 3, 1),
            )
            for member_id in rng.sample(member_ids, int(10 * per_k))
        ]
        HardshipFile.objects.bulk_create(files, batch_size=BATCH)
        disbursements = []
        for _ in range(int(200 * per_k)):
            paid = rng.random() < 0.8
            date = day()
            festival = rng.random() < 0.7
            disbursements.append(
                Disbursement(
                    union=union,
                    date=date,
                    kind="festival" if festival else rng.choice(["living", "medical", "student", "sickness"]),
                    festival=rng.choice(["spring", "mid_autumn", "dragon_boat"]) if festival else "",
                    member_id=rng.choice(member_ids),
                    cash_amount=Decimal(rng.choice([200, 300, 500, 1000])),
                    goods_description="米、油" if festival else "",
                    goods_value=Decimal(rng.choice([100, 150])) if festival else Decimal("0"),
                    funding_source=rng.choice(["union_funds", "administration"]),
                    status="paid" if paid else "approved",
                    paid_on=date if paid else None,
                )
            )
        Disbursement.objects.bulk_create(disbursements, batch_size=BATCH)
        Activity.objects.bulk_create(
            [
                Activity(
                    union=union,
                    category=rng.choice(
                        ["sports_culture", "labour_competition", "skill_contest", "study_training"]
                    ),
                    title=f"职工活动{i}",
                    start_date=day(),
                    place="职工之家",
                    participants=(p := rng.randint(20, 400)),
                    women_participants=p // 3,
                    cost=Decimal(rng.randrange(500, 20000)),
                )
                for i in range(int(20 * per_k))
            ],
            batch_size=BATCH,
        )
        congresses = Congress.objects.bulk_create(
            [
                Congress(
                    union=union,
                    session=f"第五届第{i}次",
                    date=dt.date(year, 3 * i, 15),
                    delegates_total=300,
                    delegates_present=288,
                    delegates_women=110,
                    items="工作报告\n集体合同\n福利方案",
                )
                for i in (1, 2)
            ]
        )
        Proposal.objects.bulk_create(
            [
                Proposal(
                    union=union,
                    congress=rng.choice(congresses),
                    number=f"T{i:04d}",
                    title=f"关于改善职工食堂的提案{i}",
                    submitted_on=day(),
                    submitter=_name(rng),
                )
                for i in range(int(5 * per_k))
            ]
        )
        Disclosure.objects.bulk_create(
            [
                Disclosure(union=union, date=day(), topic=f"公开事项{i}", channel="board")
                for i in range(int(10 * per_k))
            ]
        )
        CollectiveContract.objects.bulk_create(
            [
                CollectiveContract(
                    union=union,
                    kind=kind,
                    title=f"{year}年{kind}集体合同",
                    signed_on=dt.date(year, 1, 10),
                    start_date=dt.date(year, 1, 1),
                    end_date=dt.date(year + 2, 12, 31),
                    workers_covered=members,
                    wage_growth=Decimal("5.00"),
                    negotiation_rounds=2,
                )
                for kind in ("general", "wage", "women", "safety")
            ]
        )
        MediationCase.objects.bulk_create(
            [
                MediationCase(
                    union=union,
                    received_on=day(),
                    parties="职工与车间",
                    subject=f"加班费争议{i}",
                    workers_involved=1,
                )
                for i in range(int(5 * per_k))
            ]
        )
        LegalAid.objects.bulk_create(
            [
                LegalAid(union=union, date=day(), persons=rng.randint(1, 5), subject=f"法律咨询{i}")
                for i in range(int(20 * per_k))
            ]
        )
        Petition.objects.bulk_create(
            [Petition(union=union, date=day(), subject=f"反映事项{i}") for i in range(int(10 * per_k))]
        )
        entries = []
        for i in range(int(100 * per_k)):
            income = rng.random() < 0.3
            entries.append(
                FundEntry(
                    union=union,
                    date=day(),
                    direction="income" if income else "spending",
                    category=rng.choice(["dues", "allocation"])
                    if income
                    else rng.choice(["activities", "business"]),
                    amount=Decimal(rng.randrange(100, 50000)),
                    description=f"摘要{i}",
                    voucher=f"记-{i:05d}",
                )
            )
        FundEntry.objects.bulk_create(entries, batch_size=BATCH)
    return union


def delete(union: Union) -> None:
    with transaction.atomic():
        for model in (
            Disbursement,
            HardshipFile,
            Activity,
            Proposal,
            Congress,
            Disclosure,
            CollectiveContract,
            MediationCase,
            LegalAid,
            Petition,
            FundEntry,
        ):
            model.objects.filter(union=union)._raw_delete(model.objects.db)
        Member.objects.filter(union=union)._raw_delete(Member.objects.db)
        Branch.objects.filter(union=union)._raw_delete(Branch.objects.db)
        Union.objects.filter(pk=union.pk)._raw_delete(Union.objects.db)


def measure(code: str, year: int, output: Path, fast: bool | None) -> dict:
    """Export once timed, once under tracemalloc; in this (fresh) process."""
    union = Union.objects.get(code=code)
    context = annual_context(union=union, year=year, full_ids=True, generated_by="bench")
    started, cpu = time.perf_counter(), time.process_time()
    result = write_annual_workbook(context=context, target=output, fast=fast)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    # The return alone (cover, indicators by table, with their logic checks), as the export
    # page also runs the checks before it starts the export.
    started, cpu = time.perf_counter(), time.process_time()
    context = annual_context(union=union, year=year, full_ids=True, generated_by="bench")
    review = review_union(union=union, period=context.period)
    writer = XlsxWriter(fast=fast)
    for identifier in ("survey_cover", "indicators"):
        writer.add(get_exporter(identifier)(context))
    writer.save(output.with_suffix(".return.xlsx"))
    return_seconds, return_cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    context = annual_context(union=union, year=year, full_ids=True, generated_by="bench")
    write_annual_workbook(context=context, target=output, fast=fast)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "return_seconds": return_seconds,
        "return_cpu_seconds": return_cpu,
        "check_errors": len(review.errors),
        "tracemalloc_peak_mb": peak / MB,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rows": result.row_counts,
        "file_size_mb": output.stat().st_size / MB,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--union", help="export this existing union instead of creating a scratch one")
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--year", type=int, default=dt.date.today().year - 1)
    parser.add_argument("--output", type=Path, help="where to write the workbook (default: a temporary file)")
    parser.add_argument("--standard", action="store_true", help="use openpyxl's own cell writer (slower)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch union")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    output = args.output or Path(tempfile.gettempdir()) / "bench-export-workbook.xlsx"
    fast = False if args.standard else None

    if args.measure_only:
        print(json.dumps(measure(args.union, args.year, output, fast), ensure_ascii=False))
        return

    created = None
    code = args.union
    if code is None:
        started = time.perf_counter()
        created = seed(args.members, args.year)
        code = created.code
        print(f"seeded: {args.members} members in {time.perf_counter() - started:.1f} s ({code})")
    try:
        command = [sys.executable, __file__, "--measure-only", "--union", code, "--year", str(args.year)]
        command += ["--output", str(output)] + (["--standard"] if args.standard else [])
        completed = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
        figures = json.loads(completed.stdout.strip().splitlines()[-1])
    finally:
        if created is not None and not args.keep:
            delete(created)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine}")
    print(f"writer: {'openpyxl cells' if args.standard else 'direct rows'}")
    print(f"export seconds: {figures['seconds']:.2f} (CPU {figures['cpu_seconds']:.2f} s)")
    print(
        f"return (cover + indicators + logic checks) seconds: {figures['return_seconds']:.2f}"
        f" (CPU {figures['return_cpu_seconds']:.2f} s; {figures['check_errors']} check errors)"
    )
    print(f"peak memory (tracemalloc): {figures['tracemalloc_peak_mb']:.1f} MB")
    print(f"peak memory (ru_maxrss, whole process): {figures['maxrss_mb']:.1f} MB")
    for sheet, rows in figures["rows"].items():
        print(f"rows {sheet}: {rows}")
    print(f"file size: {figures['file_size_mb']:.1f} MB ({output})")


if __name__ == "__main__":
    main()
