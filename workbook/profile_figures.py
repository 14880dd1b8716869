"""The return's figures from a union's year profile (profiles.UnionYearProfile): 职工, 女职工,
联合工会 coverage, the institutions it has set up, 职工董事/监事, 劳动保护监督检查 and 职工技协."""

from __future__ import annotations

from collections.abc import Sequence

from records.by_union import of_unions
from records.memo import per_union
from records.periods import Period
from unions.models import Union

PROFILE_FACTS = (
    "has_women_committee",
    "has_congress",
    "has_disclosure",
    "has_mediation_committee",
    "has_audit_committee",
    "has_board",
    "has_supervisory_board",
    "has_safety_committee",
)
# Counts kept on the profile, under the same name as their indicator.
PROFILE_COUNTS = (
    "workers",
    "women_workers",
    "joint_units",
    "worker_directors",
    "worker_supervisors",
    "safety_inspectors",
    "tech_associations",
    "tech_association_members",
)
PROFILE_KEYS = (*PROFILE_COUNTS, *PROFILE_FACTS)


@per_union
def profile_figures(*, unions: Sequence[Union], period: Period) -> dict[int, dict[str, int]]:
    """职工 figures and organisational facts from the union's profile of the statistical year;
    zeros without one (the checks then ask for it)."""
    from profiles.models import UnionYearProfile

    out = {u.pk: dict.fromkeys(PROFILE_KEYS, 0) for u in unions}
    profiles = of_unions(UnionYearProfile.objects.filter(unit_code="", year=period.year), unions)
    for row in profiles.values("union_id", *PROFILE_KEYS):
        out[row.pop("union_id")] = {key: int(row[key]) for key in PROFILE_KEYS}
    return out


def unit_kind_label(*, union: Union, year: int) -> str:
    """单位类型 as the return writes it (the profile's label), blank without a profile."""
    from profiles.selectors import own_profile

    profile = own_profile(union=union, year=year)
    return str(profile.get_unit_kind_display()) if profile is not None else ""


def unit_kind_of_label(label: str) -> str | None:
    """The profile's value of a 单位类型 label read back from a workbook; None if unknown."""
    from profiles.choices import UnitKind

    return {str(kind.label): kind.value for kind in UnitKind}.get(label.strip())
