from members.models import Member
from tests.factories import MemberFactory
from unions.permissions import Perm


def _member(union):
    return MemberFactory(union=union)


URL_RULES = {
    "members:list": (Perm.VIEW, None),
    "members:detail": (Perm.VIEW, _member),
    "members:create": (Perm.EDIT, None),
    "members:edit": (Perm.EDIT, _member),
    "members:delete": (Perm.EDIT, _member),
    "members:import": (Perm.EDIT, None),
    "members:lookup": (Perm.VIEW, None),
}

AUDIT_CASES = {
    Member: (MemberFactory, "phone", "13900009999"),
}
