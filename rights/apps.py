from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = "维护职工权益"

    def ready(self) -> None:
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .models import LegalAid, MediationCase, Petition

        for model in (MediationCase, LegalAid, Petition):
            register(model, exclude=AUDIT_EXCLUDE)
