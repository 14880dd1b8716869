"""Writing year profiles: a union's own, a federation's for a unit off the system, and one
taken from an imported workbook (`profiles.importing`, re-exported here). Every write is
audited (audit.registry, see apps.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from records.integrity import recheck_on_conflict
from unions.models import Union

from .choices import ProfileSource
from .models import UnionYearProfile

FIELDS = (
    "unit_kind",
    "workers",
    "women_workers",
    "members",
    "women_members",
    "founded_on",
    "has_congress",
    "has_disclosure",
    "has_women_committee",
    "has_audit_committee",
    "has_mediation_committee",
    "workers_home",
    "joint_units",
    "has_board",
    "worker_directors",
    "has_supervisory_board",
    "worker_supervisors",
    "has_safety_committee",
    "safety_inspectors",
    "tech_associations",
    "tech_association_members",
    "note",
)
OFF_SYSTEM_ONLY = ("members", "women_members")


def save_profile(profile: UnionYearProfile) -> UnionYearProfile:
    profile.full_clean(validate_constraints=False)
    # Two saves of a new profile at once: the loser gets the unique rule's message.
    with recheck_on_conflict(profile.validate_constraints):
        profile.save()
    return profile


@transaction.atomic
def own_profile_save(
    *, union: Union, year: int, actor: AbstractBaseUser | None, **fields: Any
) -> UnionYearProfile:
    """The union's own profile for `year`, created or changed. Its members come from its roster."""
    profile = UnionYearProfile.objects.filter(union=union, unit_code="", year=year).first()
    profile = profile or UnionYearProfile(union=union, year=year, created_by=actor)
    for name in FIELDS:
        if name in fields and name not in OFF_SYSTEM_ONLY:
            setattr(profile, name, fields[name])
    profile.source = ProfileSource.SELF
    return save_profile(profile)


def refuse_unit_on_system(*, federation: Union, unit_code: str) -> None:
    """A union on the system keeps its own profile: the federation may not write it."""
    if Union.objects.filter(code=unit_code).exists():
        raise ValidationError(
            {
                "unit_code": f"代码为“{unit_code}”的工会已在本系统中使用，其基本情况由该工会自行填报，上级工会只能查看。"
            }
        )


@transaction.atomic
def unit_profile_save(
    *,
    federation: Union,
    year: int,
    unit_code: str,
    unit_name: str,
    actor: AbstractBaseUser | None,
    profile: UnionYearProfile | None = None,
    **fields: Any,
) -> UnionYearProfile:
    """A federation's profile of a unit below it that is not on the system."""
    unit_code = unit_code.strip()
    if not unit_code:
        raise ValidationError({"unit_code": "请填写单位代码。"})
    refuse_unit_on_system(federation=federation, unit_code=unit_code)
    if profile is None:
        profile = UnionYearProfile(union=federation, created_by=actor, source=ProfileSource.FEDERATION)
    elif profile.union_id != federation.pk or not profile.off_system:
        raise ValidationError("只能修改本会代填的下级单位情况。")
    profile.year, profile.unit_code, profile.unit_name = year, unit_code, unit_name.strip()
    for name in FIELDS:
        if name in fields:
            setattr(profile, name, fields[name])
    if profile.source == ProfileSource.IMPORTED:
        profile.source = ProfileSource.FEDERATION  # changed by hand since the import
    return save_profile(profile)


# Imported here so callers keep one place to write profiles from (the import is its own module).
from .importing import profile_from_external_report, profile_keep_entered  # noqa: E402

__all__ = [
    "own_profile_save",
    "profile_from_external_report",
    "profile_keep_entered",
    "refuse_unit_on_system",
    "save_profile",
    "unit_profile_save",
]
