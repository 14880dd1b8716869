from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.models import TypicalCase, UnionRecord
from records.money import ZERO, MoneyField

from .choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel


def _at_least_one(label: str) -> list[MinValueValidator]:
    return [MinValueValidator(1, message=f"{label}应至少为1。")]


class MediationCase(UnionRecord, TypicalCase):
    """A labour dispute brought to the union's mediation committee (劳动争议调解)."""

    received_on = models.DateField(_("受理日期"))
    parties = models.CharField(_("当事人"), max_length=200)
    subject = models.CharField(_("争议事项"), max_length=200)
    dispute_type = models.CharField(
        _("争议类型"), max_length=20, choices=DisputeType.choices, default=DisputeType.PAY
    )
    workers_involved = models.PositiveIntegerField(
        _("涉及职工人数"), default=1, validators=_at_least_one("涉及职工人数")
    )
    outcome = models.CharField(
        _("处理结果"), max_length=20, choices=MediationOutcome.choices, default=MediationOutcome.PENDING
    )
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    amount_recovered = MoneyField(_("追讨金额（元）"), blank=True, help_text=_("为职工追回的工资、补偿等。"))
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("劳动争议调解")
        verbose_name_plural = _("劳动争议调解")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["union", "received_on"], name="mediation_union_date_idx")]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.amount_recovered is None:
            self.amount_recovered = ZERO
        if self.outcome == MediationOutcome.PENDING:
            if self.closed_on:
                errors["closed_on"] = "处理中的案件不能填写结案日期。"
        elif not self.closed_on:
            errors["closed_on"] = "已结案的案件须填写结案日期。"
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            errors["closed_on"] = "结案日期不能早于受理日期。"
        if self.outcome == MediationOutcome.FAILED and self.amount_recovered > 0:
            errors["amount_recovered"] = "调解不成的案件不能填写追讨金额。"
        if errors:
            raise ValidationError(errors)


class LegalAid(UnionRecord, TypicalCase):
    """Legal advice given (法律咨询, counted in 人次) or a case represented (代理案件)."""

    date = models.DateField(_("日期"))
    kind = models.CharField(
        _("类型"), max_length=20, choices=LegalAidKind.choices, default=LegalAidKind.CONSULTATION
    )
    persons = models.PositiveIntegerField(_("人次"), default=1, validators=_at_least_one("人次"))
    subject = models.CharField(_("事项"), max_length=200)
    # Workers a represented case acts for (a wage claim for a whole crew), and the migrant
    # workers among them: the summaries say "代理…件，涉及农民工208名".
    workers_represented = models.PositiveIntegerField(
        _("涉及职工人数"), default=0, blank=True, help_text=_("代理案件涉及的职工人数；法律咨询不填。")
    )
    migrant_workers = models.PositiveIntegerField(_("其中：农民工"), default=0, blank=True)
    outcome = models.TextField(_("处理结果"), blank=True)
    amount_recovered = MoneyField(_("追讨金额（元）"), blank=True)

    class Meta:
        verbose_name = _("法律援助")
        verbose_name_plural = _("法律援助")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="legalaid_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.subject}"

    def clean(self) -> None:
        if self.amount_recovered is None:
            self.amount_recovered = ZERO
        self.workers_represented = self.workers_represented or 0
        self.migrant_workers = self.migrant_workers or 0
        if self.migrant_workers > self.workers_represented:
            raise ValidationError(
                {
                    "migrant_workers": f"农民工（{self.migrant_workers}人）不能多于涉及职工人数"
                    f"（{self.workers_represented}人）。"
                }
            )


class Petition(UnionRecord):
    """Letters and visits (来信来访) received from workers."""

    date = models.DateField(_("日期"))
    channel = models.CharField(
        _("方式"), max_length=20, choices=PetitionChannel.choices, default=PetitionChannel.VISIT
    )
    cases = models.PositiveIntegerField(_("件次"), default=1, validators=_at_least_one("件次"))
    persons = models.PositiveIntegerField(_("人次"), default=1, validators=_at_least_one("人次"))
    collective = models.BooleanField(
        _("集体访"), default=False, help_text=_("多名职工集体来访（件次按起计，人次按来访人数计）。")
    )
    subject = models.CharField(_("反映事项"), max_length=200)
    handling = models.TextField(_("办理情况"), blank=True)
    resolved = models.BooleanField(_("已办结"), default=False)

    class Meta:
        verbose_name = _("来信来访")
        verbose_name_plural = _("来信来访")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="petition_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}：{self.subject}"

    def clean(self) -> None:
        if self.collective and self.persons is not None and self.persons < 2:
            raise ValidationError({"persons": "集体访的来访人数应至少为2人。"})
