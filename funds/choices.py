"""The fixed vocabularies of union funds (工会经费)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INCOME = "income", _("收入")
    SPENDING = "spending", _("支出")


class Category(models.TextChoices):
    # income
    DUES = "dues", _("会费")
    ALLOCATION = "allocation", _("拨缴经费（2%）")
    ADMIN_SUBSIDY = "admin_subsidy", _("行政补助")
    HIGHER_SUBSIDY = "higher_subsidy", _("上级补助")
    OTHER_INCOME = "other_income", _("其他收入")
    # spending
    ACTIVITIES = "activities", _("职工活动")
    ASSISTANCE = "assistance", _("帮扶（非发放记录）")
    RIGHTS = "rights", _("维权")
    BUSINESS = "business", _("业务")
    ADMINISTRATION = "administration", _("行政")
    CAPITAL = "capital", _("资本性支出")
    OTHER_SPENDING = "other_spending", _("其他支出")


INCOME_CATEGORIES = (
    Category.DUES,
    Category.ALLOCATION,
    Category.ADMIN_SUBSIDY,
    Category.HIGHER_SUBSIDY,
    Category.OTHER_INCOME,
)
SPENDING_CATEGORIES = (
    Category.ACTIVITIES,
    Category.ASSISTANCE,
    Category.RIGHTS,
    Category.BUSINESS,
    Category.ADMINISTRATION,
    Category.CAPITAL,
    Category.OTHER_SPENDING,
)
CATEGORIES_BY_DIRECTION = {Direction.INCOME: INCOME_CATEGORIES, Direction.SPENDING: SPENDING_CATEGORIES}

# Welfare disbursements paid from union funds are recorded in the welfare app and appear in
# the funds summary as this derived spending line, never as fund entries typed twice.
WELFARE_LINE_KEY = "welfare_disbursements"
WELFARE_LINE_LABEL = _("帮扶慰问（发放记录）")
