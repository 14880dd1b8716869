"""Temporary files with personal data live only where the product owns and cleans them
(issue #9, item 11).

A full-ID export is killed (SIGKILL, in a child process) after the roster sheet is written:
nothing holding an ID number may be left in the system temp directory; what it left in the
product's private temp directory is removed by the sweep and the job is marked failed. A
finalise killed after its PDF is written leaves no file that the sweep does not remove.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse

from members.id_numbers import compose
from reports.models import Report
from tests.factories import MemberFactory
from workbook import jobs
from workbook.exporters import XlsxWriter
from workbook.models import ExportJob, ExportStatus

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = 2025
_KEEP: list[object] = []


def _unique_ids(count: int) -> list[str]:
    """Valid ID numbers no other test (or other run) writes: a random area and birth dates."""
    area = f"44{secrets.randbelow(90) + 10}{secrets.randbelow(90) + 10}"
    start = dt.date(1960, 1, 1) + dt.timedelta(days=secrets.randbelow(9000))
    return [compose(area, start + dt.timedelta(days=i), 100 + i) for i in range(count)]


def _own_database_connection() -> None:
    """In a forked child: SQLite's in-memory test database came along with the fork and is
    used as the copy it is; a PostgreSQL socket is the parent's, so open our own (and keep
    the old object alive, so that nothing closes the parent's session)."""
    for connection in connections.all():
        if connection.vendor != "sqlite" and connection.connection is not None:
            _KEEP.append(connection.connection)
            connection.connection = None


def _listing(directory: Path) -> dict[Path, tuple[float, int]]:
    found = {}
    for entry in directory.iterdir():
        try:
            info = entry.lstat()
        except FileNotFoundError:
            continue
        found[entry] = (info.st_mtime, info.st_size)
    return found


def _files_under(path: Path) -> list[Path]:
    """Regular files at or under `path`; others' test runs come and go meanwhile."""
    if path.is_symlink():
        return []
    if path.is_file():
        return [path]
    found = []
    for folder, _, names in os.walk(path):  # os.walk skips what vanishes under it
        found += [Path(folder) / name for name in names if (Path(folder) / name).is_file()]
    return found


def _holds_any(path: Path, ids: list[str]) -> bool:
    try:
        if path.stat().st_size > 200 * 1024 * 1024:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return any(number.encode() in data for number in ids)


def _new_or_changed(directory: Path, before: dict[Path, tuple[float, int]]) -> list[Path]:
    after = _listing(directory)
    files = []
    for entry, seen in after.items():
        if before.get(entry) != seen:
            files += _files_under(entry)
    return files


def _export_in_child(job_pk: int, roster_written) -> None:  # type: ignore[no-untyped-def]
    """The real background export, stopped for good after the roster sheet."""
    _own_database_connection()
    real_add = XlsxWriter.add

    def add_then_hang(self, exporter):  # type: ignore[no-untyped-def]
        rows = real_add(self, exporter)
        if exporter.identifier == "roster":
            roster_written.set()
            time.sleep(600)
        return rows

    XlsxWriter.add = add_then_hang  # type: ignore[method-assign]
    jobs.run_job(job_pk)


