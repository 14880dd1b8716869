from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Shared machinery for the year's records: base model, money, periods, list pages."""

    name = "records"
    verbose_name = "记录通用组件"

    def ready(self) -> None:
        from audit.details import Detail, register_details
        from audit.models import register_event_labels

        from . import scratch
        from .list_export import EXPORTED

        register_event_labels({EXPORTED: "导出列表"})
        register_details({"list": Detail("列表"), "filters": Detail("筛选条件")})

        # Django's upload handler needs FILE_UPLOAD_TEMP_DIR to exist before the first upload.
        scratch.root()
