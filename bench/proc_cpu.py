"""CPU time of the processes serving the load test, read from /proc.

The gunicorn workers are the master's children. The PostgreSQL backends serving the bench
database come and go (a worker's connection is closed after CONN_MAX_AGE, or when a health
check fails, and a new backend starts), so reading them once before and once after the run
misses every backend that started or ended in between. `BackendCpu` therefore polls
pg_stat_activity a few times a second during the run and keeps, per backend, the CPU it had
when first and last seen; a backend that started during the run counts from zero.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of `pid`, None when /proc does not show it."""
    fields = _stat(pid)
    return None if fields is None else (int(fields[11]) + int(fields[12])) / TICKS


def children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:  # fields[1] is the parent pid
            found.append(int(stat.parent.name))
    return found


def workers_cpu_seconds(master: int) -> float:
    """User + system CPU of the gunicorn workers (the master's children)."""
    return sum(process_cpu_seconds(pid) or 0.0 for pid in children(master))


def rss_mb(pid: int) -> float:
    try:
        for text in Path(f"/proc/{pid}/status").read_text().splitlines():
            if text.startswith("VmRSS:"):
                return int(text.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class WorkerWatch:
    """What the web workers do during the run, sampled: their peak memory and any process
    they start (a PDF is printed in a child process, so a web worker rendering one shows)."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.peak_rss_mb = 0.0
        self.grandchildren: set[int] = set()

    def sample(self) -> None:
        for worker in children(self.master):
            self.peak_rss_mb = max(self.peak_rss_mb, rss_mb(worker))
            self.grandchildren.update(children(worker))


class BackendCpu:
    """CPU of the backends of `dbname`, polled through `cursor` (a connection of its own)."""

    def __init__(self, cursor, dbname: str) -> None:  # noqa: ANN001 - a DB-API cursor
        self.cursor, self.dbname = cursor, dbname
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.unreadable: set[int] = set()
        self.sample(baseline=True)

    def sample(self, baseline: bool = False) -> None:
        self.cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.dbname]
        )
        for (pid,) in self.cursor.fetchall():
            cpu = process_cpu_seconds(pid)
            if cpu is None:
                self.unreadable.add(pid)
                continue
            # Seen at the start: counts from there; started during the run: from zero.
            self.first.setdefault(pid, cpu if baseline else 0.0)
            self.last[pid] = cpu

    @property
    def cpu_seconds(self) -> float:
        return sum(self.last[pid] - self.first[pid] for pid in self.last)

    @property
    def backends(self) -> int:
        return len(self.last)


class Poller(threading.Thread):
    """Calls each of `samplers` every `interval` seconds until stopped, and once more then."""

    def __init__(self, samplers: list[Callable[[], None]], interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.samplers, self.interval = samplers, interval
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.wait(self.interval):
            for sample in self.samplers:
                sample()

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=30)
        for sample in self.samplers:
            sample()
