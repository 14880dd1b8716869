"""The facts the national hardship archive (全国困难职工帮扶管理系统) keeps on a file beyond its
category and causes: income by source, housing, health and disability, medical insurance,
零就业家庭, and the family members, one row each.

Income by source and the total: when any source is filled, the file's 家庭年收入 is their sum
(the model sets it on clean, so every path agrees: form, import, review); a file with no source
filled keeps the total as entered, which is what every file had before the sources existed.
Family members carry no ID number: the archive does not need one to count a household, and an
ID the product never stores cannot leak.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.money import ZERO, MoneyField

from .choices import (
    DisabilityGrade,
    DisabilityKind,
    EmploymentStatus,
    FamilyRelation,
    HealthStatus,
    HousingStatus,
    MedicalInsurance,
)

INCOME_SOURCE_FIELDS = (
    "wage_income",
    "business_income",
    "property_income",
    "transfer_income",
    "other_income",
)
ARCHIVE_FIELDS = (
    *INCOME_SOURCE_FIELDS,
    "housing",
    "health",
    "disability_kind",
    "disability_grade",
    "medical_insurance",
    "zero_employment",
)
FAMILY_FIELDS = ("name", "relation", "birth_year", "health", "employment", "annual_income")
EARLIEST_BIRTH_YEAR = 1900


class IncomeBySource(models.Model):
    """家庭年收入 by source, as the archive asks for it (元 a year)."""

    wage_income = MoneyField(_("工资性收入（元/年）"))
    business_income = MoneyField(_("经营性收入（元/年）"))
    property_income = MoneyField(_("财产性收入（元/年）"))
    transfer_income = MoneyField(_("转移性收入（元/年）"), help_text=_("含养老金、低保金、各类补贴。"))
    other_income = MoneyField(_("其他收入（元/年）"))

    class Meta:
        abstract = True

    @property
    def income_sources_total(self) -> Decimal:
        return sum((getattr(self, name) or ZERO for name in INCOME_SOURCE_FIELDS), ZERO)

    @property
    def has_income_sources(self) -> bool:
        return self.income_sources_total > ZERO

    def apply_income_sources(self) -> None:
        """The total follows the sources whenever any is filled."""
        if self.has_income_sources:
            self.annual_household_income = self.income_sources_total


class ArchiveFacts(IncomeBySource):
    housing = models.CharField(_("住房情况"), max_length=20, choices=HousingStatus.choices, blank=True)
    health = models.CharField(_("本人健康状况"), max_length=20, choices=HealthStatus.choices, blank=True)
    disability_kind = models.CharField(
        _("残疾类别"), max_length=20, choices=DisabilityKind.choices, blank=True
    )
    disability_grade = models.CharField(
        _("残疾等级"), max_length=2, choices=DisabilityGrade.choices, blank=True
    )
    medical_insurance = models.CharField(
        _("医疗保险"), max_length=20, choices=MedicalInsurance.choices, blank=True
    )
    zero_employment = models.BooleanField(
        _("零就业家庭"), default=False, help_text=_("家庭中有劳动能力的成员均未就业。")
    )

    class Meta:
        abstract = True

    def archive_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if self.disability_grade and not self.disability_kind:
            errors["disability_kind"] = "填写残疾等级时，请同时选择残疾类别。"
        elif self.disability_kind and not self.disability_grade:
            errors["disability_grade"] = "选择残疾类别时，请同时填写残疾等级。"
        return errors


class HardshipFamilyMember(models.Model):
    """One member of the household besides the worker (家庭成员)."""

    file = models.ForeignKey(
        "welfare.HardshipFile",
        verbose_name=_("困难职工档案"),
        on_delete=models.CASCADE,
        related_name="family_members",
    )
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("与本人关系"), max_length=20, choices=FamilyRelation.choices)
    birth_year = models.PositiveSmallIntegerField(_("出生年份"), null=True, blank=True)
    health = models.CharField(_("健康状况"), max_length=20, choices=HealthStatus.choices, blank=True)
    employment = models.CharField(_("就业状况"), max_length=20, choices=EmploymentStatus.choices, blank=True)
    annual_income = MoneyField(_("年收入（元）"))

    class Meta:
        verbose_name = _("家庭成员")
        verbose_name_plural = _("家庭成员")
        ordering = ["file", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_relation_display()}）"

    def audit_union(self):  # type: ignore[no-untyped-def]
        return self.file.union

    @property
    def age(self) -> int | None:
        return dt.date.today().year - self.birth_year if self.birth_year else None

    def clean(self) -> None:
        self.name = " ".join((self.name or "").split())
        this_year = dt.date.today().year
        if self.birth_year is not None and not EARLIEST_BIRTH_YEAR <= self.birth_year <= this_year:
            raise ValidationError(
                {"birth_year": f"出生年份应在{EARLIEST_BIRTH_YEAR}年至{this_year}年之间，如1985。"}
            )
