"""The fixed vocabularies of activities and honours (see /work/shared/domain.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityCategory(models.TextChoices):
    SPORTS_CULTURE = "sports_culture", _("文体活动")
    LABOUR_COMPETITION = "labour_competition", _("劳动竞赛")
    SKILL_CONTEST = "skill_contest", _("技能比武/岗位练兵")
    STUDY_TRAINING = "study_training", _("学习培训")
    WOMEN = "women", _("女职工活动")
    SAFETY = "safety", _("安全生产/安康杯")
    VOLUNTEER = "volunteer", _("志愿公益")
    HEALTH_CHECK = "health_check", _("职工体检")
    COMMENDATION = "commendation", _("评先评优")
    OTHER = "other", _("其他")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("工会集体")
    INDIVIDUAL = "individual", _("会员个人")


class HonourLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省部级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    INDUSTRY = "industry", _("行业/系统")
    INTERNAL = "internal", _("单位内部")
