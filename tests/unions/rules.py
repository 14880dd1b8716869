from django.contrib.auth import get_user_model

from tests.factories import BranchFactory, UnionFactory, UnionRoleFactory, UserFactory
from unions.models import Branch, Union, UnionRole
from unions.permissions import Perm


def _role(union):
    return UnionRoleFactory(union=union)


URL_RULES = {
    "unions:home": (Perm.VIEW, None),
    "unions:settings": (Perm.MANAGE_UNION, None),
    "unions:branch-create": (Perm.MANAGE_UNION, None),
    "unions:branch-edit": (Perm.MANAGE_UNION, lambda union: BranchFactory(union=union)),
    "unions:users": (Perm.MANAGE_USERS, None),
    "unions:user-create": (Perm.MANAGE_USERS, None),
    "unions:user-edit": (Perm.MANAGE_USERS, _role),
    "unions:user-password": (Perm.MANAGE_USERS, _role),
    "unions:user-remove": (Perm.MANAGE_USERS, _role),
    "unions:notices-acknowledge": (Perm.APPROVE, None),
}

AUDIT_CASES = {
    Union: (UnionFactory, "name", "改名后的工会"),
    Branch: (BranchFactory, "name", "改名后的分会"),
    UnionRole: (UnionRoleFactory, "role", "leader"),
    get_user_model(): (UserFactory, "first_name", "晓红"),
}
