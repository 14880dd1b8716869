"""A large import's life on each task backend with real worker code (tests/background):
queued, reading, previewed; queued, importing, done; a bad file and a row error; data changed
since the preview; a worker killed mid-write, swept and retried, writing once; killed on the
last attempt, after the commit, or silent on another machine; the requester's role checked
again by the worker. The roster's pages drive it; every record type runs the same jobs."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from background import sweeps
from imports import jobs
from imports.models import ImportJob, RecordImport
from imports.tasks import run_import_job
from members.importing import apply as roster_apply
from members.models import Member
from records import scratch
from tests.factories import MemberFactory, make_id_number
from unions.models import UnionRole

from ..background.conftest import backend, own_database_connection  # noqa: F401
from ..members.test_import import upload, xlsx

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def large(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Every file of more than one row is large here; media and a private temp directory
    of the test's own (so no other test process sweeps the workspaces made here)."""
    settings.IMPORT_SYNC_MAX_ROWS = 1
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_TMP_DIR = tmp_path / "private"


def _rows(n: int = 2) -> list[list[object]]:
    return [
        [f"会员{i}", make_id_number(), "女", "", "机加分会", dt.date(2021, 4, 1), "在册"] for i in range(n)
    ]


def _preview(client, record_import):  # type: ignore[no-untyped-def]
    return client.get(reverse("members:import-preview", args=[record_import.union.code, record_import.pk]))


def _confirm(client, record_import):  # type: ignore[no-untyped-def]
    return client.post(reverse("members:import-confirm", args=[record_import.union.code, record_import.pk]))


def _status(job: ImportJob) -> str:
    return str(run_import_job.get_result(job.task_id).status)


def _read(backend, client, union, rows):  # type: ignore[no-untyped-def]  # noqa: F811
    upload(client, union, xlsx(rows))
    record_import = RecordImport.objects.get()
    backend.work_off()
    record_import.refresh_from_db()
    assert record_import.status == RecordImport.Status.PREVIEWED
    return record_import


def _dead_workspace(job: ImportJob) -> None:
    """What a SIGKILLed worker leaves: its directory, unlocked, holding the job's workspace."""
    dead = scratch.root() / "999999-dead0000-x"
    (dead / f"{jobs.WORKSPACE_PREFIX}{job.pk}").mkdir(parents=True)
    (dead / scratch.LOCK_NAME).touch()


def test_queued_reading_previewed_then_queued_importing_done(
    backend,  # noqa: F811
    monkeypatch,
    clerk_client,
    clerk,
    union,
    branch,
):
    response = upload(clerk_client, union, xlsx(_rows()))
    record_import = RecordImport.objects.get()
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("members:import-preview", args=[union.code, record_import.pk])
    assert record_import.status == RecordImport.Status.READING and record_import.row_count == 0
    assert (job.step, job.status, job.attempts, _status(job)) == ("read", "pending", 1, "READY")
    page = _preview(clerk_client, record_import)
    assert page["Refresh"] == "2" and "排队中" in page.content.decode()
    listed = clerk_client.get(reverse("members:import", args=[union.code])).content.decode()
    assert "排队中" in listed

    seen: dict[str, object] = {}
    real_plan, real_apply = jobs.plan_stored, jobs.apply_import

    def plan_stored(stored):  # type: ignore[no-untyped-def]
        seen["read"] = (ImportJob.objects.get(pk=job.pk).status, _status(job))
        seen["read_page"] = _preview(clerk_client, record_import).content.decode()
        return real_plan(stored)

    monkeypatch.setattr(jobs, "plan_stored", plan_stored)
    backend.work_off()
    assert seen["read"] == ("running", "RUNNING") and "正在读取" in str(seen["read_page"])
    job.refresh_from_db()
    record_import.refresh_from_db()
    assert job.status == "done" and _status(job) == "SUCCESSFUL"
    assert (record_import.status, record_import.added_count, record_import.invalid_count) == (
        "previewed",
        2,
        0,
    )
    page = _preview(clerk_client, record_import)
    assert "Refresh" not in page and "确认导入（新增 2 人" in page.content.decode()
    assert Member.objects.filter(union=union).count() == 0  # reading writes nothing

    response = _confirm(clerk_client, record_import)
    apply_job = ImportJob.objects.get(step="apply")
    assert response["Location"] == reverse("members:import-preview", args=[union.code, record_import.pk])
    assert (apply_job.status, _status(apply_job)) == ("pending", "READY")
    assert _confirm(clerk_client, record_import).status_code == 302  # a second click queues nothing
    assert ImportJob.objects.filter(step="apply").count() == 1
    assert "排队中" in _preview(clerk_client, record_import).content.decode()

    def apply_import(stored, actor):  # type: ignore[no-untyped-def]
        seen["apply_page"] = _preview(clerk_client, record_import).content.decode()
        return real_apply(stored, actor)

    monkeypatch.setattr(jobs, "apply_import", apply_import)
    backend.work_off()
    assert "正在导入 2 行" in str(seen["apply_page"])
    apply_job.refresh_from_db()
    record_import.refresh_from_db()
    assert apply_job.status == "done" and apply_job.applied and _status(apply_job) == "SUCCESSFUL"
    assert record_import.status == "applied" and record_import.applied_by == clerk
    assert Member.objects.filter(union=union).count() == 2
    done = _preview(clerk_client, record_import)
    assert done.status_code == 302 and done["Location"] == reverse("members:list", args=[union.code])
    listing = clerk_client.get(done["Location"]).content.decode()
    assert "导入完成：新增 2 人，更新 0 人。" in listing
    assert _preview(clerk_client, record_import).status_code == 200  # told once, then the preview
    summary = AuditEntry.objects.get(action="members.roster.imported")
    assert summary.actor == clerk and summary.changes["added"] == 2


