"""The fixed vocabularies of rights protection (维权)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisputeType(models.TextChoices):
    PAY = "pay", _("劳动报酬")
    CONTRACT = "contract", _("劳动合同")
    INSURANCE = "insurance", _("社会保险")
    INJURY = "injury", _("工伤")
    OTHER = "other", _("其他")


class MediationOutcome(models.TextChoices):
    SUCCESS = "success", _("调解成功")
    FAILED = "failed", _("调解不成")
    PENDING = "pending", _("处理中")


class LegalAidKind(models.TextChoices):
    CONSULTATION = "consultation", _("法律咨询")
    REPRESENTATION = "representation", _("代理案件")


class PetitionChannel(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    PHONE = "phone", _("电话")
    ONLINE = "online", _("网络")
