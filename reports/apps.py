from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "年度工作总结"

    def ready(self) -> None:
        from audit.models import register_event_labels
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from . import checks  # noqa: F401  (registers the font and HarfBuzz checks)
        from .models import FinaliseJob, Report, ReportSection

        register(Report, exclude=AUDIT_EXCLUDE | {"snapshot"})
        register(ReportSection, exclude={"figures_seen"})
        # Who asked for a finalise and how it ended; started_at moves by queryset update.
        register(FinaliseJob, exclude={"started_at", "task_id"})
        register_event_labels({"reports.report.finalised": "定稿"})
