from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import PlausibleDates


class RecordQuerySet(models.QuerySet):
    def live(self) -> RecordQuerySet:
        """Records that count: not voided."""
        return self.filter(voided_at__isnull=True)


class UnionRecord(PlausibleDates, models.Model):
    """Base of every record a union keeps during the year.

    Records are never deleted by users: a record entered in error is voided with a reason
    (作废), which takes it out of lists and reports and can be undone.
    """

    union = models.ForeignKey(
        "unions.Union",
        verbose_name=_("工会"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    void_reason = models.CharField(_("作废原因"), max_length=200, blank=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    def void(self, reason: str) -> None:
        self.voided_at = timezone.now()
        self.void_reason = reason
        self.save(update_fields=["voided_at", "void_reason", "updated_at"])

    def restore(self) -> None:
        self.voided_at = None
        self.void_reason = ""
        self.save(update_fields=["voided_at", "void_reason", "updated_at"])


AUDIT_EXCLUDE = {"updated_at", "created_at"}


class TypicalCase(models.Model):
    """A record staff mark as a 典型事例: it gets a sentence of its own in its report section."""

    is_typical = models.BooleanField(_("典型事例"), default=False, help_text=_("勾选后，总结中单独写一句。"))
    typical_note = models.CharField(
        _("典型事例说明"),
        max_length=200,
        blank=True,
        help_text=_("一句话写明经过和效果，如“因病住院，工会及时上门慰问”。"),
    )

    class Meta:
        abstract = True
