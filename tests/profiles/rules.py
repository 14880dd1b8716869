from profiles.models import UnionYearProfile
from tests.profiles.factories import ProfileFactory, UnitProfileFactory
from tests.workbook.factories import ExternalReportFactory
from unions.permissions import Perm


def _unit(union):
    return UnitProfileFactory(union=union)


def _external(union):
    return ExternalReportFactory(union=union)


URL_RULES = {
    "profiles:list": (Perm.VIEW, None),
    # The union's own year: entered by whoever enters its records.
    "profiles:own": (Perm.EDIT, None),
    # Units off the system: the federation's admin.
    "profiles:unit-create": (Perm.MANAGE_UNION, None),
    "profiles:unit-edit": (Perm.MANAGE_UNION, _unit),
    "profiles:from-import": (Perm.MANAGE_UNION, _external),
    "profiles:keep-entered": (Perm.MANAGE_UNION, _external),
}

AUDIT_CASES = {
    UnionYearProfile: (ProfileFactory, "workers", 120),
}
