import io

from tests.welfare.factories import (
    DisbursementBatchFactory,
    DisbursementFactory,
    DonationDriveFactory,
    HardshipFamilyMemberFactory,
    HardshipFileFactory,
    HardshipReviewFactory,
    LocalLivingLineFactory,
    WelfareAttachmentFactory,
    WelfareStandardFactory,
)
from unions.permissions import Perm
from welfare.models import (
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


def _file(union):
    return HardshipFileFactory(union=union)


def _disbursement(union):
    return DisbursementFactory(union=union)


def _batch(union):
    return DisbursementBatchFactory(union=union)


def _standard(union):
    return WelfareStandardFactory(union=union)


def _attachment(union):
    from tests.welfare.test_attachments import png_bytes
    from welfare.attachments import attachment_add

    data = png_bytes()
    return attachment_add(
        parent=DisbursementFactory(union=union),
        upload=io.BytesIO(data),
        size=len(data),
        kind="receipt",
        name="收据.png",
        actor=None,
    )


def _donation(union):
    return DonationDriveFactory(union=union)


URL_RULES = {
    "welfare:hardship-list": (Perm.VIEW, None),
    "welfare:hardship-create": (Perm.EDIT, None),
    "welfare:hardship-detail": (Perm.VIEW, _file),
    "welfare:hardship-edit": (Perm.EDIT, _file),
    "welfare:hardship-void": (Perm.EDIT, _file),
    "welfare:hardship-typical": (Perm.EDIT, _file),
    "welfare:hardship-review": (Perm.EDIT, _file),
    # Takes the category suggested from the file's facts (POST only; the service checks it again).
    "welfare:hardship-accept-category": (Perm.EDIT, _file),
    "welfare:disbursement-list": (Perm.VIEW, None),
    "welfare:disbursement-create": (Perm.EDIT, None),
    "welfare:disbursement-detail": (Perm.VIEW, _disbursement),
    "welfare:disbursement-edit": (Perm.EDIT, _disbursement),
    # Approved and paid records additionally need Perm.APPROVE (checked inside the view).
    "welfare:disbursement-void": (Perm.EDIT, _disbursement),
    "welfare:disbursement-typical": (Perm.EDIT, _disbursement),
    "welfare:disbursement-submit": (Perm.EDIT, _disbursement),
    "welfare:disbursement-withdraw": (Perm.EDIT, _disbursement),
    "welfare:disbursement-pay": (Perm.EDIT, _disbursement),
    "welfare:disbursement-pending": (Perm.APPROVE, None),
    # Approve/reject: record or batch ids travel in the POST body, looked up in the union.
    "welfare:disbursement-decide": (Perm.APPROVE, None),
    "welfare:batch-list": (Perm.VIEW, None),
    "welfare:batch-create": (Perm.EDIT, None),
    "welfare:batch-detail": (Perm.VIEW, _batch),
    "welfare:batch-sign-sheet": (Perm.VIEW, _batch),
    "welfare:batch-sign-sheet-pdf": (Perm.VIEW, _batch),
    "welfare:batch-submit": (Perm.EDIT, _batch),
    "welfare:batch-pay": (Perm.EDIT, _batch),
    "welfare:donation-list": (Perm.VIEW, None),
    "welfare:donation-create": (Perm.EDIT, None),
    "welfare:donation-detail": (Perm.VIEW, _donation),
    "welfare:donation-edit": (Perm.EDIT, _donation),
    "welfare:donation-void": (Perm.EDIT, _donation),
    "welfare:disbursement-attachment-upload": (Perm.EDIT, _disbursement),
    "welfare:hardship-attachment-upload": (Perm.EDIT, _file),
    "welfare:attachment": (Perm.VIEW, _attachment),
    "welfare:attachment-delete": (Perm.EDIT, _attachment),
    # 慰问标准 are the union's settings: its admin writes them.
    "welfare:standard-list": (Perm.VIEW, None),
    "welfare:standard-create": (Perm.MANAGE_UNION, None),
    "welfare:standard-detail": (Perm.VIEW, _standard),
    "welfare:standard-edit": (Perm.MANAGE_UNION, _standard),
    "welfare:standard-void": (Perm.MANAGE_UNION, _standard),
    # 当地低保标准: one figure of the union's settings.
    "welfare:standard-living-line": (Perm.MANAGE_UNION, None),
}

AUDIT_CASES = {
    HardshipFile: (HardshipFileFactory, "household_size", 4),
    HardshipReview: (HardshipReviewFactory, "notes", "家访核实"),
    Disbursement: (DisbursementFactory, "goods_description", "慰问品"),
    DisbursementBatch: (DisbursementBatchFactory, "title", "2025年春节慰问（补发）"),
    DonationDrive: (DonationDriveFactory, "participants", 130),
    WelfareAttachment: (WelfareAttachmentFactory, "kind", "signed_sheet"),
    WelfareStandard: (WelfareStandardFactory, "notes", "省总工会〔2025〕3号"),
    HardshipFamilyMember: (HardshipFamilyMemberFactory, "employment", "flexible"),
    LocalLivingLine: (LocalLivingLineFactory, "basis", "省民政厅2027年标准"),
}
