"""Export jobs (a workbook written in the background) and external reports (a workbook of a
union that is not on this system, imported by its higher-level union for the roll-up)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.choices import UnitKind
from records.dates import PlausibleDates
from records.models import UnionRecord
from unions.models import Union


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("正在导出")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
    EXPIRED = "expired", _("已过期")


class ExportJob(models.Model):
    """One annual workbook being written, or written, to MEDIA_ROOT/exports/.

    The file holds personal data: it is served only by the permission-checked download view
    and deleted after `WORKBOOK_EXPORT_KEEP_HOURS`.
    """

    union = models.ForeignKey(
        Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="workbook_exports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    # records.periods.Period.code of a half, quarter or year so far; blank for the year.
    period_code = models.CharField(_("统计期间"), max_length=20, blank=True)
    full_ids = models.BooleanField(_("完整身份证号"), default=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(_("预计行数"), default=0)
    progress_rows = models.PositiveIntegerField(_("已写行数"), default=0)
    file = models.FileField(_("文件"), max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(_("文件大小（字节）"), default=0)
    row_counts = models.JSONField(_("各表行数"), default=dict, blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导出人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # The queue's task (background.queue) and how many times it was started: a task whose
    # worker was killed is queued again up to TASK_MAX_ATTEMPTS, then the job fails.
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    requested_from = models.GenericIPAddressField(_("导出人IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("年报导出任务")
        verbose_name_plural = _("年报导出任务")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["union", "-created_at"], name="exportjob_union_created_idx")]

    def __str__(self) -> str:
        return f"{self.period.label}统计年报工作簿（{self.get_status_display()}）"

    @property
    def period(self):  # type: ignore[no-untyped-def]
        from records.periods import period_for, period_from_code

        if self.period_code:
            period = period_from_code(self.union, self.period_code)
            if period is not None:
                return period
        return period_for(self.union, self.year)

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED, ExportStatus.EXPIRED)

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.progress_rows * 100 // self.total_rows)

    @property
    def download_name(self) -> str:
        return f"{self.union.name}{self.period.label}统计年报.xlsx"


class SignatureStatus(models.TextChoices):
    """How an imported workbook's signature checked out (see workbook.signing)."""

    VERIFIED = "verified", _("已验证签名")
    UNSIGNED = "unsigned", _("未签名")
    UNKNOWN_KEY = "unknown_key", _("签名公钥未登记")
    INVALID = "invalid", _("签名无效")  # refused at import; never stored on a report

    @classmethod
    def needs_confirmation(cls, status: str) -> bool:
        return status in (cls.UNSIGNED, cls.UNKNOWN_KEY)


class RegisteredKey(UnionRecord):
    """A subordinate union's signing public key, registered by the higher-level union
    (`union`) that imports its workbooks. Workbooks that claim to be from `source_code` and
    are signed with this key are accepted as verified. A key is never deleted: it is
    withdrawn (作废), and reports verified with it keep saying so."""

    source_code = models.CharField(_("下级工会代码"), max_length=40)
    source_name = models.CharField(_("下级工会名称"), max_length=100)
    public_key = models.TextField(_("公钥（PEM）"))
    fingerprint = models.CharField(_("公钥指纹"), max_length=64)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("下级工会签名公钥")
        verbose_name_plural = _("下级工会签名公钥")
        ordering = ["source_name", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "source_code", "fingerprint"],
                condition=models.Q(voided_at__isnull=True),
                name="registeredkey_live_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_name}（{self.source_code}）的签名公钥"

    @property
    def fingerprint_grouped(self) -> str:
        from .signing import grouped

        return grouped(self.fingerprint)


class ExternalReport(UnionRecord):
    """The indicator figures of a union that is not on this system, read from a workbook
    it exported with this product and imported by a higher-level union (`union`).

    Its figures join the roll-up of `union` and of every union above it. A wrong import is
    voided (作废), never deleted, and a corrected file imported again.
    """

    source_name = models.CharField(_("填报单位"), max_length=100)
    source_code = models.CharField(_("填报单位代码"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年度"))
    period_start = models.DateField(_("统计期间起"))
    period_end = models.DateField(_("统计期间止"))
    units_included = models.PositiveIntegerField(
        _("汇总单位数"), default=1, help_text=_("文件本身是汇总表时，为其包含的工会数。")
    )
    # profiles.choices.UnitKind of the unit, as its workbook gives it (blank: not given).
    unit_kind = models.CharField(_("单位类型"), max_length=20, blank=True, choices=UnitKind.choices)
    # {indicator key: value as text}: text keeps money exact ("1234.50") through JSON.
    values = models.JSONField(_("指标数值"), default=dict)
    original_name = models.CharField(_("原文件名"), max_length=255)
    file_sha256 = models.CharField(_("文件 SHA-256"), max_length=64)
    indicator_digest = models.CharField(_("指标校验码"), max_length=64)
    exported_at = models.CharField(_("对方导出时间"), max_length=40, blank=True)
    # Reports imported before signatures existed had none: unsigned is the truth for them.
    signature_status = models.CharField(
        _("签名"), max_length=12, choices=SignatureStatus.choices, default=SignatureStatus.UNSIGNED
    )
    signature_key_id = models.CharField(_("签名公钥指纹"), max_length=64, blank=True)
    signing_key = models.ForeignKey(
        RegisteredKey,
        verbose_name=_("验证所用公钥"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("外部工会年报")
        verbose_name_plural = _("外部工会年报")
        ordering = ["-year", "source_name", "-id"]
        indexes = [models.Index(fields=["union", "year"], name="externalreport_union_year_idx")]

    def __str__(self) -> str:
        return f"{self.source_name}{self.year}年度统计年报"

    @property
    def is_verified(self) -> bool:
        return self.signature_status == SignatureStatus.VERIFIED

    @property
    def signature_label(self) -> str:
        """What the roll-up shows beside the figures."""
        return "已验证签名" if self.is_verified else "未验证签名"


class UnionFigures(PlausibleDates, models.Model):
    """One union's own indicators over a period, as of a day, under the data version they
    were computed at (workbook.figures_store). Derived data, shared by the web processes and
    the task worker so that a province's roll-up is computed once, not per process; not
    audited: logging these writes would move the version they are keyed by."""

    union = models.ForeignKey(Union, on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    as_of = models.DateField()  # contracts in force are counted as of this day
    version = models.BigIntegerField()
    values = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["union", "start", "end", "as_of"], name="union_figures_key")
        ]

    def __str__(self) -> str:
        return f"{self.union_id}：{self.start}至{self.end}（{self.as_of}）"
