"""Welfare records: hardship files and their yearly reviews, disbursements (帮扶慰问发放) with
their approval workflow, festival batches, and donation drives."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.models import TypicalCase, UnionRecord
from records.money import ZERO, MoneyField

from .archive_models import ArchiveFacts, IncomeBySource
from .choices import (
    DisbursementKind,
    DisbursementStatus,
    DonationKind,
    Festival,
    FundingSource,
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
    ReviewConclusion,
)

CENT = Decimal("0.01")
MONTHS = 12
HOUSEHOLD_SIZE_MESSAGE = "家庭人口至少为1人。"


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of `value`, or the value itself when it is not one of `choices`."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def monthly_per_capita(annual_income: Decimal | None, household_size: int | None) -> Decimal | None:
    """Monthly income per household member: annual income / size / 12, rounded to the cent."""
    if annual_income is None or not household_size or household_size < 1:
        return None
    return (Decimal(annual_income) / household_size / MONTHS).quantize(CENT, ROUND_HALF_UP)


def _below(per_capita: Decimal | None, line: Decimal | None) -> bool | None:
    """Whether income is below the 低保 line; None when either is unknown."""
    if per_capita is None or line is None:
        return None
    return per_capita < line


class HardshipFile(UnionRecord, TypicalCase, ArchiveFacts):
    """困难职工档案: a member in difficulty, reviewed each year until the household leaves
    hardship (脱困). A member has at most one open file at a time. The archive's further facts
    (income by source, housing, health, family members) are in `archive_models`."""

    member = models.ForeignKey(
        "members.Member", verbose_name=_("会员"), on_delete=models.PROTECT, related_name="hardship_files"
    )
    category = models.CharField(_("困难类别"), max_length=20, choices=HardshipCategory.choices)
    main_cause = models.CharField(_("主要致困原因"), max_length=20, choices=HardshipCause.choices)
    # Up to three further causes; three columns rather than a list, so that the audit log,
    # the ledger and filters show and query them like any other choice.
    other_cause_1 = models.CharField(
        _("其他致困原因一"), max_length=20, choices=HardshipCause.choices, blank=True
    )
    other_cause_2 = models.CharField(
        _("其他致困原因二"), max_length=20, choices=HardshipCause.choices, blank=True
    )
    other_cause_3 = models.CharField(
        _("其他致困原因三"), max_length=20, choices=HardshipCause.choices, blank=True
    )
    household_size = models.PositiveSmallIntegerField(
        _("家庭人口"), default=1, validators=[MinValueValidator(1, message=HOUSEHOLD_SIZE_MESSAGE)]
    )
    annual_household_income = MoneyField(_("家庭年收入（元）"))
    local_minimum_living_line = MoneyField(
        _("当地低保标准（元/月）"),
        null=True,
        blank=True,
        default=None,
        help_text=_("每人每月，用于比较家庭月人均收入。"),
    )
    status = models.CharField(
        _("档案状态"), max_length=10, choices=HardshipStatus.choices, default=HardshipStatus.OPEN
    )
    opened_on = models.DateField(_("建档日期"))
    closed_on = models.DateField(_("脱困日期"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("最近复核日期"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("困难职工档案")
        verbose_name_plural = _("困难职工档案")
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["union", "status"], name="hardship_union_status_idx"),
            models.Index(fields=["union", "opened_on"], name="hardship_union_opened_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status="open", voided_at__isnull=True),
                name="hardship_one_open_file_per_member",
                violation_error_message="该会员已有在档的困难职工档案，不能重复建档。",
            ),
            models.CheckConstraint(
                condition=models.Q(household_size__gte=1), name="hardship_household_size_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(closed_on__isnull=False),
                name="hardship_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}（{self.get_category_display()}）"

    @property
    def other_causes(self) -> list[str]:
        return [c for c in (self.other_cause_1, self.other_cause_2, self.other_cause_3) if c]

    @property
    def causes_display(self) -> str:
        labels = dict(HardshipCause.choices)
        return "、".join(str(labels.get(c, c)) for c in [self.main_cause, *self.other_causes] if c)

    @property
    def monthly_per_capita_income(self) -> Decimal | None:
        return monthly_per_capita(self.annual_household_income, self.household_size)

    @property
    def below_minimum_living_line(self) -> bool | None:
        """True when the monthly per-capita income is below the local 低保 line; None when no
        line is recorded."""
        return _below(self.monthly_per_capita_income, self.local_minimum_living_line)

    @property
    def is_open(self) -> bool:
        return self.status == HardshipStatus.OPEN

    def clean(self) -> None:
        self.apply_income_sources()
        errors: dict[str, str] = self.archive_errors()
        others = self.other_causes
        if self.main_cause and self.main_cause in others:
            errors["other_cause_1"] = "其他致困原因不能与主要致困原因相同。"
        elif len(set(others)) != len(others):
            errors["other_cause_1"] = "其他致困原因不能重复。"
        else:
            # Keep the filled causes first, so "the first other cause" always means something.
            self.other_cause_1, self.other_cause_2, self.other_cause_3 = (others + ["", "", ""])[:3]
        if self.status == HardshipStatus.CLOSED and not self.closed_on:
            errors["closed_on"] = "档案状态为脱困时，请填写脱困日期。"
        if self.status == HardshipStatus.OPEN and self.closed_on:
            errors["closed_on"] = "在档的档案不应有脱困日期：请清空脱困日期，或将状态改为脱困。"
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            errors["closed_on"] = "脱困日期不能早于建档日期。"
        if self.opened_on and self.last_reviewed_on and self.last_reviewed_on < self.opened_on:
            errors["last_reviewed_on"] = "复核日期不能早于建档日期。"
        if self.member_id and self.union_id:
            if self.member.union_id != self.union_id:
                errors["member"] = "所选会员不属于本工会。"
            elif self.status == HardshipStatus.OPEN and not self.is_void:
                clash = (
                    HardshipFile.objects.live()
                    .filter(member_id=self.member_id, status=HardshipStatus.OPEN)
                    .exclude(pk=self.pk)
                    .first()
                )
                if clash:
                    errors["member"] = (
                        f"该会员已有在档的困难职工档案（{clash.opened_on:%Y-%m-%d}建档），"
                        "不能重复建档；请在原档案上复核。"
                    )
        if errors:
            raise ValidationError(errors)


class HardshipReview(UnionRecord, IncomeBySource):
    """年度复核: the figures of a hardship file as found at one review, and the conclusion.
    The file itself carries the latest figures; the reviews keep the history."""

    file = models.ForeignKey(
        HardshipFile, verbose_name=_("困难职工档案"), on_delete=models.PROTECT, related_name="reviews"
    )
    reviewed_on = models.DateField(_("复核日期"))
    category = models.CharField(_("困难类别"), max_length=20, choices=HardshipCategory.choices)
    household_size = models.PositiveSmallIntegerField(
        _("家庭人口"), validators=[MinValueValidator(1, message=HOUSEHOLD_SIZE_MESSAGE)]
    )
    annual_household_income = MoneyField(_("家庭年收入（元）"))
    local_minimum_living_line = MoneyField(_("当地低保标准（元/月）"), null=True, blank=True, default=None)
    conclusion = models.CharField(_("复核结论"), max_length=10, choices=ReviewConclusion.choices)
    notes = models.TextField(_("复核说明"), blank=True)

    class Meta:
        verbose_name = _("困难职工档案复核")
        verbose_name_plural = _("困难职工档案复核")
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["union", "reviewed_on"], name="hardship_review_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.file.member} {self.reviewed_on:%Y-%m-%d} 复核"

    @property
    def monthly_per_capita_income(self) -> Decimal | None:
        return monthly_per_capita(self.annual_household_income, self.household_size)

    @property
    def below_minimum_living_line(self) -> bool | None:
        return _below(self.monthly_per_capita_income, self.local_minimum_living_line)

    def clean(self) -> None:
        self.apply_income_sources()
        if self.file_id and self.reviewed_on and self.reviewed_on < self.file.opened_on:
            raise ValidationError({"reviewed_on": "复核日期不能早于建档日期。"})
        if self.file_id and self.union_id and self.file.union_id != self.union_id:
            raise ValidationError("复核记录与档案不属于同一工会。")


class DisbursementBatch(UnionRecord):
    """One festival (or other) handout entered for many members at once; its records are
    ordinary disbursements that point back here, so the batch can be submitted and approved
    together."""

    title = models.CharField(_("批次名称"), max_length=100)
    date = models.DateField(_("发放日期"))
    kind = models.CharField(
        _("类型"), max_length=20, choices=DisbursementKind.choices, default=DisbursementKind.FESTIVAL
    )
    festival = models.CharField(_("节日"), max_length=20, choices=Festival.choices, blank=True)
    cash_amount = MoneyField(_("每人现金（元）"))
    goods_description = models.CharField(_("每人慰问物品"), max_length=200, blank=True)
    goods_value = MoneyField(_("每人物品折价（元）"))
    funding_source = models.CharField(_("资金来源"), max_length=20, choices=FundingSource.choices)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("批量发放")
        verbose_name_plural = _("批量发放")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="batch_union_date_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def per_person_total(self) -> Decimal:
        return (self.cash_amount or ZERO) + (self.goods_value or ZERO)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == DisbursementKind.FESTIVAL and not self.festival:
            errors["festival"] = "节日慰问请选择节日。"
        if self.kind and self.kind != DisbursementKind.FESTIVAL:
            self.festival = ""
        if self.per_person_total <= ZERO:
            errors["cash_amount"] = "每人现金和物品折价不能都为零。"
        if (self.goods_value or ZERO) > ZERO and not self.goods_description.strip():
            errors["goods_description"] = "填写了物品折价，请注明慰问物品。"
        if errors:
            raise ValidationError(errors)


class Disbursement(UnionRecord, TypicalCase):
    """帮扶慰问发放记录: money or goods given to a member, or to a named person who is not one
    (a retiree, a family), with the approval workflow 草稿 → 待审批 → 已审批/已退回 → 已发放.

    Status changes go through `welfare.services` only: they are conditional updates so two
    people acting at once cannot both move the same record.
    """

    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=20, choices=DisbursementKind.choices)
    festival = models.CharField(
        _("节日"), max_length=20, choices=Festival.choices, blank=True, help_text=_("节日慰问时必填。")
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("会员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    recipient_name = models.CharField(
        _("非会员受助人"),
        max_length=50,
        blank=True,
        help_text=_("受助人不是本会会员时填写姓名（如退休职工、家属），不选会员。"),
    )
    recipient_relation = models.CharField(
        _("受助人说明"), max_length=100, blank=True, help_text=_("如：退休职工、某某的家属。")
    )
    hardship_file = models.ForeignKey(
        HardshipFile,
        verbose_name=_("困难职工档案"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disbursements",
    )
    cash_amount = MoneyField(_("现金（元）"))
    goods_description = models.CharField(_("慰问物品"), max_length=200, blank=True)
    goods_value = MoneyField(_("物品折价（元）"))
    funding_source = models.CharField(_("资金来源"), max_length=20, choices=FundingSource.choices)
    notes = models.TextField(_("备注"), blank=True)
    batch = models.ForeignKey(
        DisbursementBatch,
        verbose_name=_("批量发放"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disbursements",
    )

    status = models.CharField(
        _("状态"), max_length=10, choices=DisbursementStatus.choices, default=DisbursementStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("退回人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rejected_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    reject_reason = models.CharField(_("退回原因"), max_length=200, blank=True)
    paid_on = models.DateField(_("发放日期"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发放登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("帮扶慰问发放")
        verbose_name_plural = _("帮扶慰问发放")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["union", "date"], name="disbursement_union_date_idx"),
            models.Index(fields=["union", "status"], name="disbursement_union_status_idx"),
            models.Index(fields=["union", "paid_on"], name="disbursement_union_paid_idx"),
            # The few 典型事例 a summary names, found without reading the year's payouts.
            models.Index(
                fields=["union", "date"], condition=models.Q(is_typical=True), name="disbursement_typical_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(member__isnull=False, recipient_name="")
                    | (models.Q(member__isnull=True) & ~models.Q(recipient_name=""))
                ),
                name="disbursement_exactly_one_recipient",
                violation_error_message="请选择会员，或填写非会员受助人姓名（二者只填其一）。",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(paid_on__isnull=False),
                name="disbursement_paid_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(cash_amount__gte=0, goods_value__gte=0),
                name="disbursement_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.kind_display} · {self.recipient_display}"

    @property
    def kind_display(self) -> str:
        # Labels read from the enums: get_FOO_display() rebuilds the whole choice dict per
        # call, which bulk paths (imports, audit entries' object_repr) pay per record.
        label = choice_label(DisbursementKind, self.kind)
        if self.kind == DisbursementKind.FESTIVAL and self.festival:
            return f"{label}（{choice_label(Festival, self.festival)}）"
        return label

    @property
    def recipient_display(self) -> str:
        if self.member_id:
            return str(self.member)
        if self.recipient_relation:
            return f"{self.recipient_name}（{self.recipient_relation}）"
        return self.recipient_name

    @property
    def total(self) -> Decimal:
        return (self.cash_amount or ZERO) + (self.goods_value or ZERO)

    @property
    def is_counted(self) -> bool:
        """Counted in the year's figures: approved or paid, and not voided."""
        return not self.is_void and self.status in (DisbursementStatus.APPROVED, DisbursementStatus.PAID)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.recipient_name = " ".join((self.recipient_name or "").split())
        if bool(self.member_id) == bool(self.recipient_name):
            errors["recipient_name"] = "请选择会员，或填写非会员受助人姓名（二者只填其一）。"
        if self.kind == DisbursementKind.FESTIVAL and not self.festival:
            errors["festival"] = "节日慰问请选择节日。"
        if self.kind and self.kind != DisbursementKind.FESTIVAL:
            self.festival = ""
        if self.member_id and self.union_id and self.member.union_id != self.union_id:
            errors["member"] = "所选会员不属于本工会。"
        if self.hardship_file_id and self.hardship_file.member_id != self.member_id:
            errors["hardship_file"] = "所选困难职工档案不属于该受助会员。"
        if (self.cash_amount or ZERO) + (self.goods_value or ZERO) <= ZERO:
            errors["cash_amount"] = "现金和物品折价不能都为零。"
        if (self.goods_value or ZERO) > ZERO and not self.goods_description.strip():
            errors["goods_description"] = "填写了物品折价，请注明慰问物品。"
        if errors:
            raise ValidationError(errors)


class DonationDrive(UnionRecord):
    """捐款活动: a collection among the members (一日捐, 灾区捐款)."""

    title = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=DonationKind.choices)
    date = models.DateField(_("日期"))
    participants = models.PositiveIntegerField(_("参与人次"), default=0)
    amount_raised = MoneyField(_("捐款金额（元）"))
    beneficiary = models.CharField(_("受助对象/用途"), max_length=200, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("捐款活动")
        verbose_name_plural = _("捐款活动")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="donation_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.title}（{self.date:%Y-%m-%d}）"

    def clean(self) -> None:
        if self.amount_raised and self.amount_raised > ZERO and not self.participants:
            raise ValidationError({"participants": "有捐款金额时，请填写参与人次。"})


from .archive_models import HardshipFamilyMember  # noqa: E402,F401  (a model of this app)
from .attachment_models import WelfareAttachment  # noqa: E402,F401  (a model of this app)
from .standard_models import LocalLivingLine, WelfareStandard  # noqa: E402,F401  (models of this app)
