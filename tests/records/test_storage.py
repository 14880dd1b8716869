"""Media in S3-compatible object storage (records.storage, S3_BUCKET): a local S3 server
(moto's, in a subprocess) holds the exports, finalised PDFs and photos; they are private
objects with no URL and reach readers only through the permission-checked views."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from records import scratch
from records.storage import is_local
from tests.servers import BUCKET, CREDENTIALS


@pytest.fixture
def s3(settings, s3_endpoint):  # type: ignore[no-untyped-def]
    """Media in the bucket under a prefix of this test's own; the client to look inside."""
    endpoint, client = s3_endpoint
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "records.storage.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "region_name": CREDENTIALS["region_name"],
                "location": prefix,
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    assert not is_local()

    def keys() -> list[str]:
        listed = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix + "/").get("Contents", [])
        return sorted(item["Key"][len(prefix) + 1 :] for item in listed)

    def acl(name: str) -> list[str]:
        grants = client.get_object_acl(Bucket=BUCKET, Key=f"{prefix}/{name}")["Grants"]
        return [grant["Grantee"].get("URI", "owner") for grant in grants]

    return type("S3", (), {"keys": staticmethod(keys), "acl": staticmethod(acl), "client": client})


def _local_media(settings) -> list[Path]:  # type: ignore[no-untyped-def]
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_a_background_export_lands_in_the_bucket_and_downloads_through_the_view(
    s3, settings, tmp_path, admin_client_, union
):
    from tests.workbook.conftest import Y, make_records, read, table
    from workbook.models import ExportJob, ExportStatus

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WORKBOOK_SYNC_MAX_MEMBERS = 2
    make_records(union)
    admin_client_.post(reverse("workbook:export", args=[union.code]), {"year": Y})  # queued, run
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.DONE, job.error
    assert s3.keys() == [job.file.name] and job.file.name.startswith("exports/")
    assert s3.acl(job.file.name) == ["owner"]  # no AllUsers / AuthenticatedUsers grant
    assert _local_media(settings) == []  # nothing on this machine's disk
    with pytest.raises(ValueError):
        job.file.url  # noqa: B018  (no public, nor signed, URL)

    download = admin_client_.get(reverse("workbook:download", args=[union.code, job.pk]))
    book = read(b"".join(download.streaming_content))
    assert len(table(book["会员花名册"])[1]) == 8
    anonymous = type(admin_client_)().get(reverse("workbook:download", args=[union.code, job.pk]))
    assert anonymous.status_code == 302  # to the login page


@pytest.mark.django_db
def test_a_finalised_pdf_is_stored_in_the_bucket(s3, settings, tmp_path, union, leader, leader_client):
    from reports.services import report_finalise, report_start

    settings.MEDIA_ROOT = tmp_path / "media"
    draft = report_start(union=union, year=2025, actor=None)
    draft.sections.filter(key="problems").update(staff_text="制度建设还需加强。")  # not empty
    final = report_finalise(report=draft, actor=leader)
    assert s3.keys() == [final.pdf.name] and s3.acl(final.pdf.name) == ["owner"]
    stored = s3.client.get_object(
        Bucket="union-reports-test", Key=f"{default_storage.location}/{final.pdf.name}"
    )
    body = stored["Body"].read()
    assert body.startswith(b"%PDF")
    response = leader_client.get(reverse("reports:pdf", args=[union.code, final.pk]))
    assert b"".join(response.streaming_content) == body
    assert _local_media(settings) == []


@pytest.mark.django_db
def test_photos_go_to_the_bucket_and_are_served_by_the_checked_view(s3, clerk_client, outsider_client, union):
    from tests.activities.factories import ActivityFactory, ActivityPhotoFactory

    photo = ActivityPhotoFactory(activity=ActivityFactory(union=union))
    assert s3.keys() == [photo.image.name] and s3.acl(photo.image.name) == ["owner"]
    url = reverse("activities:photo", args=[union.code, photo.pk])
    response = clerk_client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content)[:4] == b"\x89PNG"
    assert outsider_client.get(url).status_code == 404


def test_publish_is_one_upload_and_orphans_are_swept(s3, tmp_path):
    staged = tmp_path / "staged.xlsx"
    staged.write_bytes(b"PK whole file")
    name = scratch.publish(staged, "exports/one.xlsx")
    assert name == "exports/one.xlsx" and not staged.exists()
    assert default_storage.open(name).read() == b"PK whole file"
    kept = default_storage.save("exports/kept.xlsx", ContentFile(b"named by a row"))
    fresh = default_storage.save("exports/sub/fresh.xlsx", ContentFile(b"work in progress"))

    assert scratch.sweep_orphans("exports", [kept], older_than=3600) == []  # all too young
    time.sleep(1.1)
    deleted = scratch.sweep_orphans("exports", [kept], older_than=1)
    assert sorted(deleted) == sorted([name, fresh])
    assert s3.keys() == [kept]
    assert dt.datetime.now(dt.UTC) - default_storage.get_modified_time(kept) < dt.timedelta(minutes=5)
