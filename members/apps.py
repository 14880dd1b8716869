from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "会员"

    def ready(self) -> None:
        from audit.registry import register

        from .id_numbers import mask
        from .models import Member

        register(Member, exclude={"updated_at"}, masked={"id_number": mask})
