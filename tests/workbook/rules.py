from tests.workbook.factories import ExportJobFactory, ExternalReportFactory, RegisteredKeyFactory
from unions.permissions import Perm
from workbook.models import ExportJob, ExternalReport, RegisteredKey


def _job(union):
    return ExportJobFactory(union=union)


def _external(union):
    return ExternalReportFactory(union=union)


def _registered_key(union):
    return RegisteredKeyFactory(union=union)


URL_RULES = {
    "workbook:export": (Perm.EXPORT, None),
    "workbook:job": (Perm.EXPORT, _job),
    # A file with full ID numbers additionally needs Perm.VIEW_FULL_ID (checked in the view).
    "workbook:download": (Perm.EXPORT, _job),
    "workbook:indicators": (Perm.VIEW, None),
    # Roll-up pages: read by the union's own users (and, read-only, by those above it).
    "workbook:rollup": (Perm.VIEW, None),
    "workbook:rollup-indicators": (Perm.VIEW, None),
    "workbook:rollup-export": (Perm.EXPORT, None),
    "workbook:import": (Perm.EXPORT, None),
    "workbook:external-detail": (Perm.VIEW, _external),
    "workbook:external-void": (Perm.EXPORT, _external),
    # This installation's public key, and the keys the union registered for its subordinates.
    "workbook:signing-keys": (Perm.EXPORT, None),
    "workbook:public-key": (Perm.EXPORT, None),
    "workbook:registered-key-void": (Perm.MANAGE_UNION, _registered_key),
}

AUDIT_CASES = {
    ExportJob: (ExportJobFactory, "status", "failed"),
    ExternalReport: (ExternalReportFactory, "source_name", "更名后的外部工会"),
    RegisteredKey: (RegisteredKeyFactory, "source_name", "更名后的外部工会"),
}
