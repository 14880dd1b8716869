from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "年度工作总结"

    def ready(self) -> None:
        from audit.details import Detail, file_size, register_details
        from audit.models import register_event_labels
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from . import checks  # noqa: F401  (registers the font and HarfBuzz checks)
        from .models import DraftPdfJob, FinaliseJob, OfficialNumber, OfficialStyle, Report, ReportSection

        register(Report, exclude=AUDIT_EXCLUDE | {"snapshot"})
        from .sections import BY_KEY

        def section_title(key: str) -> str:
            section = BY_KEY.get(key)
            return section.title if section is not None else key

        register(ReportSection, exclude={"figures_seen"}, display={"key": section_title})
        # Who asked for a finalise and how it ended; started_at moves by queryset update.
        register(FinaliseJob, exclude={"started_at", "task_id"})
        # A draft's PDF asked for and how it ended; the digest names the version printed.
        register(DraftPdfJob, exclude={"started_at", "task_id", "digest"})
        register(OfficialStyle)
        register(OfficialNumber)
        register_event_labels({"reports.report.finalised": "定稿"})
        register_details({"sha256": Detail("PDF SHA-256"), "pages_bytes": Detail("PDF 大小", file_size)})
