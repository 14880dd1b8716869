"""定稿 on the queue, on each backend with real worker code: queued, running, done (the
report final with its PDF); failed with the reason in Chinese; a worker killed while
printing, retried, and the report finalised once with no orphan PDF."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from reports import services
from reports.models import FinaliseJob, FinaliseStatus
from reports.tasks import finalise_report

from .conftest import own_database_connection

pytestmark = pytest.mark.django_db(transaction=True)
YEAR = 2025


@pytest.fixture
def report(union, settings, tmp_path):  # type: ignore[no-untyped-def]
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
    return report


def _finalise(client, report):  # type: ignore[no-untyped-def]
    response = client.post(reverse("reports:finalise", args=[report.union.code, report.pk]))
    job = FinaliseJob.objects.get()
    assert response["Location"] == reverse("reports:finalise-job", args=[report.union.code, job.pk])
    return job


def _page(client, job):  # type: ignore[no-untyped-def]
    return client.get(reverse("reports:finalise-job", args=[job.union.code, job.pk]))


def _status(job: FinaliseJob) -> str:
    return str(finalise_report.get_result(job.task_id).status)


def _pdfs(settings) -> list[str]:  # type: ignore[no-untyped-def]
    return (
        sorted(p.name for p in (settings.MEDIA_ROOT / "reports").rglob("*.pdf"))
        if (settings.MEDIA_ROOT / "reports").exists()
        else []
    )


def test_queued_running_done(backend, monkeypatch, report, leader, leader_client, settings):
    job = _finalise(leader_client, report)
    assert job.status == FinaliseStatus.PENDING and _status(job) == "READY"
    page = _page(leader_client, job)
    assert page["Refresh"] == "2" and "排队中" in page.content.decode()

    seen = {}
    real = services.render_document_pdf

    def render(document):  # type: ignore[no-untyped-def]
        seen["job"] = FinaliseJob.objects.get(pk=job.pk).status
        seen["task"] = _status(job)
        seen["page"] = _page(leader_client, job).content.decode()
        return real(document)

    monkeypatch.setattr(services, "render_document_pdf", render)
    backend.work_off()

    assert seen["job"] == FinaliseStatus.RUNNING and seen["task"] == "RUNNING" and "正在定稿" in seen["page"]
    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == FinaliseStatus.DONE and _status(job) == "SUCCESSFUL"
    assert report.is_final and report.finalised_by == leader
    assert default_storage.open(report.pdf.name).read(5) == b"%PDF-"
    done = _page(leader_client, job)
    assert done.status_code == 302 and done["Location"] == reverse(
        "reports:edit", args=[report.union.code, report.pk]
    )


def test_a_finalise_that_cannot_be_done_fails_with_the_reason(
    backend, union, leader, leader_client, settings
):
    empty = services.report_start(union=union, year=YEAR, actor=None)
    empty.sections.update(included=False)
    job = _finalise(leader_client, empty)
    backend.work_off()
    job.refresh_from_db()
    assert job.status == FinaliseStatus.FAILED and job.error == "总结还没有任何内容，不能定稿。"
    assert _status(job) == "FAILED"
    page = _page(leader_client, job)
    assert "总结还没有任何内容" in page.content.decode() and "Refresh" not in page
    empty.refresh_from_db()
    assert not empty.is_final


def test_a_worker_killed_while_printing_is_retried_and_finalises_once(
    backend, monkeypatch, report, leader_client, settings
):
    job = _finalise(leader_client, report)
    parent = os.getpid()
    real = services.render_document_pdf
    fork = multiprocessing.get_context("fork")
    printing = fork.Event()

    def render(document):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            printing.set()
            time.sleep(600)
        return real(document)

    monkeypatch.setattr(services, "render_document_pdf", render)

    def worker() -> None:
        own_database_connection()
        backend.work_off()

    child = fork.Process(target=worker)
    child.start()
    try:
        assert printing.wait(120), "the worker never started printing"
        child.kill()
        child.join(10)
    finally:
        if child.is_alive():
            child.kill()

    text = _page(leader_client, job).content.decode()  # looking sweeps: queued again
    job.refresh_from_db()
    assert job.status == FinaliseStatus.PENDING and job.attempts == 2
    assert "已自动重新开始（第 2 次）" in text
    backend.work_off()
    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == FinaliseStatus.DONE and report.is_final
    assert _pdfs(settings) == [report.pdf.name.rsplit("/", 1)[-1]]  # one PDF, the final one
