"""Writes to the roster. Each runs in a transaction and validates the whole member."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import ProtectedError

from records.integrity import recheck_on_conflict
from unions.models import Union

from .models import Member


class MemberInUseError(Exception):
    """The member is referenced by other records and can only end, not vanish."""


@transaction.atomic
def member_create(*, union: Union, **fields: Any) -> Member:
    member = Member(union=union, **fields)
    member.full_clean()
    with recheck_on_conflict(member.full_clean):  # another request saved the same ID number
        member.save()
    return member


@transaction.atomic
def member_update(*, member: Member, **fields: Any) -> Member:
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean()
    with recheck_on_conflict(member.full_clean):
        member.save()
    return member


@transaction.atomic
def member_delete(*, member: Member) -> None:
    """Delete a member entered by mistake. Members that other records point at stay."""
    try:
        member.delete()
    except ProtectedError as exc:
        raise MemberInUseError("该会员已被其他记录引用，不能删除。请改为办理转出、退休或除名。") from exc