def test_a_killed_full_id_export_leaves_no_id_number_outside_the_private_dir(
    union, admin_user, admin_client_, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    ids = _unique_ids(60)
    for number in ids:
        MemberFactory(union=union, id_number=number, joined_on=dt.date(2015, 1, 1))
    # Its first and only attempt (tests/background/ shows a killed export retried).
    settings.TASK_MAX_ATTEMPTS = 1
    job = ExportJob.objects.create(union=union, year=YEAR, full_ids=True, requested_by=admin_user, attempts=1)
    system_tmp = Path(tempfile.gettempdir())
    before = _listing(system_tmp)

    fork = multiprocessing.get_context("fork")
    roster_written = fork.Event()
    child = fork.Process(target=_export_in_child, args=(job.pk, roster_written))
    child.start()
    try:
        assert roster_written.wait(120), "the export never finished its roster sheet"
        time.sleep(0.2)
        child.kill()
        child.join(10)
        assert child.exitcode == -9

        leaked = [path for path in _new_or_changed(system_tmp, before) if _holds_any(path, ids)]
        assert leaked == [], f"ID numbers left in {system_tmp}: {leaked}"

        # They are in our private directory, which is not world-readable, until the sweep.
        private = Path(settings.PRIVATE_TMP_DIR)
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
        assert [p for p in _files_under(private) if _holds_any(p, ids)]

        # The next look at the job (or the next export, or `manage.py sweep_files`) sweeps.
        page = admin_client_.get(reverse("workbook:job", args=[union.code, job.pk]))
        assert "导出中断" in page.content.decode()
        job.refresh_from_db()
        assert job.status == ExportStatus.FAILED and "导出中断" in job.error
        assert not [p for p in _files_under(private) if _holds_any(p, ids)]
        assert not list((tmp_path / "media").rglob("*.xlsx"))
    finally:
        if child.is_alive():
            child.kill()
        for path in _new_or_changed(system_tmp, before):  # what the code before the fix left
            if _holds_any(path, ids):
                path.unlink(missing_ok=True)


def _finalise_in_child(report_pk: int, leader_pk: int, published) -> None:  # type: ignore[no-untyped-def]
    """The real finalise, stopped for good after the PDF is in place and before the commit."""
    _own_database_connection()
    from django.contrib.auth import get_user_model

    from reports import services

    # Printing is not what is tested here (and the PDF child machinery is the parent's).
    services.render_pdf = lambda html: b"%PDF-1.7\n% killed finalise\n%%EOF\n"  # type: ignore[assignment]

    def log_then_hang(*args, **kwargs):  # type: ignore[no-untyped-def]
        published.set()
        time.sleep(600)

    services.log_event = log_then_hang  # type: ignore[assignment]
    services.report_finalise(
        report=Report.objects.get(pk=report_pk), actor=get_user_model().objects.get(pk=leader_pk)
    )


def test_a_killed_finalise_leaves_no_orphan_pdf(union, leader, settings, tmp_path):
    from reports import services

    settings.MEDIA_ROOT = tmp_path / "media"
    report = services.report_start(union=union, year=YEAR, actor=None)
    section = report.sections.get(key="plans")
    services.section_save(
        section=section,
        heading=section.heading,
        included=True,
        use_generated=False,
        staff_text="明年继续做好职工服务。",
        figures={},
    )

    fork = multiprocessing.get_context("fork")
    published = fork.Event()
    child = fork.Process(target=_finalise_in_child, args=(report.pk, leader.pk, published))
    child.start()
    try:
        assert published.wait(120), "the finalise never got to its audit entry"
        child.kill()
        child.join(10)
    finally:
        if child.is_alive():
            child.kill()

    report.refresh_from_db()
    assert not report.is_final and not report.pdf
    media_reports = tmp_path / "media" / "reports"
    left = [p for p in media_reports.rglob("*") if p.is_file()] if media_reports.exists() else []
    assert left, "the kill came before any PDF was written: the test proves nothing"

    # A fresh file may be a finalise about to commit: the sweep leaves it; an old one goes.
    settings.ORPHAN_FILE_MINUTES = 60
    services.sweep_orphan_pdfs()
    assert all(p.exists() for p in left)
    old = time.time() - 2 * 3600
    for path in left:
        os.utime(path, (old, old))
    services.sweep_orphan_pdfs()
    assert not [p for p in media_reports.rglob("*") if p.is_file()]

    # Finalising again works, and the row names a file that is there.
    final = services.report_finalise(report=report, actor=leader)
    assert final.is_final and Path(final.pdf.path).is_file()
    assert Path(final.pdf.path).read_bytes().startswith(b"%PDF")


def test_every_sheet_spool_is_in_the_private_dir(union, tmp_path):
    """The mechanism itself, for every workbook written through XlsxWriter (sync exports,
    roll-ups, templates): openpyxl's spool files are ours, not the system temp dir's."""
    from openpyxl.worksheet import _writer as openpyxl_sheet_writer

    from records.periods import period_for
    from workbook.exporters import Column, ExportContext, Exporter

    spools: list[str] = []

    class Probe(Exporter):
        identifier = "probe"
        verbose_name = "探针"
        columns = (Column("身份证号"),)

        def rows(self):  # type: ignore[no-untyped-def]
            yield ["44030119800101001X"]
            spools.extend(openpyxl_sheet_writer.ALL_TEMP_FILES)
            yield ["44030119800101002X"]

    writer = XlsxWriter()
    writer.add(Probe(ExportContext(union=union, period=period_for(union, YEAR))))
    writer.save(tmp_path / "probe.xlsx")
    private = scratch_root().resolve()
    assert spools and all(Path(p).resolve().is_relative_to(private) for p in spools), spools


def scratch_root() -> Path:
    from django.conf import settings

    return Path(getattr(settings, "PRIVATE_TMP_DIR", "/nonexistent-private-tmp"))


def _hold_workspace(ready, name: str) -> None:  # type: ignore[no-untyped-def]
    from records import scratch

    with scratch.workspace(name) as work:
        (work / "data").write_text("个人信息")
        ready.set()
        time.sleep(600)


def test_the_sweep_leaves_a_live_process_alone_and_clears_it_once_dead(settings):
    from records import scratch

    name = f"probe-{secrets.token_hex(4)}"
    fork = multiprocessing.get_context("fork")
    ready = fork.Event()
    child = fork.Process(target=_hold_workspace, args=(ready, name))
    child.start()
    try:
        assert ready.wait(30)
        held = list(Path(settings.PRIVATE_TMP_DIR).glob(f"*/{name}"))
        assert len(held) == 1
        assert name not in scratch.sweep() and held[0].exists()  # alive: untouched
        child.kill()
        child.join(10)
        assert name in scratch.sweep() and not held[0].exists()
    finally:
        if child.is_alive():
            child.kill()
