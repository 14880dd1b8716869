from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "年度工作总结"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the font and HarfBuzz checks)
