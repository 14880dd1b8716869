"""The return's figures from a union's year profile (profiles.UnionYearProfile): 职工, 女职工,
联合工会 coverage and the institutions it has set up."""

from __future__ import annotations

from records.periods import Period
from unions.models import Union

PROFILE_FACTS = (
    "has_women_committee",
    "has_congress",
    "has_disclosure",
    "has_mediation_committee",
    "has_audit_committee",
)


def profile_figures(*, union: Union, period: Period) -> dict[str, int]:
    """职工 figures and organisational facts from the union's profile of the statistical year;
    zeros without one (the checks then ask for it)."""
    from profiles.selectors import own_profile

    profile = own_profile(union=union, year=period.year)
    if profile is None:
        return {"workers": 0, "women_workers": 0, "joint_units": 0} | dict.fromkeys(PROFILE_FACTS, 0)
    figures = {
        "workers": profile.workers,
        "women_workers": profile.women_workers,
        "joint_units": profile.joint_units,
    }
    return figures | {fact: int(getattr(profile, fact)) for fact in PROFILE_FACTS}
