"""Managing who acts in a union. Admins of a union call these through the user pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.registry import log_event
from records.integrity import recheck_on_conflict

from .events import (
    ACK_UPTO_KEY,
    APPROVER_GRANTED,
    APPROVER_PASSWORD_RESET,
    NOTICES_ACKNOWLEDGED,
    SEPARATION_OFF,
    SEPARATION_ON,
)
from .models import Union, UnionRole
from .permissions import APPROVING_ROLES


@transaction.atomic
@transaction.atomic
def user_create_in_union(
    *, union: Union, username: str, full_name: str, password: str, role: str
) -> UnionRole:
    user = get_user_model()(username=username, first_name=full_name)
    user.set_password(password)
    user.full_clean()
    with recheck_on_conflict(user.full_clean):  # another admin created the same username
        user.save()
    union_role = UnionRole.objects.create(user=user, union=union, role=role)
    if role in APPROVING_ROLES:
        _log_granted(union_role, previous="")
    return union_role


def _log_granted(union_role: UnionRole, *, previous: str) -> None:
    # Whoever sets up an approver account knows its password: the leaders are told (notices).
    details = {"user": union_role.user_id, "role": union_role.role}
    if previous:
        details["原角色"] = str(UnionRole(role=previous).get_role_display())
    log_event(union_role, APPROVER_GRANTED, details)


def _refuse_self(*, union_role: UnionRole, actor: AbstractUser) -> None:
    if union_role.user_id == actor.pk:
        raise ValidationError("不能修改或移除自己的账号角色，请由本工会的其他管理员操作。")


@transaction.atomic
def union_role_change(*, union_role: UnionRole, role: str, full_name: str, actor: AbstractUser) -> UnionRole:
    previous = union_role.role
    if role != previous:
        _refuse_self(union_role=union_role, actor=actor)
    union_role.role = role
    union_role.full_clean()
    union_role.save()
    if role in APPROVING_ROLES and previous not in APPROVING_ROLES:
        _log_granted(union_role, previous=previous)
    user = union_role.user
    if user.first_name != full_name:
        user.first_name = full_name
        user.save(update_fields=["first_name"])
    return union_role


@transaction.atomic
def union_role_remove(*, union_role: UnionRole, actor: AbstractUser) -> None:
    """Take a user out of the union. The account stays for the log; with no role left it
    is deactivated so it cannot sign in."""
    _refuse_self(union_role=union_role, actor=actor)
    user = union_role.user
    union_role.delete()
    if not UnionRole.objects.filter(user=user).exists() and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])


def can_reset_password(*, union_role: UnionRole) -> bool:
    """Only when the account belongs to this union alone: another union's admin must not
    be able to take over a shared account."""
    return not UnionRole.objects.filter(user_id=union_role.user_id).exclude(pk=union_role.pk).exists()


@transaction.atomic
def user_password_reset(*, union_role: UnionRole, password: str) -> None:
    if not can_reset_password(union_role=union_role):
        raise ValidationError("该账号同时属于其他工会，请由用户本人修改密码。")
    user = union_role.user
    reactivated = not user.is_active
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    if union_role.role in APPROVING_ROLES:
        # The admin now knows an approver's password: as good as a new approver account.
        details: dict[str, object] = {"user": user.pk, "role": union_role.role}
        if reactivated:
            details["重新启用账号"] = True
        log_event(union_role, APPROVER_PASSWORD_RESET, details)


@transaction.atomic
def union_settings_update(*, union: Union, **fields: object) -> Union:
    """Save the union's own settings; switching separation of duties is an event of its own."""
    current = Union.objects.select_for_update().get(pk=union.pk)
    was_separated = current.separate_approval
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    if current.separate_approval != was_separated:
        event = SEPARATION_ON if current.separate_approval else SEPARATION_OFF
        log_event(current, event, {"separate_approval": current.separate_approval})
    return current


def approver_notices_acknowledge(*, union: Union, upto: int) -> None:
    """The acting leader has read the approver notices up to log entry `upto`. The
    acknowledgement is itself a log entry, so who saw what, and when, stays on record."""
    log_event(union, NOTICES_ACKNOWLEDGED, {ACK_UPTO_KEY: upto})
