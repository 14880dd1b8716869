"""Several photos in one upload: on the activity's create form and on its add-photo form.
Every file is checked by content; one bad file stores nothing and the message names it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities import photos, services
from activities.models import Activity, ActivityPhoto
from tests.activities.factories import ActivityFactory, ActivityPhotoFactory, image_bytes

pytestmark = pytest.mark.django_db


def _create_data(**overrides):
    data = {
        "category": "sports_culture",
        "title": "职工运动会",
        "start_date": "2024-05-10",
        "place": "体育馆",
        "participants": "120",
        "women_participants": "30",
        "cost": "8600.50",
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    # A folder of this test's own: other tests write photos at the same time (pytest -n).
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _files(*specs):
    return [SimpleUploadedFile(name, content) for name, content in specs]


def _stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "activity-photos"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _create(client, union, files, **overrides):
    url = reverse("activities:activity-create", args=[union.code])
    return client.post(url, {**_create_data(**overrides), "photos": files})


def test_the_create_form_offers_a_multiple_file_input(clerk_client, union):
    page = clerk_client.get(reverse("activities:activity-create", args=[union.code])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="photos"' in page and "multiple" in page.split('name="photos"')[1].split(">")[0]


def test_the_edit_form_has_no_photo_field(clerk_client, union):
    activity = ActivityFactory(union=union)
    page = clerk_client.get(reverse("activities:activity-edit", args=[union.code, activity.pk])).content
    assert 'name="photos"' not in page.decode()


def test_an_activity_is_created_with_three_photos(clerk_client, clerk, union):
    files = _files(
        ("一.png", image_bytes("PNG")), ("二.jpg", image_bytes("JPEG")), ("三.webp", image_bytes("WEBP"))
    )
    response = _create(clerk_client, union, files, photo_caption="开幕式")
    assert response.status_code == 302, response.content.decode()
    activity = Activity.objects.get()
    stored = list(activity.photos.order_by("id"))
    assert [p.content_type for p in stored] == ["image/png", "image/jpeg", "image/webp"]
    assert {p.caption for p in stored} == {"开幕式"}
    assert {p.uploaded_by for p in stored} == {clerk}
    for photo in stored:
        assert (Path(settings.MEDIA_ROOT) / photo.image.name).is_file()
    page = clerk_client.get(response["Location"]).content.decode()
    assert "3 / 20 张" in page


def test_an_activity_without_photos_is_created_as_before(clerk_client, union):
    response = _create(clerk_client, union, [])
    assert response.status_code == 302
    assert Activity.objects.get().photos.count() == 0


def test_one_bad_file_saves_nothing_and_is_named(clerk_client, union):
    before = _stored_files()
    files = _files(
        ("好.png", image_bytes("PNG")),
        ("坏的.jpg", b"<html>not an image</html>"),
        ("也好.png", image_bytes()),
    )
    response = _create(clerk_client, union, files, title="拔河比赛")
    assert response.status_code == 200
    page = response.content.decode()
    assert "第2个文件“坏的.jpg”：只能上传 JPEG、PNG 或 WebP 格式的图片。" in page
    assert "好.png" not in page  # only the refused file is named
    assert "请重新选择要上传的照片" in page
    # The other fields are kept on the form.
    assert 'value="拔河比赛"' in page and 'value="体育馆"' in page
    assert not Activity.objects.exists()
    assert not ActivityPhoto.objects.exists()
    assert _stored_files() == before


def test_an_upload_over_the_count_limit_is_refused(clerk_client, union):
    files = _files(*[(f"{n}.png", image_bytes()) for n in range(photos.MAX_PHOTOS_PER_UPLOAD + 1)])
    response = _create(clerk_client, union, files)
    assert response.status_code == 200
    assert (
        f"一次最多上传{photos.MAX_PHOTOS_PER_UPLOAD}张照片，本次选择了{photos.MAX_PHOTOS_PER_UPLOAD + 1}张。"
        in (response.content.decode())
    )
    assert not Activity.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(clerk_client, union, monkeypatch):
    monkeypatch.setattr(photos, "MAX_UPLOAD_BYTES", 1024 * 1024)
    big = image_bytes() + b"\0" * (600 * 1024)
    response = _create(clerk_client, union, _files(("a.png", big), ("b.png", big)))
    assert "一次上传的照片合计不能超过1 MB（本次约1.2 MB），请分几次上传。" in response.content.decode()
    assert not Activity.objects.exists()


def _add(client, activity, files, caption=""):
    url = reverse("activities:activity-photo-upload", args=[activity.union.code, activity.pk])
    return client.post(url, {"image": files, "caption": caption}, follow=True)


def test_the_add_photo_page_takes_several_at_once(clerk_client, union):
    activity = ActivityFactory(union=union)
    page = clerk_client.get(reverse("activities:activity-detail", args=[union.code, activity.pk])).content
    assert 'name="image" id="id_image"' in page.decode() and " multiple " in page.decode()
    response = _add(
        clerk_client, activity, _files(("a.png", image_bytes()), ("b.jpg", image_bytes("JPEG"))), "颁奖"
    )
    assert "已上传2张照片。" in response.content.decode()
    assert list(activity.photos.values_list("caption", flat=True)) == ["颁奖", "颁奖"]


def test_the_add_photo_page_stores_nothing_when_one_file_is_bad(clerk_client, union):
    activity = ActivityFactory(union=union)
    before = _stored_files()
    response = _add(clerk_client, activity, _files(("a.png", image_bytes()), ("空.png", b"")))
    assert "照片未上传：第2个文件“空.png”" in response.content.decode()
    assert activity.photos.count() == 0
    assert _stored_files() == before


def test_the_activity_limit_counts_the_whole_upload(clerk_client, union, monkeypatch):
    monkeypatch.setattr(services, "MAX_PHOTOS_PER_ACTIVITY", 3)
    activity = ActivityFactory(union=union)
    ActivityPhotoFactory(activity=activity)
    ActivityPhotoFactory(activity=activity)
    before = _stored_files()
    response = _add(clerk_client, activity, _files(("a.png", image_bytes()), ("b.png", image_bytes())))
    assert "每项活动最多上传3张照片。已有2张，本次最多还能上传1张。" in response.content.decode()
    assert activity.photos.count() == 2
    assert _stored_files() == before


def test_a_failure_while_storing_removes_the_files_already_written(union, monkeypatch):
    activity = ActivityFactory(union=union)
    before = _stored_files()
    real_save = ActivityPhoto.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(ActivityPhoto, "save", failing_save)
    with pytest.raises(RuntimeError):
        services.photos_add(
            activity=activity, uploads=_files(("a.png", image_bytes()), ("b.png", image_bytes()))
        )
    assert ActivityPhoto.objects.count() == 0
    assert _stored_files() == before
