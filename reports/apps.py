from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "年度工作总结"

    def ready(self) -> None:
        from audit.models import register_event_labels
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from . import checks  # noqa: F401  (registers the font and HarfBuzz checks)
        from .models import Report, ReportSection

        register(Report, exclude=AUDIT_EXCLUDE | {"snapshot"})
        register(ReportSection, exclude={"figures_seen"})
        register_event_labels({"reports.report.finalised": "定稿"})
