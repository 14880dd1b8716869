"""Who may do what in which union. Every view resolves its union through this module.

A user acts in a union with a role (干事, 主席/领导, 管理员). A role in a union also gives
read-only access to every union below it (上级工会 reading its subordinates). A union the
user cannot reach answers 404, so its existence does not leak; a union the user can read
but not act in answers 403 for actions.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.http import Http404, HttpRequest, HttpResponse

from .models import Role, Union, UnionRole

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Perm(enum.Enum):
    VIEW = "view"
    EDIT = "edit"  # enter and change records
    APPROVE = "approve"  # approve disbursements, finalise reports
    MANAGE_USERS = "manage_users"
    EXPORT = "export"  # workbooks for the higher-level union
    VIEW_FULL_ID = "view_full_id"  # see resident ID numbers unmasked
    VIEW_AUDIT = "view_audit"  # read the union's log of changes
    MANAGE_UNION = "manage_union"  # the union's name, reporting period and branches


ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.CLERK: frozenset({Perm.VIEW, Perm.EDIT}),
    Role.LEADER: frozenset({Perm.VIEW, Perm.EDIT, Perm.APPROVE, Perm.VIEW_AUDIT}),
    # Admins run the system; approving money stays with leaders (separation of duties).
    Role.ADMIN: frozenset(
        {
            Perm.VIEW,
            Perm.EDIT,
            Perm.MANAGE_USERS,
            Perm.MANAGE_UNION,
            Perm.EXPORT,
            Perm.VIEW_FULL_ID,
            Perm.VIEW_AUDIT,
        }
    ),
}
SUPERIOR_PERMS: frozenset[Perm] = frozenset({Perm.VIEW})
# Roles that approve money: granting one, or taking over such an account, is logged on its own.
APPROVING_ROLES: frozenset[str] = frozenset(
    role for role, perms in ROLE_PERMS.items() if Perm.APPROVE in perms
)


@dataclass(frozen=True)
class UnionAccess:
    """What one user may do in one union."""

    union: Union
    role: str | None  # the user's own role in this union, if any
    superior_union: Union | None = None  # set when access comes from a higher-level union

    @property
    def perms(self) -> frozenset[Perm]:
        if self.role:
            return ROLE_PERMS[self.role]
        return SUPERIOR_PERMS if self.superior_union else frozenset()

    def can(self, perm: Perm) -> bool:
        return perm in self.perms

    # Template-friendly shortcuts (templates cannot pass arguments).
    @property
    def can_edit(self) -> bool:
        return self.can(Perm.EDIT)

    @property
    def can_approve(self) -> bool:
        return self.can(Perm.APPROVE)

    @property
    def can_manage_users(self) -> bool:
        return self.can(Perm.MANAGE_USERS)

    @property
    def can_manage_union(self) -> bool:
        return self.can(Perm.MANAGE_UNION)

    @property
    def can_export(self) -> bool:
        return self.can(Perm.EXPORT)

    @property
    def can_view_full_id(self) -> bool:
        return self.can(Perm.VIEW_FULL_ID)

    @property
    def can_view_audit(self) -> bool:
        return self.can(Perm.VIEW_AUDIT)

    @property
    def is_read_only(self) -> bool:
        return not self.can(Perm.EDIT)

    @property
    def role_label(self) -> str:
        if self.role:
            return Role(self.role).label
        return f"上级工会（{self.superior_union}）只读" if self.superior_union else ""


def get_access(user: AbstractBaseUser | AnonymousUser, union: Union) -> UnionAccess | None:
    """The user's access to `union`, or None when the user may not see it at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    chain = union.ancestor_ids() + [union.pk]
    roles = {
        union_id: role
        for union_id, role in UnionRole.objects.filter(user=user, union_id__in=chain).values_list(
            "union_id", "role"
        )
    }
    if union.pk in roles:
        return UnionAccess(union=union, role=roles[union.pk])
    # The nearest higher-level union the user acts in.
    for ancestor_id in reversed(chain[:-1]):
        if ancestor_id in roles:
            return UnionAccess(union=union, role=None, superior_union=Union.objects.get(pk=ancestor_id))
    return None


def get_access_or_404(user: AbstractBaseUser | AnonymousUser, code: str) -> UnionAccess:
    access = _own_role_access(user, code)
    if access is None:
        union = Union.objects.filter(code=code).first()
        access = get_access(user, union) if union else None
    if access is None:
        raise Http404("没有找到该工会。")
    return access


def _own_role_access(user: AbstractBaseUser | AnonymousUser, code: str) -> UnionAccess | None:
    """The common case in one query: the user holds a role in the union itself (which then
    decides, whatever they hold above it). None means: work it out in full (get_access)."""
    if not user.is_authenticated or not user.is_active:
        return None
    # Every page of a union runs this: a plain statement, not the ORM's 1 ms of building
    # and compiling a join (the union comes back as a model instance all the same).
    own = list(Union.objects.raw(_own_role_sql(), [user.pk, code]))
    return UnionAccess(union=own[0], role=own[0].own_role) if own else None


@functools.cache
def _own_role_sql() -> str:
    quote = connection.ops.quote_name
    union, role = quote(Union._meta.db_table), quote(UnionRole._meta.db_table)
    # Table and column names from the models; the values are parameters.
    return (
        f"SELECT u.*, r.{quote('role')} AS own_role FROM {union} u "  # noqa: S608
        f"INNER JOIN {role} r ON r.{quote('union_id')} = u.{quote('id')} "
        f"WHERE r.{quote('user_id')} = %s AND u.{quote('code')} = %s"
    )


def accessible_unions(user: AbstractBaseUser | AnonymousUser) -> models.QuerySet[Union]:
    """Every union the user can at least read: where they hold a role, and all below."""
    if not user.is_authenticated:
        return Union.objects.none()
    paths = list(Union.objects.filter(roles__user=user).values_list("path", flat=True))
    if not paths:
        return Union.objects.none()
    condition = models.Q()
    for path in paths:
        condition |= models.Q(path__startswith=path)
    return Union.objects.filter(condition)


def require(access: UnionAccess, perm: Perm) -> None:
    if not access.can(perm):
        raise PermissionDenied("您没有执行此操作的权限。")


class UnionRequest(HttpRequest):
    """A request inside a union's pages; `union_view` sets these."""

    union: Union
    access: UnionAccess


V = TypeVar("V", bound=Callable[..., HttpResponse])


def union_view(perm: Perm = Perm.VIEW) -> Callable[[V], V]:
    """Decorate a view whose URL carries the union `code`.

    Resolves the union for the requesting user (404 when out of reach), checks `perm`
    (403 when the role does not allow it), and sets `request.union` and `request.access`.
    """

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapped(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
            access = get_access_or_404(request.user, code)
            require(access, perm)
            request.union = access.union  # type: ignore[attr-defined]
            request.access = access  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapped.required_perm = perm  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


M = TypeVar("M", bound=models.Model)


def get_for_union(model_or_qs: type[M] | models.QuerySet[M], request: UnionRequest, pk: Any) -> M:
    """The object `pk` if it belongs to the request's union, else 404."""
    qs = model_or_qs if isinstance(model_or_qs, models.QuerySet) else model_or_qs._default_manager.all()
    try:
        return qs.get(union=request.union, pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该记录。") from None
