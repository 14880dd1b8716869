from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "台账导入"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from audit.models import register_event_labels
        from audit.registry import register

        from .models import HeaderMapping, ImportJob, RecordImport

        # The summary holds preview rows (names, ID numbers): never copied into the log.
        register(RecordImport, exclude={"summary", "updated_at"})
        register(HeaderMapping, exclude={"updated_at"})
        register(ImportJob, exclude={"started_at", "task_id", "announced"})
        register_event_labels({"imports.records.imported": "导入台账"})
        # Each app declares its record types in `<app>/importers.py`.
        autodiscover_modules("importers")
