from django.core.files.base import ContentFile

from members.import_models import RosterImport
from members.models import Cadre, Member
from tests.factories import CadreFactory, MemberFactory, UnionFactory, UserFactory
from unions.permissions import Perm


def _member(union):
    return MemberFactory(union=union)


def _import(union=None):
    """A previewed import with a (dummy) stored file."""
    record = RosterImport(
        union=union or UnionFactory(), uploaded_by=UserFactory(), original_name="花名册.xlsx"
    )
    record.file.save("roster.xlsx", ContentFile(b"PK placeholder"), save=False)
    record.save()
    return record


URL_RULES = {
    "members:list": (Perm.VIEW, None),
    "members:detail": (Perm.VIEW, _member),
    "members:create": (Perm.EDIT, None),
    "members:edit": (Perm.EDIT, _member),
    "members:delete": (Perm.EDIT, _member),
    "members:import": (Perm.EDIT, None),
    "members:import-template": (Perm.EDIT, None),
    "members:import-preview": (Perm.EDIT, _import),
    "members:import-confirm": (Perm.EDIT, _import),
    "members:import-errors": (Perm.EDIT, _import),
    "members:lookup": (Perm.VIEW, None),
    "members:cadre-list": (Perm.VIEW, None),
    "members:cadre-create": (Perm.EDIT, None),
    "members:cadre-detail": (Perm.VIEW, lambda union: CadreFactory(union=union)),
    "members:cadre-edit": (Perm.EDIT, lambda union: CadreFactory(union=union)),
    "members:cadre-void": (Perm.EDIT, lambda union: CadreFactory(union=union)),
}

AUDIT_CASES = {
    Member: (MemberFactory, "phone", "13900009999"),
    RosterImport: (_import, "original_name", "改名.xlsx"),
    Cadre: (CadreFactory, "term", "第六届"),
}
