from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "works"
    verbose_name = "宣教、建家与劳动保护"

    def ready(self) -> None:
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .models import (
            DuesCollection,
            Innovation,
            ModelWorkerCare,
            Publicity,
            SafetyInspection,
            WorkersHome,
        )

        for model in (Publicity, WorkersHome, ModelWorkerCare, DuesCollection, SafetyInspection, Innovation):
            register(model, exclude=AUDIT_EXCLUDE)
