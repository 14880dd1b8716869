"""A draft's 下载 PDF as a task, with the queue's real worker code (database backend, and RQ
for the lifecycle): queued, running, done (the PDF read back), served again without a
print while the draft is unchanged; printed again when it changed; failed with the reason
in Chinese; a worker killed while printing, retried, leaving one file; who may see it."""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import time
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.urls import reverse

from reports import draft_pdf, pdf, services
from reports.models import DraftPdfJob, DraftPdfStatus
from reports.tasks import render_draft_pdf
from tests.background.conftest import _database_work_off, backend, own_database_connection  # noqa: F401

# The database worker closes its connection after a task (a PostgreSQL test transaction with it).
pytestmark = pytest.mark.django_db(transaction=True)
YEAR = 2025
PLANS = "明年继续做好职工服务。"


@pytest.fixture
def database_backend(settings):  # type: ignore[no-untyped-def]
    settings.TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    return _database_work_off


@pytest.fixture
def report(union, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    report = services.report_start(union=union, year=YEAR, actor=None)
    _write(report, PLANS)
    return report


@pytest.fixture
def renders(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """The PIDs of every PDF print through the one entry point (reports.pdf.render_pdf)."""
    seen: list[int] = []
    real = pdf.render_pdf

    def counted(html: str) -> bytes:
        seen.append(os.getpid())
        return real(html)

    monkeypatch.setattr(pdf, "render_pdf", counted)
    monkeypatch.setattr(services, "render_pdf", counted)  # the name finalising prints by
    return seen


def _write(report, text: str) -> None:  # type: ignore[no-untyped-def]
    section = report.sections.get(key="plans")
    services.section_save(
        section=section,
        heading=section.heading,
        included=True,
        use_generated=False,
        staff_text=text,
        figures={},
    )


def _ask(client, report):  # type: ignore[no-untyped-def]
    return client.get(reverse("reports:pdf", args=[report.union.code, report.pk]))


def _page(client, job, **params):  # type: ignore[no-untyped-def]
    return client.get(reverse("reports:pdf-job", args=[job.union.code, job.pk]), params)


def _file(client, job):  # type: ignore[no-untyped-def]
    return client.get(reverse("reports:pdf-file", args=[job.union.code, job.pk]))


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in document.pages))


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response
    return b"".join(response.streaming_content)


def _stored(settings) -> list[str]:  # type: ignore[no-untyped-def]
    folder = Path(settings.MEDIA_ROOT) / draft_pdf.DRAFT_DIR
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def _queued(client, report) -> DraftPdfJob:  # type: ignore[no-untyped-def]
    response = _ask(client, report)
    job = DraftPdfJob.objects.get(report=report, status__in=["pending", "running"])
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:pdf-job", args=[report.union.code, job.pk])
    return job


def test_queued_running_done_and_served_again_without_a_print(
    backend,  # noqa: F811
    report,
    renders,
    clerk_client,
    monkeypatch,
    settings,
):
    job = _queued(clerk_client, report)
    assert renders == []  # nothing printed in the request
    assert job.status == DraftPdfStatus.PENDING and job.attempts == 1
    assert str(render_draft_pdf.get_result(job.task_id).status) == "READY"
    page = _page(clerk_client, job)
    assert page["Refresh"].startswith("2;") and "排队中" in page.content.decode()
    assert _queued(clerk_client, report) == job  # a second click waits for the same print

    seen = {}
    counted = pdf.render_pdf

    def watched(html: str) -> bytes:
        seen["status"] = DraftPdfJob.objects.get(pk=job.pk).status
        seen["page"] = _page(clerk_client, job).content.decode()
        return counted(html)

    monkeypatch.setattr(pdf, "render_pdf", watched)
    backend.work_off()

    assert seen["status"] == DraftPdfStatus.RUNNING and "正在生成" in seen["page"]
    assert len(renders) == 1
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.DONE and job.file.name and job.error == ""
    assert str(render_draft_pdf.get_result(job.task_id).status) == "SUCCESSFUL"
    assert job.digest == draft_pdf.current_digest(report)

    done = _page(clerk_client, job, then="download")  # the refresh after waiting
    file_url = reverse("reports:pdf-file", args=[report.union.code, job.pk])
    assert "完成" in done.content.decode() and done["Refresh"] == f"0; url={file_url}"
    data = _body(_file(clerk_client, job))
    assert data.startswith(b"%PDF-") and PLANS.rstrip("。") in _text(data)
    assert default_storage.open(job.file.name).read() == data

    again = _body(_ask(clerk_client, report))  # unchanged draft: the stored file, at once
    assert again == data and len(renders) == 1
    assert DraftPdfJob.objects.filter(report=report).count() == 1


def test_a_changed_draft_is_printed_again_and_the_old_pdf_is_not_served(
    database_backend, report, renders, clerk_client, settings
):
    first = _queued(clerk_client, report)
    database_backend()
    first.refresh_from_db()
    _write(report, "明年重点建设职工书屋。")

    stale = _file(clerk_client, first)
    second = DraftPdfJob.objects.get(report=report, status="pending")
    assert stale.status_code == 302 and stale["Location"].endswith(f"/pdf-jobs/{second.pk}/")
    assert second.digest != first.digest
    database_backend()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == DraftPdfStatus.EXPIRED and first.file.name == ""
    assert _stored(settings) == [Path(second.file.name).name]  # the old file is gone
    text = _text(_body(_ask(clerk_client, report)))
    assert "明年重点建设职工书屋" in text and "明年继续做好职工服务" not in text
    assert len(renders) == 2


