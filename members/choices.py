"""The fixed vocabularies of the member roster (会员花名册)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", _("中共党员")
    CPC_PROBATION = "cpc_probation", _("中共预备党员")
    LEAGUE = "league", _("共青团员")
    DEMOCRATIC_PARTY = "democratic", _("民主党派")
    MASSES = "masses", _("群众")


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("研究生")
    BACHELOR = "bachelor", _("大学本科")
    COLLEGE = "college", _("大专")
    SECONDARY = "secondary", _("中专/高中")
    JUNIOR = "junior", _("初中及以下")


class Household(models.TextChoices):
    URBAN = "urban", _("城镇")
    RURAL = "rural", _("农村")


class Employment(models.TextChoices):
    CONTRACT = "contract", _("合同制")
    DISPATCHED = "dispatched", _("劳务派遣")
    MIGRANT = "migrant", _("农民工")
    OTHER = "other", _("其他")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    RETAINED = "retained", _("保留")
    TRANSFERRED = "transferred", _("转出")
    RETIRED = "retired", _("退休")
    REMOVED = "removed", _("除名")


# Statuses that end membership; each needs a date.
ENDED_STATUSES = frozenset({MembershipStatus.TRANSFERRED, MembershipStatus.RETIRED, MembershipStatus.REMOVED})
# Members counted in the roster's headcount (在册 and 保留会籍).
CURRENT_STATUSES = frozenset({MembershipStatus.ACTIVE, MembershipStatus.RETAINED})


class ModelWorkerLevel(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCIAL = "provincial", _("省部级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]
ETHNICITY_CHOICES = [(name, name) for name in ETHNIC_GROUPS] + [("其他", "其他")]


class CadrePost(models.TextChoices):
    """Posts in the union committee and its bodies (工会干部)."""

    CHAIR = "chair", _("主席")
    VICE_CHAIR = "vice_chair", _("副主席")
    COMMITTEE = "committee", _("委员")
    AUDIT_CHAIR = "audit_chair", _("经审委员会主任")
    AUDIT_MEMBER = "audit_member", _("经审委员")
    WOMEN_CHAIR = "women_chair", _("女职委主任")
    WOMEN_MEMBER = "women_member", _("女职委委员")
    BRANCH_CHAIR = "branch_chair", _("分会主席")
    GROUP_LEADER = "group_leader", _("工会小组长")
    STAFF = "staff", _("工会干事")


# Posts that sit on the union committee itself (工会委员会).
COMMITTEE_POSTS = frozenset({CadrePost.CHAIR, CadrePost.VICE_CHAIR, CadrePost.COMMITTEE})
