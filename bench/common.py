"""What every benchmark stage shares: the environment, the bench union, and the output format.

`configure()` must run before Django is set up: it chooses the database (bench/bench.sqlite3
unless DATABASE_URL is set) and production-like settings (DEBUG off, a bench SECRET_KEY,
HTTP on loopback, collected static files), and puts them in os.environ so that the
subprocesses of the bench (gunicorn, the import and workbook scripts) see the same.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PYTHON = sys.executable
DEFAULT_SQLITE = BENCH_DIR / "bench.sqlite3"
UNION_CODE = os.environ.get("BENCH_UNION", "loadtest")
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "50000"))
ADMIN_USERNAME = f"{UNION_CODE}-admin"  # created by generate_load_data

BENCH_ENV = {
    "DEBUG": "0",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SECURE_HSTS_SECONDS": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "STATIC_ROOT": str(BENCH_DIR / ".staticfiles"),
    "LOG_LEVEL": "WARNING",
}


def configure() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
    os.environ.update(BENCH_ENV)
    # BENCH_SETTINGS: another settings module, e.g. one that turns a setting off to compare.
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_SETTINGS", "union_reports.settings")


def setup_django() -> None:
    configure()
    import django

    django.setup()


def database_label() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[-1]
        if Path(path).is_relative_to(ROOT):
            path = str(Path(path).relative_to(ROOT))
        return f"SQLite {path}"
    return "PostgreSQL " + url.rsplit("/", 1)[-1]


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 30 samples is the 29th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def line(label: str, figures: str, target: str = "", ok: bool | None = None) -> None:
    """One figure per line: label, figures, then the target and whether it was met."""
    tail = ""
    if target:
        tail = f"   [target {target}: {verdict(ok) if ok is not None else '-'}]"
    print(f"{label:<38} {figures}{tail}", flush=True)
