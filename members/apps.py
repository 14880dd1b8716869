from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "会员"

    def ready(self) -> None:
        from audit.details import Detail, counted, numbered, register_details
        from audit.models import register_event_labels
        from audit.registry import register

        from .id_numbers import mask
        from .import_models import RosterImport
        from .models import Cadre, Member
        from .privacy import birth_year, masked_phone

        register(
            Member,
            exclude={"updated_at"},
            masked={"id_number": mask},
            personal={"birth_date": birth_year, "phone": masked_phone},
        )
        register(Cadre, exclude={"created_at", "updated_at"})
        # The summary holds preview rows with full ID numbers: never copied into the log.
        register(RosterImport, exclude={"summary", "updated_at"})
        register_event_labels({"members.roster.imported": "导入花名册"})
        register_details(
            {
                "file": Detail("文件"),
                "rows": Detail("数据行数", counted("行")),
                "added": Detail("新增", counted("人")),
                "updated": Detail("更新", counted("人")),
                "unchanged": Detail("无变化", counted("人")),
                "roster_import": Detail("导入批次", numbered("")),
            }
        )
