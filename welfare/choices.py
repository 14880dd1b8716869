"""The fixed vocabularies of welfare work (帮扶救助), as domain.md names them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HardshipCategory(models.TextChoices):
    DEEP = "deep", _("深度困难")
    RELATIVE = "relative", _("相对困难")
    ACCIDENT = "accident", _("意外致困")
    # Categories of files opened before the current classification; kept so old files stay readable.
    LEGACY_SEVERE = "legacy_severe", _("特困")
    LEGACY_GENERAL = "legacy_general", _("一般困难")


LEGACY_CATEGORIES = frozenset({HardshipCategory.LEGACY_SEVERE, HardshipCategory.LEGACY_GENERAL})


class HardshipCause(models.TextChoices):
    NO_WORK_CAPACITY = "no_work_capacity", _("无劳动能力")
    UNEMPLOYED_ABLE = "unemployed_able", _("有劳动能力未就业")
    LAID_OFF = "laid_off", _("下岗失业")
    UNINSURED = "uninsured", _("未参保")
    BENEFITS_UNPAID = "benefits_unpaid", _("社保待遇未落实")
    SERIOUS_ILLNESS = "serious_illness", _("重特大疾病")
    NATURAL_DISASTER = "natural_disaster", _("自然灾害")
    ACCIDENT = "accident", _("意外事故")
    SCHOOLING = "schooling", _("子女上学")
    OTHER = "other", _("其他")


# Causes that point to 意外致困 (domain.md: disaster, accident, sudden large medical costs).
ACCIDENT_CAUSES = frozenset({HardshipCause.NATURAL_DISASTER, HardshipCause.ACCIDENT})


# --- the facts of the national archive (全国困难职工帮扶管理系统), kept on each file ---------


class HousingStatus(models.TextChoices):
    OWNED = "owned", _("自有住房")
    RENTED = "rented", _("租住")
    PUBLIC = "public", _("公租房/廉租房")
    BORROWED = "borrowed", _("借住")
    NONE = "none", _("无房")
    OTHER = "other", _("其他")


class HealthStatus(models.TextChoices):
    HEALTHY = "healthy", _("健康")
    CHRONIC = "chronic", _("患慢性病")
    SERIOUS = "serious", _("患重特大疾病")
    DISABLED = "disabled", _("残疾")
    NO_WORK_CAPACITY = "no_capacity", _("丧失劳动能力")


# A health that is itself a reason the household is in difficulty (因病、因残).
ILL_HEALTH = frozenset({HealthStatus.SERIOUS, HealthStatus.DISABLED, HealthStatus.NO_WORK_CAPACITY})


class DisabilityKind(models.TextChoices):
    VISUAL = "visual", _("视力残疾")
    HEARING = "hearing", _("听力残疾")
    SPEECH = "speech", _("言语残疾")
    PHYSICAL = "physical", _("肢体残疾")
    INTELLECTUAL = "intellectual", _("智力残疾")
    MENTAL = "mental", _("精神残疾")
    MULTIPLE = "multiple", _("多重残疾")


class DisabilityGrade(models.TextChoices):
    # 残疾人证 grades: 一级 is the most severe.
    FIRST = "1", _("一级")
    SECOND = "2", _("二级")
    THIRD = "3", _("三级")
    FOURTH = "4", _("四级")


SEVERE_DISABILITY = frozenset({DisabilityGrade.FIRST, DisabilityGrade.SECOND})


class MedicalInsurance(models.TextChoices):
    EMPLOYEE = "employee", _("职工医保")
    RESIDENT = "resident", _("城乡居民医保")
    NONE = "none", _("无")


class FamilyRelation(models.TextChoices):
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    PARENT_IN_LAW = "parent_in_law", _("配偶父母")
    SIBLING = "sibling", _("兄弟姐妹")
    GRANDPARENT = "grandparent", _("祖父母/外祖父母")
    GRANDCHILD = "grandchild", _("孙子女/外孙子女")
    OTHER = "other", _("其他")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("在职")
    FLEXIBLE = "flexible", _("灵活就业")
    FARMING = "farming", _("务农")
    UNEMPLOYED = "unemployed", _("失业/无业")
    RETIRED = "retired", _("退休")
    STUDENT = "student", _("在校学生")
    PRESCHOOL = "preschool", _("学龄前")
    NO_WORK_CAPACITY = "no_capacity", _("无劳动能力")
    OTHER = "other", _("其他")


class HardshipStatus(models.TextChoices):
    OPEN = "open", _("在档")
    CLOSED = "closed", _("脱困")


class ReviewConclusion(models.TextChoices):
    CONTINUE = "continue", _("继续在档")
    CLOSE = "close", _("脱困")


class DisbursementKind(models.TextChoices):
    FESTIVAL = "festival", _("节日慰问")
    LIVING = "living", _("生活救助")
    MEDICAL = "medical", _("大病救助")
    STUDENT = "student", _("金秋助学")
    SUMMER = "summer", _("送清凉")
    SICKNESS = "sickness", _("住院/生病慰问")
    WEDDING_BIRTH = "wedding_birth", _("婚育慰问")
    FUNERAL = "funeral", _("丧葬慰问")
    RETIREMENT = "retirement", _("退休慰问")
    BIRTHDAY = "birthday", _("生日慰问")
    OTHER = "other", _("其他")


class Festival(models.TextChoices):
    SPRING = "spring", _("春节")
    LANTERN = "lantern", _("元宵")
    DRAGON_BOAT = "dragon_boat", _("端午")
    MID_AUTUMN = "mid_autumn", _("中秋")
    NATIONAL_DAY = "national_day", _("国庆")
    WOMENS_DAY = "womens_day", _("三八")
    OTHER = "other", _("其他")


class FundingSource(models.TextChoices):
    UNION_FUNDS = "union_funds", _("工会经费")
    ADMINISTRATION = "administration", _("行政拨款")
    HIGHER_UNION = "higher_union", _("上级工会专项")
    DONATION = "donation", _("社会捐赠")


class DisbursementStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已审批")
    REJECTED = "rejected", _("已退回")
    PAID = "paid", _("已发放")


# What the summaries count as given out: approved (awaiting payment) and paid records.
COUNTED_STATUSES = (DisbursementStatus.APPROVED, DisbursementStatus.PAID)
# States in which a clerk may change every field of a record.
OPEN_FOR_EDIT = (DisbursementStatus.DRAFT, DisbursementStatus.REJECTED)


class DonationKind(models.TextChoices):
    ONE_DAY = "one_day", _("一日捐")
    DISASTER = "disaster", _("灾区捐款")
    OTHER = "other", _("其他")
