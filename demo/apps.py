from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "演示数据"

    def ready(self) -> None:
        from audit.models import register_event_labels

        register_event_labels({"demo.load_data.generated": "生成压力测试数据"})
