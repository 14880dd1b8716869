"""The fixed vocabularies of publicity, 建家, model-worker care, dues, safety and innovation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicityKind(models.TextChoices):
    STUDY = "study", _("政治理论学习")
    ARTICLE = "article", _("宣传稿件与调研文章")
    INFO = "info", _("工会信息")


class OutletLevel(models.TextChoices):
    """Where a piece was carried (采用 / 刊用): the level of the outlet."""

    NATIONAL = "national", _("全国级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    INTERNAL = "internal", _("本单位")


class HomeKind(models.TextChoices):
    HOME = "home", _("职工之家")
    LIBRARY = "library", _("职工书屋")


class HomeLevel(models.TextChoices):
    """The 模范职工之家 (or 示范职工书屋) title a home carries, by the level that gave it."""

    NATIONAL = "national", _("全国")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class CareKind(models.TextChoices):
    ALLOWANCE = "allowance", _("劳模津贴")
    RECUPERATION = "recuperation", _("疗休养")
    FORUM = "forum", _("劳模座谈会")
    VISIT = "visit", _("走访慰问")
    HEALTH_CHECK = "health_check", _("劳模体检")
    OTHER = "other", _("其他")


class DuesItem(models.TextChoices):
    DUES = "dues", _("会员会费")
    ALLOCATION = "allocation", _("工会经费（拨缴）")


class InspectionKind(models.TextChoices):
    GENERAL = "general", _("安全生产大检查")
    SPECIAL = "special", _("专项检查")
    SUPERVISION = "supervision", _("劳动保护监督检查")


class InnovationLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省部级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    INTERNAL = "internal", _("单位级")


class InnovationKind(models.TextChoices):
    TECHNICAL = "technical", _("技术革新")
    INVENTION = "invention", _("发明创造")
    METHOD = "method", _("先进操作法")
    QC = "qc", _("QC成果")
    OTHER = "other", _("其他")
