"""Activity photos as files: where they are stored and which uploads are accepted.

Photos live in the media storage (MEDIA_ROOT or the S3 bucket) but are never served from a
media URL: that storage has no public URL (records/storage.py), and `views.photo` sends a file only after checking the reader's union.
An upload is accepted for what Pillow finds inside it, never for its name or the type the
browser claims, and it is stored under a random name with the extension of that format.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

if TYPE_CHECKING:
    from .models import ActivityPhoto

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 60_000_000  # about 8000 x 7500; larger images are decompression bombs
MAX_PHOTOS_PER_ACTIVITY = 20
# One upload (the create form, or the add-photo form) takes several photos, within these bounds:
# the request itself stays small enough to check every file before anything is stored.
MAX_PHOTOS_PER_UPLOAD = 10
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MB = 1024 * 1024

# Pillow format name -> (content type, extension)
ACCEPTED_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


def private_storage() -> Storage:
    # A callable, so migrations do not freeze a location. The media storage itself has no
    # public URL (records.storage), local or in object storage (S3_BUCKET).
    return default_storage


def photo_upload_to(instance: ActivityPhoto, filename: str) -> str:
    """activity-photos/<union code>/<random>.<ext of the detected format>."""
    extensions = {content_type: ext for content_type, ext in ACCEPTED_FORMATS.values()}
    extension = extensions.get(instance.content_type, "bin")
    return f"activity-photos/{instance.activity.union.code}/{uuid.uuid4().hex}.{extension}"


@dataclass(frozen=True)
class ImageInfo:
    format: str  # Pillow's name: JPEG, PNG, WEBP
    content_type: str
    width: int
    height: int


def inspect_image(upload: IO[bytes], size: int) -> ImageInfo:
    """The image inside `upload`, or a ValidationError in Chinese."""
    if size > MAX_PHOTO_BYTES:
        raise ValidationError(
            "照片不能超过%(limit)d MB。", code="too_large", params={"limit": MAX_PHOTO_BYTES // (1024 * 1024)}
        )
    if size == 0:
        raise ValidationError("上传的文件是空的。", code="empty")
    upload.seek(0)
    try:
        # Opening reads only the header; the pixel check comes before verify() reads on.
        with Image.open(upload) as image:
            fmt = image.format or ""
            width, height = image.size
            if fmt in ACCEPTED_FORMATS and width * height <= MAX_PHOTO_PIXELS:
                image.verify()
    except UnidentifiedImageError:
        raise ValidationError("只能上传 JPEG、PNG 或 WebP 格式的图片。", code="not_image") from None
    except Image.DecompressionBombError:
        raise ValidationError("图片像素过大，请缩小后再上传。", code="too_many_pixels") from None
    except Exception:  # Pillow raises many kinds of errors on damaged files
        raise ValidationError("图片文件已损坏，无法打开。", code="broken") from None
    finally:
        upload.seek(0)
    if fmt not in ACCEPTED_FORMATS:
        raise ValidationError("只能上传 JPEG、PNG 或 WebP 格式的图片。", code="bad_format")
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError("图片像素过大，请缩小后再上传。", code="too_many_pixels")
    return ImageInfo(format=fmt, content_type=ACCEPTED_FORMATS[fmt][0], width=width, height=height)


def without_metadata(upload: IO[bytes], info: ImageInfo) -> bytes:
    """The image re-encoded with no EXIF or other metadata: phone photos carry the place they
    were taken (GPS) and the device, which are personal data the union has no use for. The
    orientation EXIF asked for is applied to the pixels first, so the photo still stands up."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        if info.format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 90} if info.format in ("JPEG", "WEBP") else {}
        image.save(out, format=info.format, **options)
    upload.seek(0)
    return out.getvalue()


def shown_name(upload: Any, number: int) -> str:
    """The file as the clerk chose it (without any folder), to say which one is refused."""
    name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if len(name) > 60:
        name = name[:57] + "…"
    return f"第{number}个文件“{name}”" if name else f"第{number}个文件"


def check_uploads(uploads: Sequence[Any]) -> list[ImageInfo]:
    """Every file of one upload checked by content, exactly as a single photo is; one
    ValidationError naming each refused file and why, so nothing is stored when one is bad."""
    if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
        raise ValidationError(
            "一次最多上传%(limit)d张照片，本次选择了%(count)d张。",
            code="too_many_in_upload",
            params={"limit": MAX_PHOTOS_PER_UPLOAD, "count": len(uploads)},
        )
    total = sum(int(getattr(u, "size", 0) or 0) for u in uploads)
    if total > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "一次上传的照片合计不能超过%(limit)d MB（本次约%(size).1f MB），请分几次上传。",
            code="upload_too_large",
            params={"limit": MAX_UPLOAD_BYTES // MB, "size": total / MB},
        )
    infos: list[ImageInfo] = []
    errors: list[str] = []
    for number, upload in enumerate(uploads, start=1):
        try:
            infos.append(inspect_image(upload, int(upload.size)))
        except ValidationError as exc:
            errors.append(f"{shown_name(upload, number)}：{'；'.join(exc.messages)}")
    if errors:
        raise ValidationError(errors, code="bad_files")
    return infos
