"""The units a federation covers, one row each, for its summary: the unions below it on the
system (members from their rosters, facts from their year profiles) and the units off the
system it keeps profiles for (members as entered or imported). Every total a federation's
summary states is a sum over these rows, so each figure can be traced to the unions it sums."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from members.selectors import membership_figures
from records.memo import figures_scope
from records.periods import Period
from reports.figures import percent
from unions.models import Union, UnionLevel

from .models import UnionYearProfile


@dataclass(frozen=True)
class UnitRow:
    name: str
    on_system: bool
    profile: UnionYearProfile | None
    members: int
    women_members: int

    @property
    def kind_label(self) -> str:
        return self.profile.get_unit_kind_display() if self.profile else "未填报"

    @property
    def workers(self) -> int:
        return self.profile.workers if self.profile else 0

    @property
    def membership_rate(self) -> Decimal | None:
        return percent(self.members, self.workers) if self.workers else None


def federation_units(*, union: Union, period: Period) -> list[UnitRow]:
    """Grassroots unions below `union` on the system, then units off it, by name."""
    year = period.year
    below = union.descendants().filter(level=UnionLevel.GRASSROOTS).order_by("path")
    own = {p.union_id: p for p in UnionYearProfile.objects.filter(union__in=below, unit_code="", year=year)}
    rows = []
    units = list(below)
    with figures_scope(peers=dict.fromkeys(units, period)):  # their rosters counted in one pass
        for unit in units:
            figures = membership_figures(union=unit, period=period)
            rows.append(UnitRow(unit.name, True, own.get(unit.pk), figures.total, figures.women))
    kept = (
        UnionYearProfile.objects.filter(union__in=union.descendants(include_self=True), year=year)
        .exclude(unit_code="")
        .order_by("unit_name")
    )
    for profile in kept:
        rows.append(
            UnitRow(profile.unit_name, False, profile, profile.members or 0, profile.women_members or 0)
        )
    return rows


@dataclass(frozen=True)
class FederationTotals:
    units: int
    profiled: int  # units with a profile: the rates are over these
    new_units: int
    by_kind: list[tuple[str, int]]
    members: int
    women_members: int
    workers: int  # of the profiled units
    members_of_profiled: int  # of the units whose workers are known: 入会率 is over these
    congress_units: int
    disclosure_units: int
    joint_units_covered: int
    with_workers: int = 0  # units whose profile gives their workers (an imported one may not)

    @property
    def membership_rate(self) -> Decimal | None:
        return percent(self.members_of_profiled, self.workers)

    @property
    def congress_rate(self) -> Decimal | None:
        return percent(self.congress_units, self.profiled)

    @property
    def disclosure_rate(self) -> Decimal | None:
        return percent(self.disclosure_units, self.profiled)


def federation_totals(rows: list[UnitRow], period: Period) -> FederationTotals:
    profiled = [r for r in rows if r.profile is not None]
    kinds: dict[str, int] = {}
    for r in profiled:
        kinds[r.kind_label] = kinds.get(r.kind_label, 0) + 1
    return FederationTotals(
        units=len(rows),
        profiled=len(profiled),
        new_units=sum(1 for r in profiled if r.profile.founded_on and period.contains(r.profile.founded_on)),  # type: ignore[union-attr]
        by_kind=sorted(kinds.items(), key=lambda item: -item[1]),
        members=sum(r.members for r in rows),
        women_members=sum(r.women_members for r in rows),
        workers=sum(r.workers for r in profiled),
        # A unit whose workers are unknown (a profile taken from a workbook) would push 入会率
        # past 100%: the rate counts only the units whose workers are known.
        members_of_profiled=sum(r.members for r in profiled if r.workers),
        with_workers=sum(1 for r in profiled if r.workers),
        congress_units=sum(1 for r in profiled if r.profile.has_congress),  # type: ignore[union-attr]
        disclosure_units=sum(1 for r in profiled if r.profile.has_disclosure),  # type: ignore[union-attr]
        joint_units_covered=sum(r.profile.joint_units for r in profiled),  # type: ignore[union-attr]
    )
