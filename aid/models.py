"""The services an aid centre runs for workers who are mostly not its members: relief and
student aid counted in persons and 元 (a centre helps thousands, one line per programme or
month, not per person), training, job placement, re-employment bases and small loans."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.models import TypicalCase, UnionRecord
from records.money import ZERO, MoneyField

from .choices import MEASURES, MONEY_KINDS, ServiceKind


class AidService(UnionRecord, TypicalCase):
    date = models.DateField(_("日期"), help_text=_("开展或发放的日期；按月汇总的填当月最后一天。"))
    kind = models.CharField(_("服务类型"), max_length=20, choices=ServiceKind.choices)
    title = models.CharField(
        _("项目名称"), max_length=100, help_text=_("如：日常临时救助、SYB创业培训、家政服务培训班。")
    )
    persons = models.PositiveIntegerField(
        _("人数"), default=0, blank=True, help_text=_("救助、资助、培训、接待或借款的人数。")
    )
    items = models.PositiveIntegerField(
        _("数量"), default=0, blank=True, help_text=_("培训期数、就业信息条数或新增基地家数。")
    )
    placed = models.PositiveIntegerField(
        _("安置（带动）就业人数"),
        default=0,
        blank=True,
        help_text=_("职业介绍、再就业基地、小额借款带来的就业。"),
    )
    amount = MoneyField(_("金额（元）"), blank=True, help_text=_("救助金、助学款或借款金额。"))
    non_members = models.BooleanField(
        _("受助者为非会员"), default=True, help_text=_("帮扶中心服务的困难职工、失业人员多不是本会会员。")
    )
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("帮扶中心服务")
        verbose_name_plural = _("帮扶中心服务")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="aidservice_union_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    def clean(self) -> None:
        self.persons, self.items, self.placed = self.persons or 0, self.items or 0, self.placed or 0
        if self.amount is None:
            self.amount = ZERO
        if self.kind not in MEASURES:
            return
        persons_label, (items_label, _unit), placed_label = MEASURES[self.kind]
        kind = self.get_kind_display()
        errors: dict[str, str] = {}
        if persons_label and not self.persons:
            errors["persons"] = f"{kind}请填写{persons_label}。"
        if not persons_label and self.persons:
            errors["persons"] = f"{kind}不填人数。"
        if items_label == "新增基地家数" and not self.items:
            errors["items"] = f"{kind}请填写{items_label}。"
        if not items_label and self.items:
            errors["items"] = f"{kind}不填数量。"
        if not placed_label and self.placed:
            errors["placed"] = f"{kind}不填安置就业人数。"
        if self.kind in MONEY_KINDS and not self.amount:
            errors["amount"] = f"{kind}请填写金额。"
        if self.kind not in MONEY_KINDS and self.amount:
            errors["amount"] = f"{kind}不填金额。"
        if errors:
            raise ValidationError(errors)
