from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "单位年度基本情况"

    def ready(self) -> None:
        from audit.details import register_details
        from audit.models import register_event_labels
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .events import EVENT_LABELS, detail_labels
        from .models import UnionYearProfile

        register(UnionYearProfile, exclude=AUDIT_EXCLUDE)
        register_event_labels(EVENT_LABELS)
        register_details(detail_labels())