def test_a_file_that_cannot_be_read_fails_with_the_reason_and_is_not_kept(
    backend,  # noqa: F811
    clerk_client,
    union,
):
    upload(clerk_client, union, xlsx(_rows(), headers=["姓名", "性别", "手机"]))  # no ID column
    record_import = RecordImport.objects.get()
    stored = record_import.file.name
    assert default_storage.exists(stored)
    backend.work_off()
    job = ImportJob.objects.get()
    record_import.refresh_from_db()
    assert job.status == "failed" and _status(job) == "FAILED"
    assert job.error.startswith("缺少必需的列：身份证号")
    assert record_import.status == "failed" and record_import.failure == job.error
    assert not default_storage.exists(stored) and not record_import.file  # no personal data left
    page = _preview(clerk_client, record_import)
    text = page.content.decode()
    assert "Refresh" not in page and "失败：缺少必需的列：身份证号" in text and "重新上传" in text


def test_a_row_error_is_listed_in_the_preview_and_cannot_be_confirmed(
    backend,  # noqa: F811
    clerk_client,
    union,
    branch,
):
    rows = _rows()
    rows[1][1] = "110105194912310021"  # bad check digit
    record_import = _read(backend, clerk_client, union, rows)
    assert (record_import.added_count, record_import.invalid_count) == (1, 1)
    text = _preview(clerk_client, record_import).content.decode()
    assert "第 3 行" in text and "不能导入" in text
    response = _confirm(clerk_client, record_import)
    backend.work_off()
    assert response.status_code == 302 and Member.objects.count() == 0
    job = ImportJob.objects.get(step="apply")
    assert job.status == "done" and not job.applied and "1 行有错误" in job.outcome


def test_data_changed_since_the_preview_writes_nothing_and_says_so(
    backend,  # noqa: F811
    clerk_client,
    union,
    branch,
):
    rows = _rows()
    record_import = _read(backend, clerk_client, union, rows)
    _confirm(clerk_client, record_import)
    MemberFactory(union=union, name="会员0", id_number=rows[0][1])  # entered by hand meanwhile
    backend.work_off()
    job = ImportJob.objects.get(step="apply")
    record_import.refresh_from_db()
    assert job.status == "done" and not job.applied and "预览之后数据已有变化" in job.outcome
    assert (
        record_import.status == "previewed"
        and record_import.updated_count + record_import.unchanged_count == 1
    )
    assert Member.objects.filter(union=union).count() == 1
    page = _preview(clerk_client, record_import)
    assert page.status_code == 200 and "预览之后数据已有变化" in page.content.decode()


def test_a_worker_killed_while_writing_is_retried_and_writes_once(
    backend,  # noqa: F811
    monkeypatch,
    clerk_client,
    union,
    branch,
):
    record_import = _read(backend, clerk_client, union, _rows(3))
    _confirm(clerk_client, record_import)
    job = ImportJob.objects.get(step="apply")
    parent = os.getpid()
    fork = multiprocessing.get_context("fork")
    writing = fork.Event()
    real_write = roster_apply.write_roster

    def write_roster(**kwargs):  # type: ignore[no-untyped-def]
        result = real_write(**kwargs)  # the rows are in, the transaction not committed
        if os.getpid() != parent:
            writing.set()
            time.sleep(600)
        return result

    monkeypatch.setattr("members.importers.write_roster", write_roster)

    def worker() -> None:
        own_database_connection()
        backend.work_off()

    child = fork.Process(target=worker)
    child.start()
    try:
        assert writing.wait(120), "the worker never started writing"
        child.kill()
        child.join(10)
    finally:
        if child.is_alive():
            child.kill()

    assert Member.objects.filter(union=union).count() == 0  # the killed transaction left nothing
    text = _preview(clerk_client, record_import).content.decode()  # looking sweeps: queued again
    job.refresh_from_db()
    assert job.status == "pending" and job.attempts == 2
    assert "已自动重新开始（第 2 次）" in text
    backend.work_off()
    job.refresh_from_db()
    record_import.refresh_from_db()
    assert job.status == "done" and record_import.status == "applied"
    assert Member.objects.filter(union=union).count() == 3
    assert AuditEntry.objects.filter(action="members.roster.imported").count() == 1
    assert not any(scratch.root().glob(f"*/{jobs.WORKSPACE_PREFIX}*"))  # no workspace left


