from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = "活动与荣誉"

    def ready(self) -> None:
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .models import Activity, ActivityPhoto, Honour

        register(Activity, exclude=AUDIT_EXCLUDE)
        register(ActivityPhoto, exclude=AUDIT_EXCLUDE)
        register(Honour, exclude=AUDIT_EXCLUDE)
