from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.models import UnionRecord
from records.money import MoneyField

from .choices import CATEGORIES_BY_DIRECTION, Category, Direction


class FundEntry(UnionRecord):
    """One line of the union's income or spending (经费收支)."""

    date = models.DateField(_("日期"))
    direction = models.CharField(
        _("收支"), max_length=10, choices=Direction.choices, default=Direction.SPENDING
    )
    category = models.CharField(_("科目"), max_length=20, choices=Category.choices)
    amount = MoneyField(_("金额（元）"))
    description = models.CharField(_("摘要"), max_length=200)
    voucher = models.CharField(_("凭证号"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("经费收支")
        verbose_name_plural = _("经费收支")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["union", "date"], name="fundentry_union_date_idx"),
            models.Index(fields=["union", "direction", "category"], name="fundentry_union_cat_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_category_display()} {self.description}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        allowed = CATEGORIES_BY_DIRECTION.get(self.direction, ())
        if self.category and self.direction and self.category not in allowed:
            kind = Direction(self.direction).label
            errors["category"] = f"科目“{Category(self.category).label}”不属于{kind}，请重新选择。"
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = "金额应大于0。"
        if errors:
            raise ValidationError(errors)


class FundAudit(UnionRecord):
    """The funds audit committee's (经审委员会) note on one year's accounts."""

    year = models.PositiveSmallIntegerField(
        _("审查年度"),
        validators=[
            MinValueValidator(2000, message="审查年度应在2000至2100年之间。"),
            MaxValueValidator(2100, message="审查年度应在2000至2100年之间。"),
        ],
    )
    audited_on = models.DateField(_("审查日期"))
    auditor = models.CharField(_("审查人/经审委员会"), max_length=200)
    findings = models.TextField(_("审查意见"))

    class Meta:
        verbose_name = _("经费审查")
        verbose_name_plural = _("经费审查")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["union", "year"], name="fundaudit_union_year_idx")]

    def __str__(self) -> str:
        return f"{self.year}年度经费审查"

    def clean(self) -> None:
        # One note per year. Checked here rather than by a database constraint so that
        # restoring a voided note never fails with a database error.
        if self.union_id and self.year and not self.is_void:
            others = (
                FundAudit.objects.live().filter(union_id=self.union_id, year=self.year).exclude(pk=self.pk)
            )
            if others.exists():
                raise ValidationError({"year": "该年度已有经费审查记录，请编辑原记录。"})
