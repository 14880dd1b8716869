from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.models import UnionRecord
from records.money import ZERO, MoneyField

from .choices import (
    CareKind,
    DuesItem,
    HomeKind,
    HomeLevel,
    InnovationKind,
    InnovationLevel,
    InspectionKind,
    OutletLevel,
    PublicityKind,
)


def _at_least_one(label: str) -> list[MinValueValidator]:
    return [MinValueValidator(1, message=f"{label}应至少为1。")]


def _blank_counts_are_zero(record: models.Model, *names: str) -> None:
    """A count left empty on the form means none (the browser posts "", the field reads None)."""
    for name in names:
        if getattr(record, name) is None:
            setattr(record, name, 0)


class Publicity(UnionRecord):
    """Publicity and political education (宣传教育): a study session, or articles and 信息
    submitted to an outlet of some level, with how many it carried (采用)."""

    date = models.DateField(_("日期"))
    kind = models.CharField(
        _("类型"), max_length=20, choices=PublicityKind.choices, default=PublicityKind.STUDY
    )
    title = models.CharField(_("主题"), max_length=200, help_text=_("学习内容，或稿件、信息的题目（栏目）。"))
    participants = models.PositiveIntegerField(
        _("参加人次"), default=0, blank=True, help_text=_("政治理论学习填写。")
    )
    outlet = models.CharField(
        _("报送刊物或单位"), max_length=100, blank=True, help_text=_("如《中国工运》、市总工会。")
    )
    outlet_level = models.CharField(_("采用级别"), max_length=20, choices=OutletLevel.choices, blank=True)
    submitted = models.PositiveIntegerField(_("报送篇（条）数"), default=0, blank=True)
    adopted = models.PositiveIntegerField(_("采用篇（条）数"), default=0, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("宣传教育")
        verbose_name_plural = _("宣传教育")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="publicity_union_date_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        _blank_counts_are_zero(self, "participants", "submitted", "adopted")
        errors: dict[str, str] = {}
        if self.kind == PublicityKind.STUDY:
            if not self.participants:
                errors["participants"] = "政治理论学习须填写参加人次。"
            if self.submitted or self.adopted:
                errors["submitted"] = "政治理论学习不填报送和采用数。"
        else:
            if not self.submitted:
                errors["submitted"] = "稿件和信息须填写报送篇（条）数。"
            if self.adopted > self.submitted:
                errors["adopted"] = "采用数不能多于报送数。"
            if self.adopted and not self.outlet_level:
                errors["outlet_level"] = "有采用的稿件和信息须选择采用级别。"
        if errors:
            raise ValidationError(errors)


class WorkersHome(UnionRecord):
    """A 职工之家 or 职工书屋 the union (or a branch) built, and the 模范 title it carries."""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=HomeKind.choices, default=HomeKind.HOME)
    unit = models.CharField(_("所在单位（分会）"), max_length=100, blank=True)
    built_on = models.DateField(_("建成日期"))
    level = models.CharField(
        _("命名级别"),
        max_length=20,
        choices=HomeLevel.choices,
        blank=True,
        help_text=_("被命名为模范职工之家（示范职工书屋）的级别；未命名的不选。"),
    )
    recognised_on = models.DateField(_("命名日期"), null=True, blank=True)
    books = models.PositiveIntegerField(_("藏书（册）"), default=0, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("职工之家（书屋）")
        verbose_name_plural = _("职工之家（书屋）")
        ordering = ["-built_on", "-id"]
        indexes = [models.Index(fields=["union", "built_on"], name="workershome_union_built_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        _blank_counts_are_zero(self, "books")
        errors: dict[str, str] = {}
        if self.level and not self.recognised_on:
            errors["recognised_on"] = "已命名的须填写命名日期。"
        if self.recognised_on and not self.level:
            errors["level"] = "填写了命名日期的须选择命名级别。"
        if self.recognised_on and self.built_on and self.recognised_on < self.built_on:
            errors["recognised_on"] = "命名日期不能早于建成日期。"
        if errors:
            raise ValidationError(errors)


class ModelWorkerCare(UnionRecord):
    """Care for model workers (劳模): an allowance paid, a recuperation trip, a forum, a visit.
    One named 劳模 from the roster, or a group counted in 人次 (为41名劳模发放津贴)."""

    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=20, choices=CareKind.choices, default=CareKind.ALLOWANCE)
    title = models.CharField(_("事项"), max_length=200, help_text=_("如“五一前夕走访慰问退休劳模”。"))
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("劳模"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="model_worker_care",
        help_text=_("花名册中登记了劳模级别的会员；面向多名劳模的不选，填写人次。"),
    )
    persons = models.PositiveIntegerField(_("人次"), default=1, validators=_at_least_one("人次"))
    amount = MoneyField(_("金额（元）"), blank=True, help_text=_("津贴、慰问金或疗休养费用。"))
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("劳模关爱")
        verbose_name_plural = _("劳模关爱")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="modelcare_union_date_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.amount is None:
            self.amount = ZERO
        member = self.member
        if member is not None:
            if member.union_id != self.union_id:
                errors["member"] = "请选择本会的会员。"
            elif not member.model_worker_level:
                errors["member"] = "该会员在花名册中未登记劳模级别，请先在会员信息中填写。"
            if self.persons != 1:
                errors["persons"] = "选定一名劳模时人次应为1；面向多名劳模的不选劳模。"
        if errors:
            raise ValidationError(errors)


class DuesCollection(UnionRecord):
    """Dues or the 2% allocation collected against the amount due (应缴 / 实缴)."""

    date = models.DateField(_("日期"), help_text=_("收缴或统计的日期。"))
    item = models.CharField(_("项目"), max_length=20, choices=DuesItem.choices, default=DuesItem.DUES)
    payer = models.CharField(_("缴纳单位（分会）"), max_length=100, blank=True)
    due = MoneyField(_("应缴金额（元）"))
    paid = MoneyField(_("实缴金额（元）"), blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("经费收缴")
        verbose_name_plural = _("经费收缴")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="dues_union_date_idx")]

    def __str__(self) -> str:
        who = f"{self.payer}" if self.payer else ""
        return f"{who}{self.get_item_display()}"

    def clean(self) -> None:
        if self.paid is None:
            self.paid = ZERO
        if self.due is not None and self.due <= 0:
            raise ValidationError({"due": "应缴金额应大于0。"})


class SafetyInspection(UnionRecord):
    """A safety or labour-protection inspection the union took part in, with the hazards
    (隐患) it found and how many were put right."""

    date = models.DateField(_("日期"))
    kind = models.CharField(
        _("类型"), max_length=20, choices=InspectionKind.choices, default=InspectionKind.GENERAL
    )
    title = models.CharField(_("检查名称"), max_length=200)
    hazards_found = models.PositiveIntegerField(_("发现隐患（处）"), default=0, blank=True)
    hazards_fixed = models.PositiveIntegerField(_("已整改（处）"), default=0, blank=True)
    measures = models.PositiveIntegerField(_("提出整改措施（条）"), default=0, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("安全检查")
        verbose_name_plural = _("安全检查")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="inspection_union_date_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        _blank_counts_are_zero(self, "hazards_found", "hazards_fixed", "measures")
        if self.hazards_fixed > self.hazards_found:
            raise ValidationError({"hazards_fixed": "已整改隐患不能多于发现的隐患。"})


class Innovation(UnionRecord):
    """A result of workers' innovation (职工技术创新成果), by the level that recognised it,
    with its economic benefit in 万元 as units report it."""

    date = models.DateField(_("认定日期"))
    title = models.CharField(_("成果名称"), max_length=200)
    kind = models.CharField(
        _("类型"), max_length=20, choices=InnovationKind.choices, default=InnovationKind.TECHNICAL
    )
    level = models.CharField(
        _("级别"), max_length=20, choices=InnovationLevel.choices, default=InnovationLevel.INTERNAL
    )
    team = models.CharField(_("完成人（团队）"), max_length=200, blank=True)
    benefit = MoneyField(_("经济效益（万元）"), blank=True)
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("创新成果")
        verbose_name_plural = _("创新成果")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="innovation_union_date_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.benefit is None:
            self.benefit = ZERO
