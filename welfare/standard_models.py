"""慰问标准: what a union gives one person for a kind of payout, and the most one person may
receive in a year. Rules differ by province and change, so each union keeps its own."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.models import UnionRecord
from records.money import MoneyField

from .choices import DisbursementKind, Festival


class WelfareStandard(UnionRecord):
    """One rule: for a kind (blank: every kind, only as a cap) and a festival (blank: every
    festival of the kind), the standard amount per payout and/or the yearly cap per person.
    Amounts are cash plus goods value. Passing either is a warning at entry, never a block."""

    kind = models.CharField(_("慰问类型"), max_length=20, choices=DisbursementKind.choices, blank=True)
    festival = models.CharField(_("节日"), max_length=20, choices=Festival.choices, blank=True)
    standard_amount = MoneyField(
        _("每次标准（元）"),
        null=True,
        blank=True,
        default=None,
        help_text=_("每人每次现金加物品折价；留空表示不设标准。"),
    )
    yearly_cap = MoneyField(
        _("每人每年上限（元）"),
        null=True,
        blank=True,
        default=None,
        help_text=_("同一人在一个统计年度内此类慰问的合计上限；留空表示不设上限。"),
    )
    notes = models.CharField(_("依据/说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("慰问标准")
        verbose_name_plural = _("慰问标准")
        ordering = ["kind", "festival", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "kind", "festival"],
                condition=models.Q(voided_at__isnull=True),
                name="welfare_standard_one_rule_per_kind",
                violation_error_message="该类型（及节日）已有慰问标准，请修改原标准。",
            ),
        ]

    def __str__(self) -> str:
        return self.scope_display

    @property
    def scope_display(self) -> str:
        if not self.kind:
            return "全部类型"
        label = str(DisbursementKind(self.kind).label)
        if self.kind == DisbursementKind.FESTIVAL:
            return f"{label}（{Festival(self.festival).label}）" if self.festival else f"{label}（全部节日）"
        return label

    def applies_to(self, kind: str, festival: str) -> bool:
        if self.kind and self.kind != kind:
            return False
        return not self.festival or self.festival == festival

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind != DisbursementKind.FESTIVAL and self.festival:
            errors["festival"] = "只有节日慰问可以按节日设标准。"
        if not self.kind and self.standard_amount is not None:
            errors["standard_amount"] = "“全部类型”只能设每年上限；每次标准请按类型设。"
        if self.standard_amount is None and self.yearly_cap is None:
            errors["standard_amount"] = "请填写每次标准或每年上限（至少一项）。"
        if errors:
            raise ValidationError(errors)


class LocalLivingLine(models.Model):
    """当地低保标准 (元/人/月) of the union's place, set by its admin on the 慰问标准 page.
    A new hardship file and a yearly review start from it; each keeps the line it was judged
    against, so raising the standard next year leaves earlier files as they were."""

    union = models.OneToOneField(
        "unions.Union", verbose_name=_("工会"), on_delete=models.CASCADE, related_name="welfare_living_line"
    )
    amount = MoneyField(
        _("当地低保标准（元/人/月）"),
        null=True,
        blank=True,
        default=None,
        help_text=_("城市居民最低生活保障标准，每人每月；新建困难职工档案和年度复核以此为默认值。"),
    )
    basis = models.CharField(
        _("依据/说明"), max_length=200, blank=True, help_text=_("如：某市民政局2026年标准。")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("当地低保标准")
        verbose_name_plural = _("当地低保标准")

    def __str__(self) -> str:
        return f"{self.amount}元/人/月" if self.amount is not None else "未设置"

    def audit_union(self):  # type: ignore[no-untyped-def]
        return self.union
