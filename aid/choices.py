"""The services an aid centre (帮扶中心) or an aid-heavy union runs, as the seeds report them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    RELIEF = "relief", _("困难职工救助")
    TEMPORARY = "temporary", _("临时救助")
    STUDENT = "student", _("助学")
    SKILL_TRAINING = "skill_training", _("职业技能培训")
    STARTUP_TRAINING = "startup_training", _("创业培训")
    PLACEMENT = "placement", _("职业介绍")
    JOB_BASE = "job_base", _("再就业基地")
    SMALL_LOAN = "small_loan", _("小额借款")


# What each kind counts: (persons' label, items' label and unit, placed's label), "" where unused.
# The form and the validation read these, so the page asks only what the kind has.
MEASURES: dict[str, tuple[str, tuple[str, str], str]] = {
    ServiceKind.RELIEF: ("救助人数", ("", ""), ""),
    ServiceKind.TEMPORARY: ("救助人数", ("", ""), ""),
    ServiceKind.STUDENT: ("资助学生人数", ("", ""), ""),
    ServiceKind.SKILL_TRAINING: ("培训人数", ("培训期数", "期"), ""),
    ServiceKind.STARTUP_TRAINING: ("培训学员人数", ("培训期数", "期"), ""),
    ServiceKind.PLACEMENT: ("接待求职者人数", ("提供就业信息条数", "条"), "安置就业人数"),
    ServiceKind.JOB_BASE: ("", ("新增基地家数", "家"), "吸纳安置就业人数"),
    ServiceKind.SMALL_LOAN: ("借款人数", ("", ""), "带动就业人数"),
}
MONEY_KINDS = frozenset(
    {ServiceKind.RELIEF, ServiceKind.TEMPORARY, ServiceKind.STUDENT, ServiceKind.SMALL_LOAN}
)
