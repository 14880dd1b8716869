from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "会员"

    def ready(self) -> None:
        from audit.models import register_event_labels
        from audit.registry import register

        from .id_numbers import mask
        from .import_models import RosterImport
        from .models import Cadre, Member
        from .privacy import birth_year

        register(
            Member, exclude={"updated_at"}, masked={"id_number": mask}, personal={"birth_date": birth_year}
        )
        register(Cadre, exclude={"created_at", "updated_at"})
        # The summary holds preview rows with full ID numbers: never copied into the log.
        register(RosterImport, exclude={"summary"})
        register_event_labels({"members.roster.imported": "导入花名册"})
