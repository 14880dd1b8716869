from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "welfare"
    verbose_name = "帮扶救助"

    def ready(self) -> None:
        from audit.models import register_event_labels
        from audit.registry import register
        from records.models import AUDIT_EXCLUDE

        from .events import EVENT_LABELS
        from .models import (
            Disbursement,
            DisbursementBatch,
            DonationDrive,
            HardshipFamilyMember,
            HardshipFile,
            HardshipReview,
            LocalLivingLine,
            WelfareAttachment,
            WelfareStandard,
        )

        for model in (
            HardshipFile,
            HardshipReview,
            Disbursement,
            DisbursementBatch,
            DonationDrive,
            WelfareStandard,
            HardshipFamilyMember,
            LocalLivingLine,
        ):
            register(model, exclude=AUDIT_EXCLUDE)
        # Who attached which file and when; the stored name is random, the file is private.
        register(WelfareAttachment, exclude={"created_at", "file"})
        register_event_labels(EVENT_LABELS)
