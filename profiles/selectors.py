"""Reading year profiles: one union's, those of the units a federation covers, and the rates
computed from them (入会率 = members / workers; 建制率 = units with an institution / units)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from members.selectors import membership_figures
from records.memo import figures_scope
from records.periods import period_for
from reports.figures import percent
from unions.models import Union

from .models import INSTITUTIONS, UnionYearProfile


def own_profile(*, union: Union, year: int) -> UnionYearProfile | None:
    return UnionYearProfile.objects.filter(union=union, unit_code="", year=year).first()


def covered_profiles(*, union: Union, year: int) -> QuerySet[UnionYearProfile]:
    """The profiles of the units below `union`: the own profiles of the unions under it on the
    system, and those it (or a union under it) keeps for units off the system."""
    below = union.descendants()
    own_below = UnionYearProfile.objects.filter(union__in=below, unit_code="", year=year)
    kept = UnionYearProfile.objects.filter(union__in=union.descendants(include_self=True), year=year).exclude(
        unit_code=""
    )
    return (own_below | kept).select_related("union").order_by("union__path", "unit_code")


@dataclass(frozen=True)
class ProfileRates:
    profile: UnionYearProfile
    members: int
    women_members: int
    membership_rate: Decimal | None  # 入会率, %; None without a number of workers
    is_new: bool  # founded within the statistical year (新建会)

    @property
    def over_full(self) -> bool:
        """More members than workers: the 逻辑检查 would refuse it, so the page says so."""
        return bool(self.profile.workers) and self.members > self.profile.workers


def profiles_rated(profiles: Iterable[UnionYearProfile]) -> list[ProfileRates]:
    """`profile_rates` of each profile, the rosters of the unions on the system counted together."""
    profiles = list(profiles)
    peers = {p.union: period_for(p.union, p.year) for p in profiles if not p.off_system}
    with figures_scope(peers=peers):
        return [profile_rates(p) for p in profiles]


def profile_rates(profile: UnionYearProfile) -> ProfileRates:
    """Members from the roster at the year's end for a union on the system, as entered (or
    imported) for a unit off it."""
    period = period_for(profile.union, profile.year)
    if profile.off_system:
        members, women = profile.members or 0, profile.women_members or 0
    else:
        figures = membership_figures(union=profile.union, period=period)
        members, women = figures.total, figures.women
    return ProfileRates(
        profile=profile,
        members=members,
        women_members=women,
        membership_rate=percent(members, profile.workers) if profile.workers else None,
        is_new=bool(profile.founded_on and period.contains(profile.founded_on)),
    )


@dataclass(frozen=True)
class InstitutionRate:
    label: str
    units: int  # units that have it
    of: int  # units profiled
    rate: Decimal | None  # 建制率, %


@dataclass(frozen=True)
class CoverageSummary:
    units: int
    new_units: int
    joint_units_covered: int
    workers: int
    women_workers: int
    members: int
    membership_rate: Decimal | None
    institutions: list[InstitutionRate]


def coverage_summary(rates: list[ProfileRates]) -> CoverageSummary:
    """Totals and rates over a set of profiles (a federation's units)."""
    units = len(rates)
    workers = sum(r.profile.workers for r in rates)
    members = sum(r.members for r in rates)
    institutions = []
    for field, label in INSTITUTIONS:
        having = sum(1 for r in rates if getattr(r.profile, field))
        institutions.append(InstitutionRate(label, having, units, percent(having, units)))
    return CoverageSummary(
        units=units,
        new_units=sum(1 for r in rates if r.is_new),
        joint_units_covered=sum(r.profile.joint_units for r in rates),
        workers=workers,
        women_workers=sum(r.profile.women_workers for r in rates),
        members=members,
        membership_rate=percent(members, workers),
        institutions=institutions,
    )
