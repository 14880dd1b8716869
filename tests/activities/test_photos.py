from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from activities import services
from activities.models import ActivityPhoto
from activities.photos import MAX_PHOTO_BYTES
from audit.models import AuditEntry
from tests.activities.factories import ActivityFactory, ActivityPhotoFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(union):
    return ActivityFactory(union=union, title="职工运动会")


def _upload(client, activity, content: bytes, name: str, caption: str = "开幕式"):
    url = reverse("activities:activity-photo-upload", args=[activity.union.code, activity.pk])
    return client.post(url, {"image": SimpleUploadedFile(name, content), "caption": caption}, follow=True)


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [("PNG", "image/png", "png"), ("JPEG", "image/jpeg", "jpg"), ("WEBP", "image/webp", "webp")],
)
def test_clerk_uploads_a_real_image(clerk_client, activity, fmt, content_type, extension):
    content = image_bytes(fmt)
    response = _upload(clerk_client, activity, content, "我的 照片.bin")
    assert "已上传照片。" in response.content.decode()
    photo = ActivityPhoto.objects.get()
    assert (photo.activity, photo.caption, photo.content_type) == (activity, "开幕式", content_type)
    assert (photo.width, photo.height) == (8, 6)
    # A random name under the union's folder, with the extension of what the file really is.
    assert re.fullmatch(rf"activity-photos/main/[0-9a-f]{{32}}\.{extension}", photo.image.name)
    stored = Path(settings.MEDIA_ROOT) / photo.image.name
    # Stored re-encoded (metadata dropped): same format and size in pixels.
    assert photo.size == stored.stat().st_size
    with Image.open(stored) as image:
        assert (image.format, image.size) == (fmt, (8, 6))


