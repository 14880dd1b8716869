"""The family members of a hardship file, written with the file (welfare.services)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from .archive_models import FAMILY_FIELDS, HardshipFamilyMember
from .errors import WorkflowError
from .models import HardshipFile


def check_fields(fields: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"not family member fields: {sorted(unknown)}")


def check_household(file: HardshipFile, family: Sequence[Mapping[str, Any]] | None) -> None:
    count = len(family) if family is not None else file.family_members.count() if file.pk else 0
    if count + 1 > file.household_size:
        raise ValidationError(
            {
                "household_size": f"家庭人口（{file.household_size}人）少于登记的家庭成员加本人"
                f"（{count + 1}人），请核对家庭人口或家庭成员。"
            }
        )


def family_sync(file: HardshipFile, family: Sequence[Mapping[str, Any]]) -> None:
    """The file's family members become `family`: rows with an id are updated (they must be
    this file's), rows without one are added, rows left out are removed; each write is logged."""
    existing = {m.pk: m for m in file.family_members.all()}
    kept: set[int] = set()
    for row in family:
        check_fields({k: v for k, v in row.items() if k != "id"}, FAMILY_FIELDS)
        pk = row.get("id")
        pk = getattr(pk, "pk", pk)
        if pk and pk not in existing:
            raise WorkflowError("所填家庭成员不属于该档案。")
        member = existing[pk] if pk else HardshipFamilyMember(file=file)
        values = {name: row.get(name) for name in FAMILY_FIELDS}
        values["annual_income"] = values["annual_income"] or Decimal(0)
        for name in ("relation", "health", "employment", "name"):
            values[name] = values[name] or ""
        changed = member.pk is None or any(getattr(member, k) != v for k, v in values.items())
        for name, value in values.items():
            setattr(member, name, value)
        member.full_clean()
        if changed:
            member.save()
        kept.add(member.pk)
    for pk, member in existing.items():
        if pk not in kept:
            member.delete()
