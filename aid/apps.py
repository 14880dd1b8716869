from django.apps import AppConfig


class AidConfig(AppConfig):
    name = "aid"
    verbose_name = "帮扶中心服务"

    def ready(self) -> None:
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .models import AidService

        register(AidService, exclude=AUDIT_EXCLUDE)
