from tests.welfare.factories import (
    DisbursementBatchFactory,
    DisbursementFactory,
    DonationDriveFactory,
    HardshipFileFactory,
    HardshipReviewFactory,
)
from unions.permissions import Perm
from welfare.models import Disbursement, DisbursementBatch, DonationDrive, HardshipFile, HardshipReview


def _file(union):
    return HardshipFileFactory(union=union)


def _disbursement(union):
    return DisbursementFactory(union=union)


def _batch(union):
    return DisbursementBatchFactory(union=union)


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
    "welfare:batch-submit": (Perm.EDIT, _batch),
    "welfare:batch-pay": (Perm.EDIT, _batch),
    "welfare:donation-list": (Perm.VIEW, None),
    "welfare:donation-create": (Perm.EDIT, None),
    "welfare:donation-detail": (Perm.VIEW, _donation),
    "welfare:donation-edit": (Perm.EDIT, _donation),
    "welfare:donation-void": (Perm.EDIT, _donation),
}

AUDIT_CASES = {
    HardshipFile: (HardshipFileFactory, "household_size", 4),
    HardshipReview: (HardshipReviewFactory, "notes", "家访核实"),
    Disbursement: (DisbursementFactory, "goods_description", "慰问品"),
    DisbursementBatch: (DisbursementBatchFactory, "title", "2025年春节慰问（补发）"),
    DonationDrive: (DonationDriveFactory, "participants", 130),
}
