"""Writing year profiles: a union's own, a federation's for a unit off the system, and one
taken from an imported workbook. Every write is audited (audit.registry, see apps.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.registry import log_event
from records.integrity import recheck_on_conflict
from unions.models import Union
from workbook.indicators import BY_KEY, from_text
from workbook.models import ExternalReport

from .choices import ProfileSource, UnitKind
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
    "note",
)
OFF_SYSTEM_ONLY = ("members", "women_members")


def _save(profile: UnionYearProfile) -> UnionYearProfile:
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
    return _save(profile)


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
    return _save(profile)


def _count(report: ExternalReport, key: str) -> int | None:
    raw = report.values.get(key)
    if raw in (None, ""):
        return None
    try:
        return int(from_text(BY_KEY[key], raw))
    except (ValueError, TypeError, ArithmeticError):
        return None


@transaction.atomic
def profile_from_external_report(
    *, report: ExternalReport, actor: AbstractBaseUser | None
) -> UnionYearProfile:
    """The profile of the unit whose workbook `report` is, from the figures it carries: members
    and women members; a congress held or delegates elected means 职代会制度, a disclosure
    means 厂务公开. What the workbook does not carry (workers, kind of unit, …) stays as the
    federation entered it, or empty for a new profile."""
    if report.is_void:
        raise ValidationError("该年报已作废，不能用来填写单位情况。")
    refuse_unit_on_system(federation=report.union, unit_code=report.source_code)
    profile = UnionYearProfile.objects.filter(
        union=report.union, unit_code=report.source_code, year=report.year
    ).first() or UnionYearProfile(
        union=report.union,
        unit_code=report.source_code,
        year=report.year,
        unit_kind=UnitKind.OTHER,
        created_by=actor,
    )
    profile.unit_name = report.source_name
    members, women = _count(report, "members"), _count(report, "members_women")
    if members is not None:
        profile.members = members
        profile.women_members = women
    if (_count(report, "congresses") or 0) or (_count(report, "delegates") or 0):
        profile.has_congress = True
    if _count(report, "disclosures") or 0:
        profile.has_disclosure = True
    profile.source = ProfileSource.IMPORTED
    profile.external_report = report
    _save(profile)
    log_event(
        report.union,
        "profiles.profile.imported",
        {
            "profile": profile.pk,
            "external_report": report.pk,
            "unit_code": report.source_code,
            "year": report.year,
        },
    )
    return profile
