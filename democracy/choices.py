"""The fixed vocabularies of democratic management (民主管理)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressKind(models.TextChoices):
    WORKERS = "workers", _("职工代表大会")
    STAFF = "staff", _("教职工代表大会")
    MEMBERS = "members", _("会员代表大会")


class ProposalStatus(models.TextChoices):
    RECEIVED = "received", _("收到")
    ACCEPTED = "accepted", _("立案")
    REJECTED = "rejected", _("不立案")
    CLOSED = "closed", _("办结")


# A proposal that was closed (办结) had been accepted (立案) first.
ACCEPTED_STATUSES = (ProposalStatus.ACCEPTED, ProposalStatus.CLOSED)


class DisclosureChannel(models.TextChoices):
    BOARD = "board", _("公开栏")
    OA = "oa", _("OA/内网")
    CONGRESS = "congress", _("职代会")
    ASSEMBLY = "assembly", _("职工大会")
    OTHER = "other", _("其他")


class ContractKind(models.TextChoices):
    GENERAL = "general", _("综合")
    WAGE = "wage", _("工资专项")
    WOMEN = "women", _("女职工权益保护专项")
    SAFETY = "safety", _("劳动安全卫生专项")


class ContractScope(models.TextChoices):
    """Whom a contract binds: one employer, or (signed by a federation) a region or a trade."""

    UNIT = "unit", _("单位集体合同")
    REGIONAL = "regional", _("区域性集体合同")
    INDUSTRY = "industry", _("行业性集体合同")


class ContractStatus(models.TextChoices):
    PENDING = "pending", _("未生效")
    IN_FORCE = "in_force", _("生效中")
    EXPIRED = "expired", _("已到期")
