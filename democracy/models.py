from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.models import TypicalCase, UnionRecord
from records.money import MoneyField

from .choices import (
    CongressKind,
    ContractKind,
    ContractScope,
    ContractStatus,
    DisclosureChannel,
    ProposalStatus,
)


def _foreign_union_errors(record: UnionRecord, *fields: str) -> dict[str, str]:
    """Related records must belong to the record's own union (forms scope the choices; this
    keeps services and imports honest too)."""
    errors = {}
    for name in fields:
        related = getattr(record, name)
        if related is not None and record.union_id and related.union_id != record.union_id:
            errors[name] = "所选对象不属于本工会。"
    return errors


class Congress(UnionRecord):
    """One session of the workers' congress (职代会/教代会), e.g. 第三届第二次."""

    session = models.CharField(_("届次"), max_length=40, help_text=_("如“第三届第二次”。"))
    date = models.DateField(_("召开日期"))
    kind = models.CharField(
        _("会议类型"), max_length=20, choices=CongressKind.choices, default=CongressKind.WORKERS
    )
    delegates_total = models.PositiveIntegerField(
        _("代表总数"), validators=[MinValueValidator(1, message="代表总数应大于0。")]
    )
    delegates_present = models.PositiveIntegerField(_("出席代表"))
    delegates_women = models.PositiveIntegerField(_("女代表"), default=0)
    items = models.TextField(
        _("审议事项"), blank=True, help_text=_("每行一项，如：工作报告、集体合同、福利方案。")
    )
    resolutions = models.TextField(_("形成决议"), blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("职代会")
        verbose_name_plural = _("职代会")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="congress_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.session}{self.get_kind_display()}"

    @property
    def item_list(self) -> list[str]:
        return [line.strip() for line in (self.items or "").splitlines() if line.strip()]

    @property
    def item_count(self) -> int:
        return len(self.item_list)

    def clean(self) -> None:
        self.session = (self.session or "").strip()
        errors: dict[str, str] = {}
        if not self.session:
            errors["session"] = "请填写届次，如“第三届第二次”。"
        total = self.delegates_total or 0
        if self.delegates_present is not None and self.delegates_present > total:
            errors["delegates_present"] = "出席代表人数不能多于代表总数。"
        if self.delegates_women is not None and self.delegates_women > total:
            errors["delegates_women"] = "女代表人数不能多于代表总数。"
        if errors:
            raise ValidationError(errors)


class Proposal(UnionRecord):
    """A delegate's proposal (提案) and how it was handled."""

    congress = models.ForeignKey(
        Congress,
        verbose_name=_("所属会议"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    number = models.CharField(_("提案编号"), max_length=30, blank=True)
    title = models.CharField(_("案由"), max_length=200)
    submitted_on = models.DateField(_("提出日期"))
    submitter = models.CharField(
        _("提案人"), max_length=100, blank=True, help_text=_("联名或非会员时填写；也可在下一项选择会员。")
    )
    submitter_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("提案人（会员）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    content = models.TextField(_("提案内容"), blank=True)
    status = models.CharField(
        _("办理状态"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.RECEIVED
    )
    department = models.CharField(_("承办部门"), max_length=100, blank=True)
    reply = models.TextField(_("答复意见"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("提案")
        verbose_name_plural = _("提案")
        ordering = ["-submitted_on", "-id"]
        indexes = [models.Index(fields=["union", "submitted_on"], name="proposal_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def submitter_label(self) -> str:
        names = [self.submitter_member.name] if self.submitter_member_id else []
        if self.submitter and self.submitter not in names:
            names.append(self.submitter)
        return "、".join(names)

    def clean(self) -> None:
        errors = _foreign_union_errors(self, "congress", "submitter_member")
        if not (self.submitter or "").strip() and not self.submitter_member_id:
            errors["submitter"] = "请填写提案人或选择会员。"
        if self.replied_on and self.submitted_on and self.replied_on < self.submitted_on:
            errors["replied_on"] = "答复日期不能早于提出日期。"
        if self.status == ProposalStatus.CLOSED:
            if not (self.reply or "").strip():
                errors["reply"] = "办结的提案须填写答复意见。"
            if not self.replied_on:
                errors.setdefault("replied_on", "办结的提案须填写答复日期。")
        if errors:
            raise ValidationError(errors)


class Disclosure(UnionRecord):
    """One item made public to the workforce (厂务公开/校务公开/院务公开)."""

    date = models.DateField(_("公开日期"))
    topic = models.CharField(_("公开事项"), max_length=200)
    channel = models.CharField(
        _("公开形式"), max_length=20, choices=DisclosureChannel.choices, default=DisclosureChannel.BOARD
    )
    content = models.TextField(_("公开内容"), blank=True)

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="disclosure_union_date_idx")]

    def __str__(self) -> str:
        return self.topic


class CollectiveContract(UnionRecord):
    """A collective contract (集体合同) or special agreement (专项集体合同) for a term."""

    kind = models.CharField(
        _("合同类型"), max_length=20, choices=ContractKind.choices, default=ContractKind.GENERAL
    )
    title = models.CharField(_("合同名称"), max_length=200)
    scope = models.CharField(
        _("合同范围"),
        max_length=10,
        choices=ContractScope.choices,
        default=ContractScope.UNIT,
        blank=True,  # not chosen: a unit's own contract
        help_text=_("乡镇、街道或县总工会代表一个区域或行业的职工签订的，选区域性或行业性。"),
    )
    units_covered = models.PositiveIntegerField(
        _("覆盖单位数"), default=1, blank=True, help_text=_("区域性、行业性集体合同覆盖的企业（单位）数。")
    )
    signed_on = models.DateField(_("签订日期"))
    start_date = models.DateField(_("生效日期"))
    end_date = models.DateField(_("终止日期"))
    workers_covered = models.PositiveIntegerField(
        _("覆盖职工人数"), validators=[MinValueValidator(1, message="覆盖职工人数应大于0。")]
    )
    wage_growth = models.DecimalField(
        _("约定工资增幅（%）"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0"), message="工资增幅应在0至100之间。"),
            MaxValueValidator(Decimal("100"), message="工资增幅应在0至100之间。"),
        ],
    )
    negotiation_rounds = models.PositiveSmallIntegerField(_("工资集体协商次数"), default=0)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("集体合同")
        verbose_name_plural = _("集体合同")
        ordering = ["-signed_on", "-id"]
        indexes = [
            models.Index(fields=["union", "signed_on"], name="contract_union_signed_idx"),
            models.Index(fields=["union", "end_date"], name="contract_union_end_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.scope = self.scope or ContractScope.UNIT
        self.units_covered = self.units_covered or 1
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "终止日期应晚于生效日期。"})
        if self.scope == ContractScope.UNIT and self.units_covered != 1:
            raise ValidationError(
                {"units_covered": "单位集体合同只覆盖本单位；覆盖多家单位的请选区域性或行业性。"}
            )

    def status_on(self, day: dt.date) -> ContractStatus:
        if day < self.start_date:
            return ContractStatus.PENDING
        return ContractStatus.EXPIRED if day > self.end_date else ContractStatus.IN_FORCE

    @property
    def status(self) -> ContractStatus:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def term_label(self) -> str:
        return f"{self.start_date:%Y-%m-%d} 至 {self.end_date:%Y-%m-%d}"


class Suggestion(UnionRecord, TypicalCase):
    """A rationalisation proposal (合理化建议) and whether it was adopted."""

    title = models.CharField(_("建议名称"), max_length=200)
    date = models.DateField(_("提出日期"))
    submitter = models.CharField(
        _("建议人"), max_length=100, blank=True, help_text=_("联名或非会员时填写；也可在下一项选择会员。")
    )
    submitter_member = models.ForeignKey(
        "members.Member",
        verbose_name=_("建议人（会员）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    content = models.TextField(_("建议内容"), blank=True)
    adopted = models.BooleanField(_("已采纳"), default=False)
    adopted_on = models.DateField(_("采纳日期"), null=True, blank=True)
    benefit = MoneyField(_("创造效益（元）"), blank=True)

    class Meta:
        verbose_name = _("合理化建议")
        verbose_name_plural = _("合理化建议")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="suggestion_union_date_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def submitter_label(self) -> str:
        names = [self.submitter_member.name] if self.submitter_member_id else []
        if self.submitter and self.submitter not in names:
            names.append(self.submitter)
        return "、".join(names)

    def clean(self) -> None:
        errors = _foreign_union_errors(self, "submitter_member")
        if not (self.submitter or "").strip() and not self.submitter_member_id:
            errors["submitter"] = "请填写建议人或选择会员。"
        if self.benefit is None:
            self.benefit = Decimal("0")
        if not self.adopted:
            if self.benefit > 0:
                errors["benefit"] = "未采纳的建议不能填写创造效益。"
            if self.adopted_on:
                errors["adopted_on"] = "未采纳的建议不能填写采纳日期。"
        elif self.adopted_on and self.date and self.adopted_on < self.date:
            errors["adopted_on"] = "采纳日期不能早于提出日期。"
        if errors:
            raise ValidationError(errors)


class JointMeeting(UnionRecord):
    """A joint meeting of party, management and union (党政工联席会)."""

    date = models.DateField(_("会议日期"))
    topic = models.CharField(_("会议议题"), max_length=200)
    attendees = models.TextField(_("参会人员"), blank=True)
    decisions = models.TextField(_("议定事项"), blank=True)

    class Meta:
        verbose_name = _("党政工联席会")
        verbose_name_plural = _("党政工联席会")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="jointmeeting_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.topic}"
