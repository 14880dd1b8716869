from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from records.dates import PlausibleDates
from records.models import RecordQuerySet, UnionRecord
from unions.models import Branch, Union

from .choices import (
    CURRENT_STATUSES,
    ETHNICITY_CHOICES,
    CadrePost,
    Education,
    Employment,
    Gender,
    Household,
    MembershipStatus,
    ModelWorkerLevel,
    PoliticalStatus,
)
from .id_numbers import mask, normalize, validate_resident_id
from .phones import validate_phone
from .validation import identity_errors, lifecycle_errors


class MemberQuerySet(models.QuerySet):
    def current(self) -> MemberQuerySet:
        return self.filter(status__in=CURRENT_STATUSES)


class Member(PlausibleDates, models.Model):
    """A union member: one row of the roster (会员花名册).

    Membership is a lifecycle: it starts on `joined_on` and may end (转出, 退休, 除名) on
    `status_date`. Members that other records point at are never deleted.
    """

    union = models.ForeignKey(Union, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="members")
    branch = models.ForeignKey(
        Branch,
        verbose_name=_("分会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    name = models.CharField(_("姓名"), max_length=50)
    # Both derive from the ID number when left blank (see clean()).
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, choices=ETHNICITY_CHOICES, default="汉族")
    birth_date = models.DateField(_("出生日期"), blank=True)
    id_number = models.CharField(_("身份证号"), max_length=18, validators=[validate_resident_id])
    phone = models.CharField(_("手机"), max_length=20, blank=True, validators=[validate_phone])
    political_status = models.CharField(
        _("政治面貌"), max_length=20, choices=PoliticalStatus.choices, blank=True
    )
    education = models.CharField(_("学历"), max_length=20, choices=Education.choices, blank=True)
    household = models.CharField(_("户籍类型"), max_length=10, choices=Household.choices, blank=True)
    employment = models.CharField(
        _("用工形式"), max_length=20, choices=Employment.choices, default=Employment.CONTRACT
    )
    is_migrant_worker = models.BooleanField(_("农民工"), default=False)
    department = models.CharField(_("单位/部门"), max_length=100, blank=True)
    job_title = models.CharField(_("职务"), max_length=100, blank=True)
    joined_on = models.DateField(_("入会时间"))
    card_number = models.CharField(_("会员证号"), max_length=40, blank=True)
    status = models.CharField(
        _("会籍状态"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    status_date = models.DateField(_("状态日期"), null=True, blank=True)
    model_worker_level = models.CharField(
        _("劳模级别"), max_length=20, choices=ModelWorkerLevel.choices, blank=True
    )
    notes = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    # Set by a form for a user who may not see the birth date (members.privacy): validation
    # then answers nothing finer than the birth year, so resubmitting cannot find the date.
    birth_date_hidden = False

    class Meta:
        verbose_name = _("会员")
        verbose_name_plural = _("会员")
        ordering = ["union", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["union", "id_number"],
                name="member_unique_id_number_per_union",
                violation_error_message="本工会已有该身份证号的会员。",
            ),
            models.CheckConstraint(
                condition=models.Q(id_number=Upper("id_number")), name="member_id_number_uppercase"
            ),
        ]
        indexes = [
            models.Index(fields=["union", "status"], name="member_union_status_idx"),
            models.Index(fields=["union", "branch"], name="member_union_branch_idx"),
            # The roster's default order (name, id) read straight from an index: page 1 of a
            # 50,000-member roster in 0.2 ms instead of a 40 ms sort.
            models.Index(fields=["union", "name", "id"], name="member_union_name_idx"),
            models.Index(fields=["branch", "status"], name="member_branch_status_idx"),
            # Every column membership_figures_of counts by: its one pass reads this index
            # alone (an index-only scan), a fifth of the table's pages.
            models.Index(
                fields=[
                    "union",
                    "status",
                    "joined_on",
                    "status_date",
                    "gender",
                    "is_migrant_worker",
                    "model_worker_level",
                ],
                name="member_union_figures_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        # The field's validator and clean() check the ID number alike: say each thing once.
        try:
            super().full_clean(*args, **kwargs)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            raise ValidationError(
                {
                    field: list(dict.fromkeys(ValidationError(errors).messages))
                    for field, errors in exc.error_dict.items()
                }
            ) from None

    def clean(self) -> None:
        self.id_number = normalize(self.id_number or "")
        resident, errors = identity_errors(self.id_number, self.birth_date, self.gender)
        if resident:
            self.birth_date = self.birth_date or resident.birth_date
            self.gender = self.gender or resident.gender
        errors.update(
            lifecycle_errors(
                self.status,
                self.status_date,
                self.joined_on,
                self.birth_date,
                birth_year_only=self.birth_date_hidden,
            )
        )
        if self.branch_id and self.union_id and self.branch.union_id != self.union_id:
            errors["branch"] = "所选分会不属于本工会。"
        if errors:
            raise ValidationError(errors)

    @property
    def masked_id_number(self) -> str:
        return mask(self.id_number)

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES


class CadreQuerySet(RecordQuerySet):
    def serving_on(self, day: dt.date) -> CadreQuerySet:
        """Posts held at the end of `day`."""
        return self.live().filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gt=day))


class Cadre(UnionRecord):
    """A member holding a union post (工会干部) for a term; 换届 ends posts and starts new ones."""

    member = models.ForeignKey(
        Member, verbose_name=_("会员"), on_delete=models.PROTECT, related_name="cadre_posts"
    )
    post = models.CharField(_("职务"), max_length=20, choices=CadrePost.choices)
    full_time = models.BooleanField(_("专职"), default=False, help_text=_("不勾选为兼职。"))
    term = models.CharField(_("届次"), max_length=40, blank=True, help_text=_("如：第五届。"))
    start_date = models.DateField(_("任职日期"))
    end_date = models.DateField(_("离任日期"), null=True, blank=True, help_text=_("仍在任的不填。"))
    notes = models.TextField(_("备注"), blank=True)

    objects = CadreQuerySet.as_manager()

    class Meta:
        verbose_name = _("工会干部")
        verbose_name_plural = _("工会干部")
        ordering = ["post", "start_date", "id"]
        indexes = [models.Index(fields=["union", "start_date"], name="cadre_union_start_idx")]

    def __str__(self) -> str:
        return f"{self.member.name}（{self.get_post_display()}）"

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "离任日期不能早于任职日期。"
        if self.member_id and self.union_id and self.member.union_id != self.union_id:
            errors["member"] = "所选会员不属于本工会。"
        if self.member_id and self.post and self.start_date and not errors:
            overlapping = (
                Cadre.objects.live().filter(member_id=self.member_id, post=self.post).exclude(pk=self.pk)
            )
            overlapping = overlapping.filter(Q(end_date__isnull=True) | Q(end_date__gt=self.start_date))
            if self.end_date:
                overlapping = overlapping.filter(start_date__lt=self.end_date)
            if overlapping.exists():
                errors["post"] = "该会员在这段时间已担任此职务。"
        if errors:
            raise ValidationError(errors)


from .import_models import RosterImport  # noqa: E402,F401
from .name_chars import MemberNameChar  # noqa: E402,F401
