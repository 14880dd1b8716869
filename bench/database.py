"""Stage 0: the bench database. Migrates it, generates the large union once (reused on
later runs) and collects static files for the DEBUG-off server.

    .venv/bin/python bench/database.py            # prepare
    .venv/bin/python bench/database.py --year     # print the report year
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from common import MEMBERS, UNION_CODE, database_label, line, setup_django

setup_django()

from django.core.management import call_command  # noqa: E402

from audit.models import AuditEntry  # noqa: E402
from demo.load_data import EVENT_ACTION, generate_load_data  # noqa: E402
from members.models import Member  # noqa: E402
from unions.models import Union  # noqa: E402


def bench_year() -> int:
    """The last complete year of the generated data: the dashboard and report year."""
    union = Union.objects.get(code=UNION_CODE)
    event = AuditEntry.objects.filter(union=union, action=EVENT_ACTION).order_by("created_at").first()
    return int(event.changes["year"]) - 1


def main() -> None:
    if "--year" in sys.argv[1:]:
        print(bench_year())
        return
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - started
    union = Union.objects.filter(code=UNION_CODE).first()
    have = Member.objects.filter(union=union).count() if union else 0
    if have:
        line("database", f"{database_label()}, union {UNION_CODE}: {have} members (reused)")
    else:
        result = generate_load_data(code=UNION_CODE, members=MEMBERS)
        rows = sum(result.counts.values())
        line(
            "generate_load_data",
            f"{result.seconds:.1f} s for {result.counts['members']} members, {rows} rows "
            f"({database_label()}; migrate {migrated:.1f} s)",
            "< 60 s",
            result.seconds < 60,
        )
        analyze()
    collect_static()
    print(f"# report year {bench_year()}")


def analyze() -> None:
    """Table statistics for the planner after a bulk load, as a database that has lived a year
    has them (SQLite keeps none until ANALYZE; PostgreSQL's autovacuum gets there later)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"# database analyzed in {time.perf_counter() - started:.1f} s")


def collect_static() -> None:
    """Collect (hashed, compressed) static files unless STATIC_ROOT is newer than every source."""
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = [
        path for folder in settings.STATICFILES_DIRS for path in Path(folder).rglob("*") if path.is_file()
    ]
    if manifest.exists() and all(path.stat().st_mtime <= manifest.stat().st_mtime for path in sources):
        return
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"# static files collected in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
