"""Big unions export in the background: a job page that refreshes itself, then a download.

Tasks run in the caller here (the test settings' immediate backend); tests/background/ runs
the same export on the database and Redis backends with real workers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from workbook import jobs
from workbook.models import ExportJob, ExportStatus

from .conftest import FULL_ID, Y, read, table
from .factories import ExportJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def remove_written_files():
    """The exports these tests write go away with them."""
    yield
    for name in ExportJob.objects.exclude(file="").values_list("file", flat=True):
        default_storage.delete(name)


@pytest.fixture
def big(settings):
    """Every union with more than two members counts as big here."""
    settings.WORKBOOK_SYNC_MAX_MEMBERS = 2


@pytest.fixture
def inline(monkeypatch):
    """The jobs queued (the immediate backend runs each in the test's thread)."""
    started: list[int] = []
    real_start = jobs.start_job

    def start(job, actor):  # type: ignore[no-untyped-def]
        started.append(job.pk)
        return real_start(job, actor)

    monkeypatch.setattr(jobs, "start_job", start)
    return started


def test_a_big_union_gets_a_job_page_and_then_the_file(big, inline, admin_client_, admin_user, records):
    code = records.union.code
    response = admin_client_.post(reverse("workbook:export", args=[code]), {"year": Y})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workbook:job", args=[code, job.pk]
    )
    assert inline == [job.pk]
    assert job.status == ExportStatus.DONE and job.full_ids and job.requested_by == admin_user
    assert job.file.name.startswith("exports/") and job.file.name.endswith(".xlsx")
    assert job.row_counts["会员花名册"] == 8 and job.progress_rows == sum(job.row_counts.values())
    assert job.total_rows == job.progress_rows  # the count ahead was exact: 100%

    page = admin_client_.get(reverse("workbook:job", args=[code, job.pk]))
    text = page.content.decode()
    assert "Refresh" not in page and 'http-equiv="refresh"' not in text
    assert reverse("workbook:download", args=[code, job.pk]) in text and "已完成" in text

    download = admin_client_.get(reverse("workbook:download", args=[code, job.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    book = read(b"".join(download.streaming_content))
    assert FULL_ID in [row[5] for row in table(book["会员花名册"])[1]]
    exported = AuditEntry.objects.get(action="workbook.exported")
    assert exported.actor == admin_user and exported.changes["job"] == job.pk
    assert AuditEntry.objects.filter(action="workbook.downloaded", actor=admin_user).count() == 1


def test_a_running_job_page_refreshes_every_two_seconds(admin_client_, union, admin_user):
    job = ExportJobFactory(
        union=union,
        status=ExportStatus.RUNNING,
        started_at=timezone.now(),
        total_rows=1000,
        progress_rows=250,
    )
    response = admin_client_.get(reverse("workbook:job", args=[union.code, job.pk]))
    text = response.content.decode()
    assert response["Refresh"] == "2"
    assert '<meta http-equiv="refresh" content="2">' in text
    assert "25%" in text and "已写入 250 / 1000 行" in text
    assert reverse("workbook:download", args=[union.code, job.pk]) not in text


def test_downloading_an_unfinished_job_sends_back_to_its_page(admin_client_, union):
    job = ExportJobFactory(union=union, status=ExportStatus.RUNNING, started_at=timezone.now())
    response = admin_client_.get(reverse("workbook:download", args=[union.code, job.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "workbook:job", args=[union.code, job.pk]
    )


def test_a_job_silent_for_long_is_reported_as_interrupted(admin_client_, union):
    job = ExportJobFactory(
        union=union, status=ExportStatus.RUNNING, started_at=timezone.now() - dt.timedelta(hours=1)
    )
    response = admin_client_.get(reverse("workbook:job", args=[union.code, job.pk]))
    assert "导出中断" in response.content.decode() and "Refresh" not in response
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED


def test_a_failing_export_is_recorded(big, inline, monkeypatch, admin_client_, records):
    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "write_annual_workbook", broken)
    admin_client_.post(reverse("workbook:export", args=[records.union.code]), {"year": Y})
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.FAILED and "导出失败" in job.error and not job.file.name
    assert AuditEntry.objects.filter(action="workbook.export_failed").count() == 1
    page = admin_client_.get(reverse("workbook:job", args=[records.union.code, job.pk]))
    assert "导出失败" in page.content.decode()


def test_old_files_are_deleted(union):
    name = default_storage.save("exports/old.xlsx", ContentFile(b"x"))
    old = ExportJobFactory(
        union=union, status=ExportStatus.DONE, file=name, finished_at=timezone.now() - dt.timedelta(hours=25)
    )
    fresh = ExportJobFactory(
        union=union, status=ExportStatus.DONE, file="exports/new.xlsx", finished_at=timezone.now()
    )
    assert jobs.delete_expired() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == ExportStatus.EXPIRED and not old.file.name and not default_storage.exists(name)
    assert fresh.status == ExportStatus.DONE
