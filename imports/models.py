"""An uploaded ledger kept between its preview and its confirmation, and the header mapping a
union chose for its own spreadsheets (remembered per record type)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from unions.models import Union


def import_upload_path(instance: RecordImport, filename: str) -> str:
    # A random name on disk; the user's file name is kept in `original_name`.
    return f"imports/{instance.union_id}/{instance.kind}-{uuid.uuid4().hex}.xlsx"


class RecordImport(models.Model):
    """One ledger file uploaded for import into one union as one record type.

    The file stays under MEDIA_ROOT/imports/ and is read only by the import views, which check
    permissions; it is never served as a static file.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("待确认")
        APPLIED = "applied", _("已导入")
        FAILED = "failed", _("失败")

    union = models.ForeignKey(
        Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="record_imports"
    )
    kind = models.CharField(_("台账类型"), max_length=40)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    original_name = models.CharField(_("原文件名"), max_length=255)
    file = models.FileField(_("文件"), upload_to=import_upload_path, max_length=255)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    # file header (as normalised) -> column key, or "" for a column left out; the clerk's choice
    mapping = models.JSONField(_("列对应"), default=dict, blank=True)
    # spreadsheet row number (as text) -> member id, or "nonmember"; for ambiguous recipients
    resolutions = models.JSONField(_("待确认行的选择"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("数据行数"), default=0)
    valid_count = models.PositiveIntegerField(_("可导入"), default=0)
    invalid_count = models.PositiveIntegerField(_("错误行"), default=0)
    pending_count = models.PositiveIntegerField(_("待确认行"), default=0)
    created_count = models.PositiveIntegerField(_("已导入记录"), default=0)
    # of the valid rows: those changing an existing record (the roster's updates); rows that
    # would change nothing are counted apart and not valid
    updated_count = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_count = models.PositiveIntegerField(_("无变化"), default=0)
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
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["union", "kind", "created_at"], name="recordimport_union_kind_idx")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def can_confirm(self) -> bool:
        return (
            self.status == self.Status.PREVIEWED
            and not self.summary.get("missing")
            and self.invalid_count == 0
            and self.pending_count == 0
            and self.valid_count > 0
        )

    @property
    def added_count(self) -> int:
        return self.valid_count - self.updated_count

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.row_count,
            "valid": self.valid_count,
            "invalid": self.invalid_count,
            "pending": self.pending_count,
            "added": self.added_count,
            "updated": self.updated_count,
            "unchanged": self.unchanged_count,
        }


class HeaderMapping(models.Model):
    """How one union's own spreadsheets name the columns of one record type: chosen once in a
    preview, suggested again for every later file."""

    union = models.ForeignKey(
        Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="header_mappings"
    )
    kind = models.CharField(_("台账类型"), max_length=40)
    mapping = models.JSONField(_("列对应"), default=dict)  # normalised header -> column key or ""
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("设置人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("导入列对应")
        verbose_name_plural = _("导入列对应")
        constraints = [
            models.UniqueConstraint(fields=["union", "kind"], name="headermapping_one_per_union_kind")
        ]

    def __str__(self) -> str:
        return f"{self.union}·{self.kind}"
