"""A throw-away database beside the bench database, for benchmarks that leave data behind
(the roster import keeps its scratch union, whose audit entries cannot be deleted).

SQLite: bench/import-scratch.sqlite3. PostgreSQL: <bench database>_scratch on the same
server. Made empty and migrated by `create()`, removed by `drop()`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import dj_database_url
from common import BENCH_DIR, PYTHON, ROOT

SQLITE_FILE = BENCH_DIR / "import-scratch.sqlite3"


def url_for(bench_url: str) -> str:
    if bench_url.startswith("sqlite"):
        return f"sqlite:///{SQLITE_FILE}"
    base, name = bench_url.rsplit("/", 1)
    return f"{base}/{name.split('?')[0]}_scratch"


def _postgres(url: str, statement: str) -> None:
    import psycopg2

    config = dj_database_url.parse(url)
    conn = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement)
    finally:
        conn.close()


def drop(url: str) -> None:
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    else:
        name = dj_database_url.parse(url)["NAME"]
        _postgres(url, f'DROP DATABASE IF EXISTS "{name}"')


def create(url: str) -> None:
    """An empty, migrated database at `url` (whatever was there is dropped)."""
    drop(url)
    if not url.startswith("sqlite"):
        name = dj_database_url.parse(url)["NAME"]
        _postgres(url, f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
