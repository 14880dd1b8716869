"""The registry of report sections, in their default order (the order of domain.md)."""

from __future__ import annotations

from .activity_sections import CompetitionSection, CultureSection, SelfBuildingSection, WomenSection
from .base import Block, Section, SectionContext, Table
from .democracy_sections import DemocracySection, RightsSection
from .federation import FederationSection
from .organisation import OrganisationSection
from .staff import OwnSection, PlansSection, ProblemsSection
from .welfare_sections import FundsSection, WelfareSection

SECTIONS: list[Section] = [
    FederationSection(),  # a higher-level union's units; left out where there are none
    OrganisationSection(),
    DemocracySection(),
    RightsSection(),
    WelfareSection(),
    CompetitionSection(),
    CultureSection(),
    WomenSection(),
    FundsSection(),
    SelfBuildingSection(),
    ProblemsSection(),
    PlansSection(),
]
BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}
OWN = OwnSection()


def section_for(key: str) -> Section | None:
    """The section behind a report's row: the registry's, or staff's own ("own-…")."""
    return BY_KEY.get(key) or (OWN if key.startswith("own-") else None)


__all__ = ["SECTIONS", "BY_KEY", "Block", "Section", "SectionContext", "Table", "section_for"]
