from django.core.files.base import ContentFile

from imports.models import HeaderMapping, ImportJob, RecordImport
from tests.factories import UnionFactory, UserFactory
from unions.permissions import Perm


def _import(union=None):
    """A previewed import with a (dummy) stored file."""
    record = RecordImport(
        union=union or UnionFactory(),
        kind="disbursements",
        uploaded_by=UserFactory(),
        original_name="台账.xlsx",
    )
    record.file.save("ledger.xlsx", ContentFile(b"PK placeholder"), save=False)
    record.save()
    return record


def _mapping(union=None):
    return HeaderMapping.objects.create(
        union=union or UnionFactory(), kind="disbursements", mapping={"领取人": "name"}
    )


def _job(union=None):
    record = _import(union)
    return ImportJob.objects.create(
        union=record.union, record_import=record, step=ImportJob.Step.READ, requested_by=record.uploaded_by
    )


URL_RULES = {
    "imports:home": (Perm.EDIT, None),
    "imports:upload": (Perm.EDIT, None),
    "imports:template": (Perm.EDIT, None),
    "imports:preview": (Perm.EDIT, _import),
    "imports:mapping": (Perm.EDIT, _import),
    "imports:resolve": (Perm.EDIT, _import),
    "imports:confirm": (Perm.EDIT, _import),
    "imports:errors": (Perm.EDIT, _import),
}

AUDIT_CASES = {
    RecordImport: (_import, "original_name", "改名.xlsx"),
    HeaderMapping: (_mapping, "kind", "activities"),
    ImportJob: (_job, "error", "读取中断。"),
}
