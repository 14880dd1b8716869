"""An uploaded roster file kept between its preview and its confirmation.

Imported from `members.models` so that Django finds it; it lives apart because the import
is its own feature with its own lifecycle (上传 → 预览 → 确认导入).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.models import Union


def roster_upload_path(instance: RosterImport, filename: str) -> str:
    # The user's file name is kept in `original_name`; on disk a random name avoids
    # collisions and anything odd a browser may send as a name.
    return f"imports/{instance.union_id}/{uuid.uuid4().hex}.xlsx"


class RosterImport(models.Model):
    """One roster file uploaded for import into one union.

    The file stays under MEDIA_ROOT/imports/ and is only ever read by the import views,
    which check permissions; it is never served as a static file.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("待确认")
        APPLIED = "applied", _("已导入")
        FAILED = "failed", _("失败")

    union = models.ForeignKey(
        Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="roster_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    original_name = models.CharField(_("原文件名"), max_length=255)
    file = models.FileField(_("文件"), upload_to=roster_upload_path, max_length=255)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    row_count = models.PositiveIntegerField(_("数据行数"), default=0)
    added_count = models.PositiveIntegerField(_("新增"), default=0)
    updated_count = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_count = models.PositiveIntegerField(_("无变化"), default=0)
    invalid_count = models.PositiveIntegerField(_("错误行"), default=0)
    # What the preview page shows: ignored columns and the first rows of each kind.
    summary = models.JSONField(_("预览摘要"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    failure = models.TextField(_("失败原因"), blank=True)

    class Meta:
        verbose_name = _("花名册导入")
        verbose_name_plural = _("花名册导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def can_confirm(self) -> bool:
        return (
            self.status == self.Status.PREVIEWED
            and self.invalid_count == 0
            and (self.added_count + self.updated_count) > 0
        )

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.row_count,
            "added": self.added_count,
            "updated": self.updated_count,
            "unchanged": self.unchanged_count,
            "invalid": self.invalid_count,
        }
