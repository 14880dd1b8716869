from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "democracy"
    verbose_name = "民主管理"

    def ready(self) -> None:
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion

        for model in (Congress, Proposal, Disclosure, CollectiveContract, Suggestion, JointMeeting):
            register(model, exclude=AUDIT_EXCLUDE)
