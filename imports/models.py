"""An uploaded ledger kept between its preview and its confirmation, the header mapping a
union chose for its own spreadsheets (remembered per record type), and the task-queue jobs
that read or write a large ledger off the request path (imports/jobs.py)."""

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
        READING = "reading", _("正在读取")  # a large file, until the task worker has checked it
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
    def job(self) -> ImportJob | None:
        """The latest task-queue job of this import (prefetched as `job_list` on lists)."""
        listed = getattr(self, "job_list", None)
        if listed is not None:
            return listed[0] if listed else None
        return self.jobs.order_by("-pk").first()

    @property
    def state_label(self) -> str:
        """What a list shows: the job's progress while one runs, else the status."""
        job = self.job
        if job is not None and not job.is_finished:
            return job.state_label
        if self.status == self.Status.FAILED and self.failure:
            return f"失败：{self.failure}"
        return str(self.get_status_display())

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


class ImportJob(models.Model):
    """One step of a large import done by the task worker (imports/jobs.py): reading and
    checking the stored file (again after a new mapping or choices), or writing it after
    the clerk confirmed. The import's own status stays the truth of what was written."""

    class Step(models.TextChoices):
        READ = "read", _("读取")
        APPLY = "apply", _("导入")

    class Status(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("完成")
        FAILED = "failed", _("失败")

    union = models.ForeignKey(Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="+")
    record_import = models.ForeignKey(
        RecordImport, verbose_name=_("台账导入"), on_delete=models.CASCADE, related_name="jobs"
    )
    step = models.CharField(_("步骤"), max_length=10, choices=Step.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("失败原因"), blank=True)
    # what the clerk is told when the job is done (导入完成：… or why nothing was written)
    outcome = models.TextField(_("结果"), blank=True)
    applied = models.BooleanField(_("已写入"), default=False)
    announced = models.BooleanField(_("已告知"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    requested_from = models.GenericIPAddressField(_("操作人IP"), null=True, blank=True)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("台账导入任务")
        verbose_name_plural = _("台账导入任务")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.record_import}·{self.get_step_display()}（{self.get_status_display()}）"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def state_label(self) -> str:
        """排队中 / 正在读取 / 正在导入 M 行 / 完成 / 失败：原因."""
        if self.status == self.Status.RUNNING:
            if self.step == self.Step.READ:
                return "正在读取"
            return f"正在导入 {self.record_import.valid_count} 行"
        if self.status == self.Status.FAILED:
            return f"失败：{self.error}"
        return str(self.get_status_display())
