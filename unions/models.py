from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.phones import validate_phone

from .identifiers import validate_area_code, validate_credit_code, validate_stat_code


class UnionLevel(models.TextChoices):
    NATIONAL = "national", _("全国总工会")
    PROVINCE = "province", _("省总工会")
    CITY = "city", _("市总工会")
    COUNTY = "county", _("县(区)总工会")
    GRASSROOTS = "grassroots", _("基层工会")


class OrgType(models.TextChoices):
    """904 组织类型 of the statistics return."""

    SINGLE = "single", _("单一基层工会")
    JOINT = "joint", _("联合基层工会")


class Union(models.Model):
    """A trade union; unions form a tree from the national federation down to grassroots."""

    name = models.CharField(_("名称"), max_length=100)
    code = models.CharField(
        _("代码"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9][a-z0-9-]*$", _("代码只能包含小写字母、数字和连字符，且以字母或数字开头。")
            )
        ],
        help_text=_("用于网址和命令，如 demo、city-federation。"),
    )
    level = models.CharField(
        _("层级"), max_length=20, choices=UnionLevel.choices, default=UnionLevel.GRASSROOTS
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级工会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ancestor ids ("/1/4/9/"), so that a subtree is one indexed query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    period_start_month = models.PositiveSmallIntegerField(
        _("统计年度起始月"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("多数报表按自然年（1月）；部分统计调查按10月至次年9月。"),
    )
    separate_approval = models.BooleanField(
        _("录入人不得审批"),
        default=True,
        help_text=_(
            "开启时，录入或提交一笔帮扶慰问发放的人不能审批这笔发放，须由另一位主席/领导审批。"
            "只有一名审批人的工会可以关闭；关闭期间审批页面显示提示，由录入人本人所做的审批在操作日志中注明。"
        ),
    )
    kind = models.CharField(
        _("单位类型"),
        max_length=20,
        choices=[
            ("enterprise", _("企业")),
            ("school", _("学校")),
            ("hospital", _("医院")),
            ("government", _("机关")),
            ("institution", _("事业单位")),
            ("aid_centre", _("职工帮扶中心")),
        ],
        default="enterprise",
        help_text=_("决定总结的用词：厂务/校务/院务/政务公开，职工/教职工/医护职工等。"),
    )
    report_naming = models.CharField(
        _("总结中的人名"),
        max_length=10,
        choices=[
            ("full", _("写全名（如：张三）")),
            ("surname", _("写某同志（如：张某）")),
            ("none", _("不写姓名")),
        ],
        default="full",
        help_text=_("年度总结写到个人（典型事例、荣誉、合理化建议）时如何称呼。"),
    )
    # The cover of the statistics return (《基层工会调查表》): codes that stay the same every year.
    stat_code = models.CharField(
        _("基层工会统计编码"),
        max_length=20,
        blank=True,
        validators=[validate_stat_code],
        help_text=_("901：上级工会分配的统计编码，每年沿用。"),
    )
    area_code = models.CharField(
        _("所在地行政区划代码"),
        max_length=12,
        blank=True,
        validators=[validate_area_code],
        help_text=_("903：6位（县级）或12位（到村、社区）数字。"),
    )
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("工会法人资格登记证书上的18位代码。"),
    )
    org_type = models.CharField(
        _("组织类型"), max_length=10, choices=OrgType.choices, default=OrgType.SINGLE, help_text=_("904")
    )
    head_name = models.CharField(_("单位负责人"), max_length=50, blank=True)
    filler_name = models.CharField(_("填表人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("工会")
        verbose_name_plural = _("工会")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # The path needs our own pk, so it is set after the insert; a move rewrites the subtree.
        expected = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if self.path != expected:
            old = self.path
            Union.objects.filter(pk=self.pk).update(path=expected)
            if old:
                for child in Union.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Union.objects.filter(pk=child.pk).update(path=expected + child.path[len(old) :])
            self.path = expected

    def ancestor_ids(self) -> list[int]:
        """Ids of the unions above this one, nearest last."""
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def descendants(self, include_self: bool = False) -> models.QuerySet[Union]:
        qs = Union.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)


class BranchKind(models.TextChoices):
    BRANCH = "branch", _("分会")
    GROUP = "group", _("工会小组")


class Branch(models.Model):
    """A branch (分会) or group (工会小组) inside a grassroots union, by department or site."""

    union = models.ForeignKey(
        Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="branches"
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=BranchKind.choices, default=BranchKind.BRANCH)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("分会/工会小组")
        verbose_name_plural = _("分会/工会小组")
        ordering = ["union", "name"]
        constraints = [models.UniqueConstraint(fields=["union", "name"], name="branch_unique_name_per_union")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLERK = "clerk", _("干事")
    LEADER = "leader", _("主席/领导")
    ADMIN = "admin", _("管理员")


class UnionRole(models.Model):
    """A user acting in a union with a role. A role in a union also lets the user read,
    and only read, every union below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="union_roles",
    )
    union = models.ForeignKey(Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="roles")
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("用户角色")
        verbose_name_plural = _("用户角色")
        constraints = [models.UniqueConstraint(fields=["user", "union"], name="one_role_per_user_and_union")]

    def __str__(self) -> str:
        return f"{self.user} · {self.union} · {self.get_role_display()}"

    def audit_union(self) -> Union:
        return self.union
