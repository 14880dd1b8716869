from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "单位年度基本情况"

    def ready(self) -> None:
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .models import UnionYearProfile

        register(UnionYearProfile, exclude=AUDIT_EXCLUDE)
