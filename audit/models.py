from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from records.display import person_name


class AuditImmutableError(Exception):
    """Log entries are written once and never changed or deleted."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise AuditImmutableError("操作日志不可修改。")

    def delete(self):  # type: ignore[no-untyped-def]
        raise AuditImmutableError("操作日志不可删除。")

    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class Action(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")


# Readable names for events logged with `log_event` ("welfare.disbursement.approved");
# apps add theirs with `register_event_labels` in their AppConfig.ready().
EVENT_LABELS: dict[str, str] = {}


def register_event_labels(labels: dict[str, str]) -> None:
    EVENT_LABELS.update(labels)


class AuditEntry(models.Model):
    """Who changed what, when, in which union. Written by `audit.registry`, read-only after."""

    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        # Users are deactivated, not deleted, once they have done something.
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人/来源"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    union = models.ForeignKey(
        "unions.Union",
        verbose_name=_("工会"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=40)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("对象编号"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=200)
    # {field: [old, new]} for changes; {field: value} for creation and deletion.
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("操作日志")
        verbose_name_plural = _("操作日志")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["union", "-created_at"], name="audit_union_time_idx"),
            # The newest entry of a union is its data version (see reports.dashboard).
            models.Index(fields=["union", "id"], name="audit_union_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise AuditImmutableError("操作日志不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AuditImmutableError("操作日志不可删除。")

    @property
    def actor_name(self) -> str:
        """Who acted, by name (姓名) when a user did; "系统" or the command's label otherwise.
        Needs `actor` selected with the entry to stay one query per page."""
        if self.actor_id is None:
            return self.actor_label
        return person_name(self.actor)

    @property
    def action_label(self) -> str:
        try:
            return Action(self.action).label
        except ValueError:
            return EVENT_LABELS.get(self.action, self.action)
