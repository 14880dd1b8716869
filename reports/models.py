from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.db.models.functions import Coalesce, Length
from django.utils.translation import gettext_lazy as _

from records.dates import PlausibleDates
from records.periods import Period, PeriodKind, build_period


def section_text_limit() -> int:
    """Characters staff may write in one section (or the opening or closing)."""
    return int(settings.REPORT_SECTION_MAX_CHARS)


def report_text_limit() -> int:
    """Characters staff may write in one report: opening, closing and every section."""
    return int(settings.REPORT_MAX_CHARS)


def _too_long(text: str, what: str) -> str | None:
    limit = section_text_limit()
    if len(text) <= limit:
        return None
    return f"{what}共 {len(text):,} 字，超过每段 {limit:,} 字的上限，请精简后再保存。"


def _report_too_long(total: int) -> str | None:
    limit = report_text_limit()
    if total <= limit:
        return None
    return f"全文（开头、结尾和各章节合计）将有 {total:,} 字，超过 {limit:,} 字的上限，请精简后再保存。"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    FINAL = "final", _("已定稿")


class Report(PlausibleDates, models.Model):
    """A union's annual work summary (年度工作总结) for one reporting period.

    A draft shows live figures from the records; finalising freezes text and figures into
    a snapshot and stores the PDF. A new draft can start from a finalised report.
    """

    union = models.ForeignKey(
        "unions.Union", verbose_name=_("工会"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    # The period the report covers (records.periods): a year, a half, a quarter or the year to
    # a day; its dates are kept so that a later change of the union's start month leaves it be.
    period_kind = models.CharField(
        _("期间类型"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.YEAR
    )
    period_part = models.PositiveSmallIntegerField(_("半年/季度"), default=0)
    period_start = models.DateField(_("期间起"), null=True, blank=True)
    period_end = models.DateField(_("期间止"), null=True, blank=True)
    title = models.CharField(_("标题"), max_length=120)
    opening = models.TextField(_("开头段落"), blank=True)
    closing = models.TextField(_("结尾段落"), blank=True)
    signature = models.CharField(_("落款单位"), max_length=120, blank=True)
    signed_on = models.DateField(_("成文日期"), null=True, blank=True)
    include_appendix = models.BooleanField(_("附统计表"), default=True)
    include_charts = models.BooleanField(_("附统计图"), default=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("基于定稿"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # Set when finalised: the frozen document and its PDF.
    finalised_at = models.DateTimeField(_("定稿时间"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("定稿人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    snapshot = models.JSONField(_("定稿内容"), null=True, blank=True, editable=False)
    pdf = models.FileField(_("定稿PDF"), upload_to="reports/%Y/", blank=True, editable=False)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("年度工作总结")
        verbose_name_plural = _("年度工作总结")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year", "period_kind", "period_part"],
                condition=models.Q(status="draft"),
                name="one_draft_report_per_union_period",
                violation_error_message="该期间已有一份草稿。",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.status == ReportStatus.FINAL

    @property
    def period(self) -> Period:
        """The period as stored; rows from before periods were stored are calendar-made."""
        if self.period_start and self.period_end:
            return Period(self.year, self.period_start, self.period_end, self.period_kind, self.period_part)
        return build_period(self.union, kind=PeriodKind.YEAR, year=self.year)

    def set_period(self, period: Period) -> None:
        self.year = period.year
        self.period_kind = period.kind
        self.period_part = period.part
        self.period_start, self.period_end = period.start, period.end

    def section_text_length(self, *, excluding: int | None = None) -> int:
        """Characters of staff text in the saved sections (but the one `excluding`)."""
        if self.pk is None:
            return 0
        sections = ReportSection.objects.filter(report_id=self.pk)
        if excluding is not None:
            sections = sections.exclude(pk=excluding)
        total = sections.aggregate(n=Coalesce(Sum(Length("staff_text")), 0))["n"]
        # Text placed between generated paragraphs counts too (a few sections hold any).
        for placed in sections.values_list("placed_text", flat=True):
            total += sum(len(str(text)) for text in (placed or {}).values())
        return total

    def clean(self) -> None:
        # Staff text is bounded here, where every path (form, service, admin, command) passes,
        # because a long enough text holds a PDF worker for minutes.
        errors = {}
        for name, what in (("opening", "开头段落"), ("closing", "结尾段落")):
            message = _too_long(getattr(self, name) or "", what)
            if message:
                errors[name] = message
        if errors:
            raise ValidationError(errors)
        total = len(self.opening or "") + len(self.closing or "") + self.section_text_length()
        message = _report_too_long(total)
        if message:
            raise ValidationError(message)


OWN_PREFIX = "own-"


class ReportSection(models.Model):
    """One section of a report as staff arranged it: included or not, its place, its
    heading and the text staff wrote. Generated text is never stored for drafts: it is
    made from the records each time, so staff text and figures never overwrite each other."""

    report = models.ForeignKey(
        Report, verbose_name=_("总结"), on_delete=models.CASCADE, related_name="sections"
    )
    key = models.CharField(_("章节"), max_length=40)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    included = models.BooleanField(_("纳入总结"), default=True)
    heading = models.CharField(_("标题"), max_length=120)
    use_generated = models.BooleanField(_("使用自动生成的文字"), default=True)
    staff_text = models.TextField(_("工作人员撰写"), blank=True)  # after the generated text
    # Staff text placed before ("^") or after a generated paragraph, by the paragraph's name
    # (reports/arrangement.py), and the generated paragraphs staff switched off.
    placed_text = models.JSONField(_("插入段落的文字"), default=dict, blank=True)
    paragraphs_off = models.JSONField(_("不用的自动段落"), default=list, blank=True)
    # The figures as they were when staff last saved, to show what changed since.
    figures_seen = models.JSONField(_("上次编辑时的数据"), default=dict, blank=True)
    edited_at = models.DateTimeField(_("最近编辑"), null=True, blank=True)

    class Meta:
        verbose_name = _("总结章节")
        verbose_name_plural = _("总结章节")
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_section_per_key")]

    def __str__(self) -> str:
        return self.heading

    def audit_union(self):  # type: ignore[no-untyped-def]
        return self.report.union

    @property
    def written(self) -> str:
        """Everything staff wrote in the section, wherever it is placed."""
        return "\n".join(
            [*(str(t) for t in (self.placed_text or {}).values()), self.staff_text or ""]
        ).strip()

    @property
    def is_own(self) -> bool:
        """A section staff added (主要做法, 基本经验, 意见和建议 …), not one of the registry's."""
        return self.key.startswith(OWN_PREFIX)

    def clean(self) -> None:
        text = self.written
        message = _too_long(text, f"“{self.heading}”的文字")
        if message:
            raise ValidationError({"staff_text": message})
        report = self.report
        total = (
            len(report.opening or "")
            + len(report.closing or "")
            + report.section_text_length(excluding=self.pk)
            + len(text)
        )
        message = _report_too_long(total)
        if message:
            raise ValidationError({"staff_text": message})


class FinaliseStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("正在定稿")
    DONE = "done", _("已定稿")
    FAILED = "failed", _("未能定稿")


class FinaliseJob(models.Model):
    """One leader's "定稿" of a report, run by a task worker (reports/finalising.py): the
    PDF is printed off the request path and the page shows how it went."""

    union = models.ForeignKey(
        "unions.Union", verbose_name=_("工会"), on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(
        Report, verbose_name=_("总结"), on_delete=models.CASCADE, related_name="finalise_jobs"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=FinaliseStatus.choices, default=FinaliseStatus.PENDING
    )
    error = models.TextField(_("错误信息"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("定稿人"), on_delete=models.PROTECT, related_name="+"
    )
    requested_from = models.GenericIPAddressField(_("定稿人IP"), null=True, blank=True)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("定稿任务")
        verbose_name_plural = _("定稿任务")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report}（{self.get_status_display()}）"

    @property
    def is_finished(self) -> bool:
        return self.status in (FinaliseStatus.DONE, FinaliseStatus.FAILED)


class DraftPdfStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("正在生成")
    DONE = "done", _("完成")
    FAILED = "failed", _("失败")
    EXPIRED = "expired", _("已过期")  # replaced by a newer version's PDF, or the report was finalised


IN_FLIGHT = (DraftPdfStatus.PENDING, DraftPdfStatus.RUNNING)


class DraftPdfJob(models.Model):
    """The PDF of a draft, printed by a task worker (reports/draft_pdf.py) and kept while the
    draft's printed content is unchanged, so a repeated download is served without a render.

    `digest` names the version: the SHA-256 of the print HTML. It is the version asked for
    while the job waits and the version printed once it is done; a download whose digest no
    longer matches the draft is stale and is printed again."""

    union = models.ForeignKey(
        "unions.Union", verbose_name=_("工会"), on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(
        Report, verbose_name=_("总结"), on_delete=models.CASCADE, related_name="draft_pdf_jobs"
    )
    digest = models.CharField(_("内容摘要"), max_length=64)
    status = models.CharField(
        _("状态"), max_length=10, choices=DraftPdfStatus.choices, default=DraftPdfStatus.PENDING
    )
    error = models.TextField(_("错误信息"), blank=True)
    file = models.FileField(_("文件"), max_length=200, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("文件大小（字节）"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("请求人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_from = models.GenericIPAddressField(_("请求人IP"), null=True, blank=True)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("草稿PDF任务")
        verbose_name_plural = _("草稿PDF任务")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Two clicks on 下载 PDF wait for one print of the same version.
            models.UniqueConstraint(
                fields=["report", "digest"],
                condition=models.Q(status__in=["pending", "running"]),
                name="one_draft_pdf_job_under_way",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}草稿PDF（{self.get_status_display()}）"

    @property
    def is_finished(self) -> bool:
        return self.status not in IN_FLIGHT


# The optional red header (红头) lives in its own module; imported here so Django finds it.
from .official import OfficialNumber, OfficialStyle  # noqa: E402,F401
