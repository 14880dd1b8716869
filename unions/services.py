"""Managing who acts in a union. Admins of a union call these through the user pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Union, UnionRole


@transaction.atomic
def user_create_in_union(
    *, union: Union, username: str, full_name: str, password: str, role: str
) -> UnionRole:
    user = get_user_model()(username=username, first_name=full_name)
    user.set_password(password)
    user.full_clean()
    user.save()
    return UnionRole.objects.create(user=user, union=union, role=role)


def _refuse_self(*, union_role: UnionRole, actor: AbstractUser) -> None:
    if union_role.user_id == actor.pk:
        raise ValidationError("不能修改或移除自己的账号角色，请由本工会的其他管理员操作。")


@transaction.atomic
def union_role_change(*, union_role: UnionRole, role: str, full_name: str, actor: AbstractUser) -> UnionRole:
    if role != union_role.role:
        _refuse_self(union_role=union_role, actor=actor)
    union_role.role = role
    union_role.full_clean()
    union_role.save()
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
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
