from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Member
from records.models import TypicalCase, UnionRecord
from records.money import MoneyField
from unions.models import Branch, Union

from .choices import ActivityCategory, HonourLevel, RecipientKind
from .photos import photo_upload_to, private_storage


class Activity(UnionRecord, TypicalCase):
    """An activity the union organised (活动台账): one day or a span of days.

    It belongs to the reporting period of its start date.
    """

    category = models.CharField(_("类别"), max_length=30, choices=ActivityCategory.choices)
    title = models.CharField(_("活动名称"), max_length=200)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("一天的活动可不填。"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    branch = models.ForeignKey(
        Branch,
        verbose_name=_("组织分会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        help_text=_("由工会统一组织的可不填。"),
    )
    participants = models.PositiveIntegerField(_("参加人次"), default=0)
    women_participants = models.PositiveIntegerField(_("其中女职工人次"), default=0)
    members = models.ManyToManyField(
        Member,
        verbose_name=_("参加会员"),
        blank=True,
        related_name="activities",
        help_text=_("可选：记录具体参加的会员。"),
    )
    cost = MoneyField(_("经费（元）"))
    results = models.TextField(
        _("成绩/奖项"), blank=True, help_text=_("名次、奖项等；评先评优可填受表彰者名单。")
    )
    # 评先评优: the summary says 表彰先进集体N个、先进个人N名.
    commended_groups = models.PositiveIntegerField(_("表彰先进集体（个）"), default=0, blank=True)
    commended_people = models.PositiveIntegerField(_("表彰先进个人（名）"), default=0, blank=True)
    description = models.TextField(_("活动内容"), blank=True)

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["union", "start_date"], name="activity_union_start_idx"),
            models.Index(fields=["union", "category", "start_date"], name="activity_union_cat_idx"),
            # The few 典型事例 a summary names, found without reading the year's activities.
            models.Index(
                fields=["union", "start_date"],
                condition=models.Q(is_typical=True),
                name="activity_typical_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def date_span(self) -> str:
        """'2024-03-08', or '2024-03-08 至 2024-03-10' for an activity over several days."""
        start = f"{self.start_date:%Y-%m-%d}"
        if not self.end_date or self.end_date == self.start_date:
            return start
        return f"{start} 至 {self.end_date:%Y-%m-%d}"

    @property
    def days(self) -> int:
        if not self.end_date or self.end_date < self.start_date:
            return 1
        return (self.end_date - self.start_date).days + 1

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "结束日期不能早于开始日期。"
        if (
            self.participants is not None
            and self.women_participants is not None
            and self.women_participants > self.participants
        ):
            errors["women_participants"] = "女职工人次不能多于参加人次。"
        if self.branch_id and self.union_id and self.branch.union_id != self.union_id:
            errors["branch"] = "所选分会不属于本工会。"
        if errors:
            raise ValidationError(errors)


class ActivityPhoto(models.Model):
    """A photo attached to an activity. Photos are attachments, not reported figures, so a
    photo can be deleted (the deletion is logged); its file is served only by a checked view."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("照片"),
        upload_to=photo_upload_to,
        storage=private_storage,
        width_field="width",
        height_field="height",
        max_length=200,
    )
    content_type = models.CharField(_("文件类型"), max_length=20, editable=False)
    width = models.PositiveIntegerField(_("宽度"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("文件大小（字节）"), default=0, editable=False)
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")
        ordering = ["activity", "created_at", "id"]

    def __str__(self) -> str:
        return self.caption or f"{self.activity}的照片"

    def audit_union(self) -> Union:
        return self.activity.union


class Honour(UnionRecord):
    """An honour (荣誉) received by the union as a body or by one of its members."""

    recipient_kind = models.CharField(
        _("获得者类型"), max_length=20, choices=RecipientKind.choices, default=RecipientKind.COLLECTIVE
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("获得荣誉的会员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
        help_text=_("会员个人荣誉时必填。"),
    )
    title = models.CharField(_("荣誉名称"), max_length=200)
    awarding_body = models.CharField(_("授予单位"), max_length=200)
    level = models.CharField(_("级别"), max_length=20, choices=HonourLevel.choices)
    date = models.DateField(_("授予日期"))

    class Meta:
        verbose_name = _("荣誉")
        verbose_name_plural = _("荣誉")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["union", "date"], name="honour_union_date_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def recipient(self) -> str:
        if self.recipient_kind == RecipientKind.INDIVIDUAL and self.member_id:
            return str(self.member)
        return str(RecipientKind.COLLECTIVE.label)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.recipient_kind == RecipientKind.INDIVIDUAL and not self.member_id:
            errors["member"] = "会员个人荣誉须选择获得荣誉的会员。"
        elif self.recipient_kind == RecipientKind.COLLECTIVE and self.member_id:
            errors["member"] = "工会集体荣誉不需选择会员；如为个人荣誉，请把获得者类型改为会员个人。"
        elif self.member_id and self.union_id and self.member.union_id != self.union_id:
            errors["member"] = "所选会员不属于本工会。"
        if errors:
            raise ValidationError(errors)
