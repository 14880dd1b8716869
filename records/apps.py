from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Shared machinery for the year's records: base model, money, periods, list pages."""

    name = "records"
    verbose_name = "记录通用组件"

    def ready(self) -> None:
        from . import scratch

        # Django's upload handler needs FILE_UPLOAD_TEMP_DIR to exist before the first upload.
        scratch.root()
