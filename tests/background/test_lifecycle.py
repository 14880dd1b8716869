"""An export's life on each backend with real worker code: queued, running, done; failed;
killed mid-way and retried; killed on its last attempt and failed with a Chinese message.
A killed task leaves no file behind (no workspace, no published workbook)."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from audit.models import AuditEntry
from records import scratch
from workbook import jobs
from workbook.models import ExportJob, ExportStatus
from workbook.tasks import export_workbook

from ..workbook.conftest import FULL_ID, Y, read, table
from .conftest import own_database_connection

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def remove_written_files(settings, tmp_path):
    # A media directory of its own: other tests running beside this one write exports too.
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    for name in ExportJob.objects.exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)


@pytest.fixture
def records(union):  # type: ignore[no-untyped-def]
    from ..workbook.conftest import make_records

    return make_records(union)


def _status(task_id: str) -> str:
    return str(export_workbook.get_result(task_id).status)


def _page(client, job: ExportJob):  # type: ignore[no-untyped-def]
    return client.get(reverse("workbook:job", args=[job.union.code, job.pk]))


def _start(client, union) -> ExportJob:  # type: ignore[no-untyped-def]
    response = client.post(reverse("workbook:export", args=[union.code]), {"year": Y})
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("workbook:job", args=[union.code, job.pk])
    return job


def test_queued_running_done(backend, big, after_roster, admin_client_, admin_user, records):
    job = _start(admin_client_, records.union)
    assert job.status == ExportStatus.PENDING and job.attempts == 1 and job.task_id
    assert _status(job.task_id) == "READY"
    page = _page(admin_client_, job)
    assert page["Refresh"] == "2" and "排队中" in page.content.decode()

    seen: dict[str, object] = {}

    def look() -> None:
        running = ExportJob.objects.get(pk=job.pk)
        seen.update(job=running.status, task=_status(job.task_id), page=_page(admin_client_, job))

    after_roster.append(look)
    backend.work_off()

    assert seen["job"] == ExportStatus.RUNNING and seen["task"] == "RUNNING"
    assert "正在导出" in seen["page"].content.decode() and seen["page"]["Refresh"] == "2"  # type: ignore[attr-defined]
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and _status(job.task_id) == "SUCCESSFUL"
    assert export_workbook.get_result(job.task_id).return_value["file"] == job.file.name
    page = _page(admin_client_, job)
    assert "Refresh" not in page and "已完成" in page.content.decode()
    download = admin_client_.get(reverse("workbook:download", args=[records.union.code, job.pk]))
    book = read(b"".join(download.streaming_content))
    assert FULL_ID in [row[5] for row in table(book["会员花名册"])[1]]
    entry = AuditEntry.objects.get(action="workbook.exported")
    assert entry.actor == admin_user and entry.ip_address == "127.0.0.1"  # the requester's, kept


def test_a_failing_export_fails_the_job_and_the_task(backend, big, monkeypatch, admin_client_, records):
    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "write_annual_workbook", broken)
    job = _start(admin_client_, records.union)
    backend.work_off()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "导出失败" in job.error and not job.file.name
    result = export_workbook.get_result(job.task_id)
    assert str(result.status) == "FAILED"
    if backend.name == "database":  # RQ keeps the class only for callbacks it ran itself
        assert result.errors[0].exception_class_path == "workbook.tasks.ExportFailed"
    assert "导出失败" in _page(admin_client_, job).content.decode()


def _kill_mid_export(backend, after_roster) -> None:  # type: ignore[no-untyped-def]
    """A worker process (forked) takes the queued export and is SIGKILLed after its roster
    sheet, with the workbook half-written in its workspace."""
    parent = os.getpid()
    fork = multiprocessing.get_context("fork")
    written = fork.Event()

    def hang() -> None:
        if os.getpid() != parent:
            written.set()
            time.sleep(600)

    after_roster[:] = [hang]

    def worker() -> None:
        own_database_connection()
        backend.work_off()

    child = fork.Process(target=worker)
    child.start()
    try:
        assert written.wait(120), "the worker never wrote the roster sheet"
        child.kill()
        child.join(10)
        assert child.exitcode == -9
    finally:
        if child.is_alive():
            child.kill()


def _left_behind() -> list[str]:
    return [p.name for d in scratch.root().iterdir() if d.is_dir() for p in d.iterdir() if p.is_dir()]


def test_a_killed_task_is_retried_and_then_done(backend, big, after_roster, admin_client_, records):
    job = _start(admin_client_, records.union)
    first_task = job.task_id
    _kill_mid_export(backend, after_roster)
    assert jobs.workspace_name(job.pk) in _left_behind()

    text = _page(admin_client_, job).content.decode()  # looking at the job sweeps
    job.refresh_from_db()
    assert jobs.workspace_name(job.pk) not in _left_behind()
    assert job.status == ExportStatus.PENDING and job.attempts == 2 and job.task_id != first_task
    assert "排队中" in text and "已自动重新开始（第 2 次）" in text
    assert _status(job.task_id) == "READY"
    if backend.name == "database":
        assert _status(first_task) == "FAILED"  # the dead worker's task is closed too
    assert AuditEntry.objects.filter(action="workbook.export_retried").count() == 1
    assert not default_storage.exists("exports") or default_storage.listdir("exports")[1] == []

    backend.work_off()
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.row_counts["会员花名册"] == 8
    _, files = default_storage.listdir("exports")
    assert [f"exports/{name}" for name in files] == [job.file.name]  # nothing half-written
    assert AuditEntry.objects.filter(action="workbook.exported").count() == 1


def test_a_task_killed_on_its_last_attempt_fails_in_chinese(
    backend, big, after_roster, settings, admin_client_, records
):
    settings.TASK_MAX_ATTEMPTS = 2
    job = _start(admin_client_, records.union)
    _kill_mid_export(backend, after_roster)
    jobs.sweep_interrupted()
    job.refresh_from_db()
    assert job.attempts == 2 and job.status == ExportStatus.PENDING
    _kill_mid_export(backend, after_roster)

    text = _page(admin_client_, job).content.decode()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and not job.file.name
    assert job.error == jobs.INTERRUPTED_AGAIN.format(attempts=1) and job.error in text
    assert "已自动重试 1 次仍未完成" in text
    assert jobs.workspace_name(job.pk) not in _left_behind()
    assert not default_storage.exists("exports") or default_storage.listdir("exports")[1] == []
    assert AuditEntry.objects.filter(action="workbook.export_failed").count() == 1
