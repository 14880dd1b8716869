from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "funds"
    verbose_name = "工会经费"

    def ready(self) -> None:
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .models import FundAudit, FundEntry

        for model in (FundEntry, FundAudit):
            register(model, exclude=AUDIT_EXCLUDE)