def test_a_pdf_belongs_to_the_version_it_printed(database_backend, report, clerk_client, monkeypatch):
    job = _queued(clerk_client, report)
    real = pdf.render_pdf

    def changed_meanwhile(html: str) -> bytes:
        _write(report, "打印期间改写的计划。")
        return real(html)

    monkeypatch.setattr(pdf, "render_pdf", changed_meanwhile)
    database_backend()
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.DONE
    assert "明年继续做好职工服务" in _text(default_storage.open(job.file.name).read())
    assert job.digest != draft_pdf.current_digest(report)  # printed from the older draft

    response = _file(clerk_client, job)  # not served as the draft of now: printed again
    assert response.status_code == 302 and "/pdf-jobs/" in response["Location"]
    assert DraftPdfJob.objects.filter(report=report, status="pending").exclude(pk=job.pk).exists()


def test_a_print_stopped_by_its_bounds_fails_with_the_reason(
    database_backend, report, clerk_client, settings
):
    settings.PDF_RENDER_TIMEOUT_SECONDS = 0.001
    job = _queued(clerk_client, report)
    database_backend()
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.FAILED and job.error.startswith("未能生成 PDF：生成 PDF 超过")
    assert str(render_draft_pdf.get_result(job.task_id).status) == "FAILED"
    page = _page(clerk_client, job)
    assert "Refresh" not in page and f"失败：{job.error}" in page.content.decode()
    assert "重新生成 PDF" in page.content.decode()
    assert _stored(settings) == [] and _file(clerk_client, job).status_code == 302


def test_a_print_that_raises_fails_with_a_chinese_message_and_no_file(
    database_backend, report, clerk_client, monkeypatch, settings
):
    def broken(html: str) -> bytes:
        raise RuntimeError("printer broke")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    job = _queued(clerk_client, report)
    database_backend()
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.FAILED
    assert job.error == "未能生成 PDF：RuntimeError。请稍后重试；如仍失败，请联系系统管理员。"
    assert _stored(settings) == []
    monkeypatch.undo()
    retry = _queued(clerk_client, report)  # 重新生成 PDF: a new job, not the failed one
    assert retry.pk != job.pk


def test_a_worker_killed_while_printing_is_retried_and_leaves_one_file(
    database_backend, report, clerk_client, monkeypatch, settings
):
    job = _queued(clerk_client, report)
    parent = os.getpid()
    real = pdf.render_pdf
    fork = multiprocessing.get_context("fork")
    printing = fork.Event()

    def hangs_in_child(html: str) -> bytes:
        if os.getpid() != parent:
            printing.set()
            time.sleep(600)
        return real(html)

    monkeypatch.setattr(pdf, "render_pdf", hangs_in_child)

    def worker() -> None:
        own_database_connection()
        database_backend()

    child = fork.Process(target=worker)
    child.start()
    try:
        assert printing.wait(120), "the worker never started printing"
        child.kill()
        child.join(10)
    finally:
        if child.is_alive():
            child.kill()

    text = _page(clerk_client, job).content.decode()  # looking sweeps: queued again
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.PENDING and job.attempts == 2
    assert "已自动重新开始（第 2 次）" in text
    leftovers = [p for p in Path(django_settings.PRIVATE_TMP_DIR).rglob("draft-pdf-*")]
    assert leftovers == []  # the dead worker's workspace is gone
    database_backend()
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.DONE
    assert _stored(settings) == [Path(job.file.name).name]  # one file, of this job


def test_the_last_attempt_killed_fails_the_job_in_chinese(report, settings, leader):
    settings.TASK_MAX_ATTEMPTS = 2
    job = DraftPdfJob.objects.create(
        union=report.union, report=report, digest="b" * 64, status="running", attempts=2, requested_by=leader
    )
    assert draft_pdf.interrupted([job.pk]) == 1
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.FAILED
    assert job.error.startswith("生成中断（后台任务进程已停止），已自动重试 1 次仍未完成")


def test_a_file_left_by_a_kill_after_publishing_is_swept(report, settings, leader):
    settings.ORPHAN_FILE_MINUTES = 0
    job = DraftPdfJob.objects.create(
        union=report.union, report=report, digest="c" * 64, status="failed", requested_by=leader
    )
    leftover = Path(default_storage.path(draft_pdf.file_name(job)))
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF-1.7 half a job")
    draft_pdf.tidy()
    assert not leftover.exists()


def test_a_finalised_report_loses_its_draft_pdfs(database_backend, report, clerk_client, settings):
    job = _queued(clerk_client, report)
    database_backend()
    report.status = "final"
    report.save()
    draft_pdf.tidy()
    job.refresh_from_db()
    assert job.status == DraftPdfStatus.EXPIRED and _stored(settings) == []
    assert _page(clerk_client, job)["Location"] == reverse("reports:pdf", args=[report.union.code, report.pk])


def test_another_unions_user_and_a_higher_union_get_404(
    database_backend, report, clerk_client, outsider_client, county_client
):
    job = _queued(clerk_client, report)
    database_backend()
    for client in (outsider_client, county_client):  # the county reads finalised reports only
        assert _page(client, job).status_code == 404
        assert _file(client, job).status_code == 404
        assert _ask(client, report).status_code == 404
    other = reverse("reports:pdf-file", args=["other", job.pk])  # under one's own union's code
    assert outsider_client.get(other).status_code == 404