def test_a_text_file_named_jpg_is_refused(clerk_client, activity):
    response = _upload(clerk_client, activity, b"<html><script>alert(1)</script></html>", "photo.jpg")
    assert "只能上传 JPEG、PNG 或 WebP 格式的图片。" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_an_image_of_another_format_is_refused(clerk_client, activity):
    response = _upload(clerk_client, activity, image_bytes("GIF"), "photo.png")
    assert "只能上传 JPEG、PNG 或 WebP 格式的图片。" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_a_truncated_image_is_refused(clerk_client, activity):
    content = image_bytes("PNG", size=(200, 200))
    response = _upload(clerk_client, activity, content[: len(content) // 2], "photo.png")
    assert "图片文件已损坏" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_an_oversized_image_is_refused(clerk_client, activity):
    # A valid PNG padded past the limit: refused for its size, not its type.
    content = image_bytes("PNG")
    content += b"\0" * (MAX_PHOTO_BYTES + 1 - len(content))
    response = _upload(clerk_client, activity, content, "big.png")
    assert "照片不能超过10 MB。" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_an_image_of_exactly_the_limit_is_accepted(clerk_client, activity):
    content = image_bytes("PNG")
    content += b"\0" * (MAX_PHOTO_BYTES - len(content))
    response = _upload(clerk_client, activity, content, "big.png")
    assert "已上传照片。" in response.content.decode()
    assert 0 < ActivityPhoto.objects.get().size < MAX_PHOTO_BYTES  # the padding is not kept


def test_an_activity_takes_at_most_the_photo_limit(clerk_client, activity, monkeypatch):
    monkeypatch.setattr(services, "MAX_PHOTOS_PER_ACTIVITY", 2)
    for _ in range(2):
        ActivityPhotoFactory(activity=activity)
    response = _upload(clerk_client, activity, image_bytes(), "third.png")
    assert "每项活动最多上传2张照片。" in response.content.decode()
    assert activity.photos.count() == 2


def test_a_voided_activity_takes_no_photos(clerk_client, activity):
    activity.void("误录")
    response = _upload(clerk_client, activity, image_bytes(), "photo.png")
    assert "已作废的活动不能上传照片。" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_read_only_users_cannot_upload(county_client, activity):
    url = reverse("activities:activity-photo-upload", args=[activity.union.code, activity.pk])
    response = county_client.post(url, {"image": SimpleUploadedFile("p.png", image_bytes())})
    assert response.status_code == 403
    assert not ActivityPhoto.objects.exists()


def test_the_photo_view_sends_the_file_with_its_checked_type(clerk_client, county_client, activity):
    photo = ActivityPhotoFactory(activity=activity)
    url = reverse("activities:photo", args=[activity.union.code, photo.pk])
    for client in (clerk_client, county_client):  # the county federation may read
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == Path(photo.image.path).read_bytes()


def test_the_photo_view_refuses_another_union_and_anonymous(client, outsider_client, activity, other_union):
    photo = ActivityPhotoFactory(activity=activity)
    # Under the photo's own union code, and under the outsider's own code.
    assert (
        outsider_client.get(reverse("activities:photo", args=[activity.union.code, photo.pk])).status_code
        == 404
    )
    assert (
        outsider_client.get(reverse("activities:photo", args=[other_union.code, photo.pk])).status_code == 404
    )
    response = client.get(reverse("activities:photo", args=[activity.union.code, photo.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_photos_have_no_public_media_url(activity):
    photo = ActivityPhotoFactory(activity=activity)
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018


def test_the_detail_page_shows_photos_through_the_checked_view(clerk_client, county_client, activity):
    photo = ActivityPhotoFactory(activity=activity, caption="颁奖现场")
    detail = reverse("activities:activity-detail", args=[activity.union.code, activity.pk])
    page = clerk_client.get(detail).content.decode()
    assert reverse("activities:photo", args=[activity.union.code, photo.pk]) in page
    assert settings.MEDIA_URL not in page
    assert "颁奖现场" in page
    assert 'name="image"' in page
    assert reverse("activities:photo-delete", args=[activity.union.code, photo.pk]) in page
    read_only = county_client.get(detail).content.decode()
    assert 'name="image"' not in read_only
    assert reverse("activities:photo-delete", args=[activity.union.code, photo.pk]) not in read_only


def test_clerk_deletes_a_photo_and_its_file_and_the_deletion_is_logged(
    clerk_client, clerk, activity, django_capture_on_commit_callbacks
):
    photo = ActivityPhotoFactory(activity=activity)
    stored = Path(photo.image.path)
    url = reverse("activities:photo-delete", args=[activity.union.code, photo.pk])
    assert clerk_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(url)
    assert response.status_code == 302
    assert not ActivityPhoto.objects.filter(pk=photo.pk).exists()
    assert not stored.exists()
    entry = AuditEntry.objects.for_object(photo).get(action="delete")
    assert entry.actor == clerk
    assert entry.union == activity.union


def test_read_only_and_foreign_users_cannot_delete(county_client, outsider_client, activity):
    photo = ActivityPhotoFactory(activity=activity)
    url = reverse("activities:photo-delete", args=[activity.union.code, photo.pk])
    assert county_client.post(url).status_code == 403
    assert outsider_client.post(url).status_code == 404
    assert ActivityPhoto.objects.filter(pk=photo.pk).exists()
    assert Path(photo.image.path).exists()


def test_an_image_with_too_many_pixels_is_refused(clerk_client, activity):
    # Small on disk, huge once decoded: the kind of file that exhausts a server's memory.
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < MAX_PHOTO_BYTES
    response = _upload(clerk_client, activity, buffer.getvalue(), "huge.png")
    assert "图片像素过大，请缩小后再上传。" in response.content.decode()
    assert not ActivityPhoto.objects.exists()


def test_location_and_device_metadata_are_stripped_and_orientation_kept(clerk_client, union):
    import io

    from PIL import Image

    from activities.models import ActivityPhoto
    from tests.activities.factories import ActivityFactory

    activity = ActivityFactory(union=union)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to display
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(buffer, format="JPEG", exif=exif)
    buffer.name = "IMG_0001.jpg"
    buffer.seek(0)
    url = reverse("activities:activity-photo-upload", args=[union.code, activity.pk])
    assert clerk_client.post(url, {"image": buffer, "caption": "合影"}).status_code == 302

    photo = ActivityPhoto.objects.get(activity=activity)
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
        assert image.size == (20, 40)  # the rotation EXIF asked for is now in the pixels
    assert photo.size == photo.image.size
