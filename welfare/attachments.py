"""Which files a welfare record accepts, and adding and removing them.

A file is taken for what is inside it, never for its name or the type the browser claims:
a PDF by its header and its end-of-file marker, an image by Pillow (opened and verified,
bounded in pixels: activities.photos). Images are re-encoded without their metadata (phone
photos carry GPS). The size is bounded before anything is read."""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction

from activities.photos import inspect_image, without_metadata
from records.text import clean_text

from .attachment_models import WelfareAttachment
from .choices import OPEN_FOR_EDIT
from .models import Disbursement, HardshipFile

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_RECORD = 20
PDF = "application/pdf"
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
ACCEPT = "application/pdf,image/jpeg,image/png"
FORMATS_TEXT = "只能上传 PDF、JPG 或 PNG 文件。"


def _is_pdf(upload: IO[bytes], size: int) -> bool:
    """A PDF starts with %PDF- and ends with %%EOF (a line or so of slack after it)."""
    upload.seek(0)
    head = upload.read(8)
    if not head.startswith(b"%PDF-"):
        upload.seek(0)
        return False
    upload.seek(max(0, size - 1024))
    tail = upload.read(1024)
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise ValidationError("PDF 文件不完整（缺少结尾），请重新导出后上传。", code="broken_pdf")
    return True


def inspect_attachment(upload: IO[bytes], size: int) -> str:
    """The content type of an acceptable file, or a ValidationError in Chinese."""
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            "附件不能超过%(limit)d MB。",
            code="too_large",
            params={"limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
        )
    if size == 0:
        raise ValidationError("上传的文件是空的。", code="empty")
    if _is_pdf(upload, size):
        return PDF
    try:
        info = inspect_image(upload, size)
    except ValidationError as exc:
        if exc.code in ("not_image", "bad_format"):
            raise ValidationError(FORMATS_TEXT, code="bad_format") from None
        raise
    if info.format not in IMAGE_TYPES:
        raise ValidationError(FORMATS_TEXT, code="bad_format")
    return IMAGE_TYPES[info.format]


def _content(upload: IO[bytes], size: int, content_type: str) -> bytes:
    if content_type == PDF:
        upload.seek(0)
        return upload.read()
    return without_metadata(upload, inspect_image(upload, size))


def _display_name(name: str) -> str:
    """The client's file name, kept only to show and to download under: no path, no control
    characters, bounded."""
    name = clean_text(str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable()).strip()[:100]


def attachment_add(
    *, parent: Disbursement | HardshipFile, upload: IO[bytes], size: int, kind: str, name: str, actor: Any
) -> WelfareAttachment:
    content_type = inspect_attachment(upload, size)
    content = _content(upload, size, content_type)
    model = type(parent)
    field = "disbursement" if model is Disbursement else "hardship_file"
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=parent.pk)  # two uploads cannot pass the limit
        if locked.is_void:
            raise ValidationError("已作废的记录不能上传附件。", code="void")
        if WelfareAttachment.objects.filter(**{field: locked}).count() >= MAX_ATTACHMENTS_PER_RECORD:
            raise ValidationError(
                "每条记录最多上传%(limit)d个附件。",
                code="too_many",
                params={"limit": MAX_ATTACHMENTS_PER_RECORD},
            )
        attachment = WelfareAttachment(
            union_id=locked.union_id,
            kind=kind,
            content_type=content_type,
            size=len(content),
            original_name=_display_name(name),
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            **{field: locked},
        )
        attachment.file = ContentFile(content, name="attachment")
        attachment.full_clean()
        try:
            attachment.save()
        except Exception:
            # The file is written before the row; do not leave it behind when the row fails.
            if attachment.file.name and attachment.file._committed:
                attachment.file.storage.delete(attachment.file.name)
            raise
    return attachment


def removal_refusal(attachment: WelfareAttachment) -> str:
    """Why an attachment may not be removed now, or "": once a payout is approved or paid its
    papers are evidence and stay."""
    parent: models.Model = attachment.parent
    if getattr(parent, "is_void", False):
        return "已作废的记录，附件不能删除。"
    if isinstance(parent, Disbursement) and parent.status not in OPEN_FOR_EDIT:
        return "已提交、审批或发放的记录，附件作为凭证保留，不能删除。"
    return ""


def attachment_remove(*, attachment: WelfareAttachment) -> None:
    refusal = removal_refusal(attachment)
    if refusal:
        raise ValidationError(refusal, code="locked")
    storage, name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name) if name else None)
