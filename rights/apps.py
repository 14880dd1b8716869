from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = "维护职工权益"
