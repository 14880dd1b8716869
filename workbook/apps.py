from django.apps import AppConfig


class WorkbookConfig(AppConfig):
    name = "workbook"
    verbose_name = "统计年报工作簿"

    def ready(self) -> None:
        from audit.details import register_details, rows_per_sheet
        from audit.models import register_event_labels
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .events import EVENT_LABELS, detail_labels
        from .models import ExportJob, ExternalReport, RegisteredKey

        # Progress counters move through queryset updates and are not logged; the job's
        # creation and its outcome (done/failed, file, row counts) are.
        register(ExportJob, exclude={"progress_rows", "total_rows"}, display={"row_counts": rows_per_sheet})
        register(ExternalReport, exclude=AUDIT_EXCLUDE)
        register(RegisteredKey, exclude=AUDIT_EXCLUDE | {"public_key"})
        register_event_labels(EVENT_LABELS)
        register_details(detail_labels())

        from . import checks  # noqa: F401  (registers the signing key file check)