def test_killed_after_the_commit_is_done_without_writing_again(
    backend,  # noqa: F811
    clerk_client,
    union,
    branch,
):
    record_import = _read(backend, clerk_client, union, _rows())
    _confirm(clerk_client, record_import)
    job = ImportJob.objects.get(step="apply")
    jobs.run(job.pk)  # the work committed ...
    ImportJob.objects.filter(pk=job.pk).update(status="running", outcome="", applied=False)  # ... not said
    _dead_workspace(job)
    assert sweeps.run_all()["import-job-"] == 1
    job.refresh_from_db()
    assert job.status == "done" and job.applied and job.attempts == 1
    backend.work_off()  # the queued copy of the first attempt is skipped
    assert Member.objects.filter(union=union).count() == 2
    assert AuditEntry.objects.filter(action="members.roster.imported").count() == 1


def test_killed_on_the_last_attempt_fails_with_a_chinese_message(
    backend,  # noqa: F811
    clerk_client,
    union,
    branch,
    settings,
):
    settings.TASK_MAX_ATTEMPTS = 2
    record_import = _read(backend, clerk_client, union, _rows())
    _confirm(clerk_client, record_import)
    job = ImportJob.objects.get(step="apply")
    for _attempt in (1, 2):
        ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now())
        _dead_workspace(job)
        sweeps.run_all()
        job.refresh_from_db()
        assert job.attempts == 2
    assert job.status == "failed"
    assert (
        job.error
        == "导入中断（后台任务进程已停止，可能是服务器重启），已自动重试 1 次仍未完成，未写入任何数据。请重新确认导入。"
    )
    backend.work_off()  # the queued retry of the failed job is skipped
    record_import.refresh_from_db()
    assert record_import.status == "previewed" and Member.objects.count() == 0
    response = _preview(clerk_client, record_import)
    assert response.status_code == 200 and "已自动重试 1 次仍未完成" in response.content.decode()


def test_a_job_silent_on_another_machine_is_marked_failed(
    backend,  # noqa: F811
    clerk_client,
    union,
):
    upload(clerk_client, union, xlsx(_rows()))
    record_import = RecordImport.objects.get()
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", started_at=timezone.now() - jobs.STALE_AFTER - dt.timedelta(minutes=1)
    )
    page = _preview(clerk_client, record_import)
    job.refresh_from_db()
    record_import.refresh_from_db()
    assert job.status == "failed" and job.error.startswith("读取中断")
    assert record_import.status == "failed" and not record_import.file
    assert "Refresh" not in page and "失败：读取中断" in page.content.decode()


def test_the_worker_checks_the_requesters_role_again(
    backend,  # noqa: F811
    clerk_client,
    clerk,
    union,
    branch,
):
    record_import = _read(backend, clerk_client, union, _rows())
    _confirm(clerk_client, record_import)
    UnionRole.objects.filter(user=clerk, union=union).delete()  # removed from the union meanwhile
    backend.work_off()
    job = ImportJob.objects.get(step="apply")
    record_import.refresh_from_db()
    assert job.status == "failed" and job.error == jobs.NOT_ALLOWED
    assert record_import.status == "previewed" and Member.objects.count() == 0


def test_another_unions_clerk_cannot_follow_or_confirm_the_job(
    backend,  # noqa: F811
    clerk_client,
    outsider,
    union,
    other_union,
    client,
):
    upload(clerk_client, union, xlsx(_rows()))
    record_import = RecordImport.objects.get()
    client.force_login(outsider)
    for code in (union.code, other_union.code):
        page = client.get(reverse("members:import-preview", args=[code, record_import.pk]))
        assert page.status_code == 404
        confirm = client.post(reverse("members:import-confirm", args=[code, record_import.pk]))
        assert confirm.status_code == 404
    assert ImportJob.objects.count() == 1


def test_a_hostile_file_is_refused_by_the_worker_with_the_readers_bounds(
    backend,  # noqa: F811
    clerk_client,
    union,
):
    from ..security.test_upload_bounds import WHITESPACE_STRING, _good_row, _header_row, build_xlsx

    far = b'<row r="1048576"><c r="A1048576" t="s"><v>0</v></c></row>'
    content = build_xlsx(
        [_header_row(), _good_row(2), far], strings=[WHITESPACE_STRING], dimension="A1:C1048576"
    )
    upload(clerk_client, union, content)
    record_import = RecordImport.objects.get()
    backend.work_off()
    job = ImportJob.objects.get()
    record_import.refresh_from_db()
    assert job.status == "failed" and job.error.startswith("工作表“花名册”的行数超过 120000 行")
    assert record_import.status == "failed" and not record_import.file
    assert "失败：工作表“花名册”的行数超过" in _preview(clerk_client, record_import).content.decode()
