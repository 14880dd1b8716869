from django.apps import AppConfig


class UnionsConfig(AppConfig):
    name = "unions"
    verbose_name = "工会组织"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from audit.models import register_event_labels
        from audit.registry import register

        from .events import EVENT_LABELS
        from .models import Branch, Union, UnionRole

        register(Union)
        register(Branch)
        register(UnionRole)
        # Users belong to no union; their log entries carry none.
        register(get_user_model(), exclude={"last_login"}, redacted={"password"})
        register_event_labels(EVENT_LABELS)
