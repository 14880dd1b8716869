from __future__ import annotations

from typing import Any

from django.apps import AppConfig


def rows_per_model(value: Any) -> str:
    """{"hardship_files": 12} -> 困难职工档案 12 条: the generator counts rows by table."""
    from django.apps import apps as registry

    from audit.details import readable

    if not isinstance(value, dict):
        return readable(value)
    names = {m._meta.model_name: str(m._meta.verbose_name) for m in registry.get_models()}
    parts = []
    for key, rows in value.items():
        stem = str(key).replace("_", "")
        candidates = [stem, stem[:-1], stem[:-2], stem[:-3] + "y"]
        label = next((names[c] for c in candidates if c in names), str(key))
        parts.append(f"{label} {readable(rows)} 条")
    return "、".join(parts)


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "演示数据"

    def ready(self) -> None:
        from audit.details import Detail, register_details, year
        from audit.models import register_event_labels

        register_event_labels({"demo.load_data.generated": "生成压力测试数据"})
        register_details(
            {
                "counts": Detail("写入记录数", rows_per_model),
                "seed": Detail("随机种子"),
                "append": Detail("追加到已有数据"),
                "bulk": Detail("批量写入"),
                "year": Detail("年度", year),
            }
        )
