"""The roster's uploads: the record imports (imports.models.RecordImport) of kind "roster".

A proxy, so that the roster pages, its permission rules and its history keep a name of their
own while one model, one lifecycle and one set of counts serve every record type.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from imports.models import RecordImport

ROSTER = "roster"


def roster_upload_path(instance: Any, filename: str) -> str:
    """Where the roster's own model kept its files (named by migration 0002)."""
    return f"imports/{instance.union_id}/{uuid.uuid4().hex}.xlsx"


class RosterImportManager(models.Manager["RosterImport"]):
    def get_queryset(self) -> models.QuerySet[RosterImport]:
        return super().get_queryset().filter(kind=ROSTER)


class RosterImport(RecordImport):
    """One roster file uploaded for import into one union (上传 → 预览 → 确认导入)."""

    objects = RosterImportManager()

    class Meta:
        proxy = True
        verbose_name = _("花名册导入")
        verbose_name_plural = _("花名册导入")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not args:  # rows loaded from the database come positionally, with their kind
            kwargs.setdefault("kind", ROSTER)
        super().__init__(*args, **kwargs)
