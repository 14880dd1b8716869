"""The kinds of unit a union is set up in, and the levels of 职工之家, as the statistics use them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    STATE_OWNED = "state", _("国有企业")
    COLLECTIVE = "collective", _("集体企业")
    PRIVATE = "private", _("私营企业")
    JOINT_STOCK = "joint_stock", _("股份制企业")
    FOREIGN = "foreign", _("外商投资企业")
    HK_MACAO_TAIWAN = "hmt", _("港澳台商投资企业")
    INSTITUTION = "institution", _("事业单位")
    GOVERNMENT = "government", _("机关")
    SOCIAL_ORG = "social", _("社会组织")
    OTHER = "other", _("其他")


ENTERPRISE_KINDS = frozenset(
    {
        UnitKind.STATE_OWNED,
        UnitKind.COLLECTIVE,
        UnitKind.PRIVATE,
        UnitKind.JOINT_STOCK,
        UnitKind.FOREIGN,
        UnitKind.HK_MACAO_TAIWAN,
    }
)


class WorkersHome(models.TextChoices):
    NONE = "", _("未建")
    BUILT = "built", _("已建（未评级）")
    COUNTY = "county", _("县级模范职工之家")
    CITY = "city", _("市级模范职工之家")
    PROVINCE = "province", _("省级模范职工之家")
    NATIONAL = "national", _("全国模范职工之家")


class ProfileSource(models.TextChoices):
    SELF = "self", _("本会填报")
    FEDERATION = "federation", _("上级工会代填")
    IMPORTED = "imported", _("取自导入的年报")
