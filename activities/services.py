"""Writes for activities beyond plain form saves: attaching and removing photos."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from audit.models import Action
from audit.registry import log_event

from .models import Activity, ActivityPhoto
from .photos import MAX_PHOTOS_PER_ACTIVITY, ImageInfo, check_uploads, inspect_image, without_metadata


def activity_save(*, request: Any, form: Any) -> Activity:
    """Save an activity from its form. The audit registry logs field changes; the chosen
    participant members (a many-to-many) are logged here, as one more change line."""
    with transaction.atomic():
        activity = form.save(commit=False)
        before = _member_names(activity) if activity.pk else ""
        activity.union = request.union
        activity.full_clean()
        activity.save()
        form.save_m2m()
        after = _member_names(activity)
        if before != after:
            log_event(activity, Action.UPDATE, {"members": [before, after]})
        uploads = form.cleaned_data.get("photos") or []
        if uploads:
            # In the activity's transaction: a refused photo leaves no activity behind either.
            photos_add(
                activity=activity,
                uploads=uploads,
                caption=form.cleaned_data.get("photo_caption", ""),
                uploaded_by=getattr(request, "user", None),
            )
    return activity


def _member_names(activity: Activity) -> str:
    # Sorted in Python so the log reads the same on every database collation.
    return "、".join(sorted(activity.members.values_list("name", flat=True)))


def photo_add(
    *, activity: Activity, upload: IO[bytes], size: int, caption: str = "", uploaded_by: Any = None
) -> ActivityPhoto:
    """Attach an uploaded image to `activity`. The file is checked here as well as in the
    form, so no caller can store something that is not a JPEG, PNG or WebP image."""
    info = inspect_image(upload, size)
    return _store(activity=activity, items=[(upload, info)], caption=caption, uploaded_by=uploaded_by)[0]


def photos_add(
    *, activity: Activity, uploads: Sequence[Any], caption: str = "", uploaded_by: Any = None
) -> list[ActivityPhoto]:
    """Attach several uploaded images at once, all or none: every file is checked first (the
    error names each refused file), and the limit counts the whole upload."""
    infos = check_uploads(uploads)
    return _store(
        activity=activity,
        items=list(zip(uploads, infos, strict=True)),
        caption=caption,
        uploaded_by=uploaded_by,
    )


def _store(
    *, activity: Activity, items: Sequence[tuple[IO[bytes], ImageInfo]], caption: str, uploaded_by: Any
) -> list[ActivityPhoto]:
    contents = [(without_metadata(upload, info), info) for upload, info in items]
    written: list[Any] = []
    try:
        with transaction.atomic():
            # Lock the activity so two uploads at once cannot pass the limit together.
            activity = Activity.objects.select_for_update().get(pk=activity.pk)
            if activity.is_void:
                raise ValidationError("已作废的活动不能上传照片。", code="void")
            have = activity.photos.count()
            if have + len(contents) > MAX_PHOTOS_PER_ACTIVITY:
                room = max(MAX_PHOTOS_PER_ACTIVITY - have, 0)
                more = f"已有{have}张，本次最多还能上传{room}张。" if len(contents) > 1 else ""
                raise ValidationError(
                    "每项活动最多上传%(limit)d张照片。%(more)s",
                    code="too_many",
                    params={"limit": MAX_PHOTOS_PER_ACTIVITY, "more": more},
                )
            photos = []
            for content, info in contents:
                photo = ActivityPhoto(
                    activity=activity,
                    caption=caption.strip(),
                    content_type=info.content_type,
                    size=len(content),
                    uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
                )
                # The client's file name is dropped; upload_to gives a random one.
                photo.image = ContentFile(content, name="photo")
                photo.full_clean()
                written.append(photo.image)
                photo.save()
                photos.append(photo)
    except Exception:
        # Files are written before their rows; none stays behind when the upload fails.
        for image in written:
            if image.name and image._committed:
                image.storage.delete(image.name)
        raise
    return photos


def photo_delete(*, photo: ActivityPhoto) -> None:
    """Remove a photo; its file goes once the deletion (and its audit entry) is committed."""
    storage = photo.image.storage
    name = photo.image.name
    with transaction.atomic():
        photo.delete()
        transaction.on_commit(lambda: storage.delete(name) if name else None)


def activity_create(*, union: Any, members: Any = (), **fields: Any) -> Activity:
    """A new activity with its participant members, logged as `activity_save` logs a form
    (the import's path)."""
    with transaction.atomic():
        activity = Activity(union=union, **fields)
        activity.full_clean()
        activity.save()
        if members:
            activity.members.set(members)
            log_event(activity, Action.UPDATE, {"members": ["", _member_names(activity)]})
    return activity
