"""A union's year profile: the facts a federation reports about each union it covers.

Kept per union per year. A union on the system keeps its own (`unit_code` blank); a federation
keeps those of the units below it that are not on the system (`unit_code` set), entered by hand
or taken from their imported workbooks. 入会率 and 建制率 are computed from them (selectors).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.dates import PlausibleDates
from records.periods import period_for

from .choices import ProfileSource, UnitKind, WorkersHome

# The institutions whose share of units is a 建制率, in the order the statistics list them.
INSTITUTIONS: list[tuple[str, str]] = [
    ("has_congress", "职代会制度"),
    ("has_disclosure", "厂务公开制度"),
    ("has_women_committee", "女职工委员会"),
    ("has_audit_committee", "经费审查组织"),
    ("has_mediation_committee", "劳动争议调解委员会"),
]


class UnionYearProfile(PlausibleDates, models.Model):
    union = models.ForeignKey(
        "unions.Union",
        verbose_name=_("填报工会"),
        on_delete=models.PROTECT,
        related_name="year_profiles",
        help_text=_("本会自己的情况，或由上级工会代填的未使用本系统的下级单位。"),
    )
    unit_code = models.CharField(
        _("单位代码"),
        max_length=40,
        blank=True,
        help_text=_("未使用本系统的下级单位：其统计编码或年报工作簿中的工会代码。本会自己的情况留空。"),
    )
    unit_name = models.CharField(_("单位（工会）名称"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("统计年度"))
    unit_kind = models.CharField(_("单位类型"), max_length=20, choices=UnitKind.choices)
    workers = models.PositiveIntegerField(_("职工人数"), default=0)
    women_workers = models.PositiveIntegerField(_("其中：女职工"), default=0)
    # Only for units off the system: a union on it counts its members from its roster.
    members = models.PositiveIntegerField(_("会员人数"), null=True, blank=True)
    women_members = models.PositiveIntegerField(_("其中：女会员"), null=True, blank=True)
    founded_on = models.DateField(_("建会日期"), null=True, blank=True)
    has_congress = models.BooleanField(_("建立职代会制度"), default=False)
    has_disclosure = models.BooleanField(_("实行厂务公开制度"), default=False)
    has_women_committee = models.BooleanField(_("建立女职工委员会"), default=False)
    has_audit_committee = models.BooleanField(_("建立经费审查组织"), default=False)
    has_mediation_committee = models.BooleanField(_("建立劳动争议调解委员会"), default=False)
    workers_home = models.CharField(
        _("职工之家"), max_length=10, choices=WorkersHome.choices, blank=True, default=WorkersHome.NONE
    )
    joint_units = models.PositiveIntegerField(
        _("联合工会覆盖单位数"), default=0, help_text=_("联合基层工会覆盖的单位数；单独建会的填0。")
    )
    # 民主管理: 职工董事、职工监事 (a company with a board, a supervisory board).
    has_board = models.BooleanField(_("设有董事会"), default=False)
    worker_directors = models.PositiveIntegerField(_("职工董事人数"), default=0)
    has_supervisory_board = models.BooleanField(_("设有监事会"), default=False)
    worker_supervisors = models.PositiveIntegerField(_("职工监事人数"), default=0)
    # 劳动保护: the union's 劳动保护监督检查委员会 and its inspectors (groups' inspectors included).
    has_safety_committee = models.BooleanField(_("建立劳动保护监督检查委员会"), default=False)
    safety_inspectors = models.PositiveIntegerField(
        _("劳动保护监督检查员人数"), default=0, help_text=_("含工会小组劳动保护检查员。")
    )
    # 经济技术: 职工技协 (职工技术协会).
    tech_associations = models.PositiveIntegerField(_("职工技协组织数"), default=0)
    tech_association_members = models.PositiveIntegerField(_("职工技协会员人数"), default=0)
    source = models.CharField(
        _("来源"), max_length=12, choices=ProfileSource.choices, default=ProfileSource.SELF
    )
    external_report = models.ForeignKey(
        "workbook.ExternalReport",
        verbose_name=_("导入的年报"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When figures were last taken from `external_report` (an import, or the federation's
    # choice of the workbook's figures over what was entered).
    imported_at = models.DateTimeField(_("取自年报的时间"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("填报人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("单位年度基本情况")
        verbose_name_plural = _("单位年度基本情况")
        ordering = ["-year", "unit_code", "unit_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "year"],
                condition=models.Q(unit_code=""),
                name="one_own_profile_per_union_year",
                violation_error_message="本会该年度的基本情况已填报。",
            ),
            models.UniqueConstraint(
                fields=["union", "unit_code", "year"],
                condition=~models.Q(unit_code=""),
                name="one_profile_per_unit_year",
                violation_error_message="该单位该年度的基本情况已填报。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name}{self.year}年度基本情况"

    @property
    def off_system(self) -> bool:
        return bool(self.unit_code)

    @property
    def display_name(self) -> str:
        return self.unit_name or self.union.name if self.off_system else self.union.name

    @property
    def institutions(self) -> list[str]:
        """The institutions the unit has, by name."""
        return [label for field, label in INSTITUTIONS if getattr(self, field)]

    @property
    def other_facts(self) -> list[str]:
        """职工董事2人, 劳动保护监督检查员5人, 职工技协1个（会员30人）: what the return asks
        beyond the institutions, in its words; empty where the unit has none."""
        facts = []
        if self.has_board or self.worker_directors:
            facts.append(f"职工董事{self.worker_directors}人" if self.has_board else "未设董事会")
        if self.has_supervisory_board or self.worker_supervisors:
            facts.append(
                f"职工监事{self.worker_supervisors}人" if self.has_supervisory_board else "未设监事会"
            )
        if self.has_safety_committee or self.safety_inspectors:
            committee = "劳动保护监督检查委员会" if self.has_safety_committee else ""
            inspectors = f"监督检查员{self.safety_inspectors}人" if self.safety_inspectors else ""
            facts.append("，".join(part for part in (committee, inspectors) if part))
        if self.tech_associations or self.tech_association_members:
            facts.append(f"职工技协{self.tech_associations}个（会员{self.tech_association_members}人）")
        return facts

    def clean(self) -> None:
        # The statistics return's logic check: "其中" never exceeds its total.
        errors: dict[str, str] = {}
        if self.women_workers > self.workers:
            errors["women_workers"] = (
                f"女职工（{self.women_workers}人）不能多于职工人数（{self.workers}人）。"
            )
        if self.members is not None and self.workers and self.members > self.workers:
            errors["members"] = f"会员人数（{self.members}人）不能多于职工人数（{self.workers}人）。"
        if self.women_members is not None:
            if self.members is None or self.women_members > self.members:
                errors["women_members"] = "女会员不能多于会员人数。"
            elif self.women_members > self.women_workers and self.women_workers:
                errors["women_members"] = (
                    f"女会员（{self.women_members}人）不能多于女职工（{self.women_workers}人）。"
                )
        errors.update(self._board_and_safety_errors())
        if self.off_system and not self.unit_name:
            errors["unit_name"] = "请填写单位（工会）名称。"
        if (
            self.founded_on
            and self.union_id
            and self.year
            and self.founded_on > period_for(self.union, self.year).end
        ):
            errors["founded_on"] = f"建会日期晚于{self.year}年度的统计期末，请核对。"
        if errors:
            raise ValidationError(errors)

    def _board_and_safety_errors(self) -> dict[str, str]:
        """The return's checks on the facts of 民主管理, 劳动保护 and 经济技术 (see
        workbook.survey.checks.rules)."""
        errors: dict[str, str] = {}
        if self.worker_directors and not self.has_board:
            errors["worker_directors"] = (
                "有职工董事的单位应设有董事会：请勾选“设有董事会”，或将职工董事人数填为0。"
            )
        if self.worker_supervisors and not self.has_supervisory_board:
            errors["worker_supervisors"] = (
                "有职工监事的单位应设有监事会：请勾选“设有监事会”，或将职工监事人数填为0。"
            )
        if self.workers and self.safety_inspectors > self.workers:
            errors["safety_inspectors"] = (
                f"劳动保护监督检查员（{self.safety_inspectors}人）不能多于职工人数（{self.workers}人）。"
            )
        if self.tech_association_members and not self.tech_associations:
            errors["tech_associations"] = "填写了职工技协会员人数，请填写职工技协组织数。"
        elif self.workers and self.tech_association_members > self.workers:
            errors["tech_association_members"] = (
                f"职工技协会员（{self.tech_association_members}人）不能多于职工人数（{self.workers}人）。"
            )
        return errors
