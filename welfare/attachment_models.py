"""Attachments of welfare records: the application form, the receipt, the signed sheet, a
medical certificate. Files live in the private media storage and are served only by a view
that checks the reader's union (welfare.attachments)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.photos import private_storage


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", _("申请表")
    RECEIPT = "receipt", _("收据/发票")
    SIGNED_SHEET = "signed_sheet", _("签收单")
    CERTIFICATE = "certificate", _("证明材料")
    OTHER = "other", _("其他")


EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def attachment_upload_to(instance: WelfareAttachment, filename: str) -> str:
    """welfare-attachments/<union code>/<random>.<ext of the detected type>: the client's
    name never reaches the storage."""
    extension = EXTENSIONS.get(instance.content_type, "bin")
    return f"welfare-attachments/{instance.union.code}/{uuid.uuid4().hex}.{extension}"


class WelfareAttachment(models.Model):
    """A file attached to a disbursement or a hardship file (exactly one of them)."""

    union = models.ForeignKey(
        "unions.Union", verbose_name=_("工会"), on_delete=models.PROTECT, related_name="+"
    )
    disbursement = models.ForeignKey(
        "welfare.Disbursement",
        verbose_name=_("帮扶慰问发放"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    hardship_file = models.ForeignKey(
        "welfare.HardshipFile",
        verbose_name=_("困难职工档案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    kind = models.CharField(_("附件类型"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(
        _("文件"), upload_to=attachment_upload_to, storage=private_storage, max_length=200
    )
    content_type = models.CharField(_("文件类型"), max_length=30, editable=False)
    size = models.PositiveIntegerField(_("文件大小（字节）"), default=0, editable=False)
    original_name = models.CharField(_("原文件名"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("帮扶附件")
        verbose_name_plural = _("帮扶附件")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(disbursement__isnull=False, hardship_file__isnull=True)
                    | models.Q(disbursement__isnull=True, hardship_file__isnull=False)
                ),
                name="welfare_attachment_one_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.original_name or self.file.name}"

    @property
    def parent(self) -> models.Model:
        return self.disbursement if self.disbursement_id else self.hardship_file
