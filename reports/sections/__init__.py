"""The registry of report sections, in their default order (the order of domain.md)."""

from __future__ import annotations

from .activity_sections import CompetitionSection, CultureSection, SelfBuildingSection, WomenSection
from .aid_centre import AidCentreSection
from .base import Block, Section, SectionContext, Table
from .democracy_sections import DemocracySection, RightsSection
from .federation import FederationSection
from .organisation import OrganisationSection
from .staff import OwnSection, PlansSection, ProblemsSection
from .subtree import SubtreeSection
from .welfare_sections import FundsSection, WelfareSection
from .works_sections import (
    DuesSection,
    InnovationSection,
    ModelWorkerSection,
    PublicitySection,
    SafetySection,
    WorkersHomeSection,
)

SECTIONS: list[Section] = [
    FederationSection(),  # a higher-level union's units; left out where there are none
    SubtreeSection(),  # the work across its subtree: contracts, welfare, rights, stand-outs
    OrganisationSection(),
    DemocracySection(),
    RightsSection(),
    WelfareSection(),
    AidCentreSection(),  # an aid centre's services; left out where there are none
    CompetitionSection(),
    InnovationSection(),  # the works sections: each left out where it has no records
    ModelWorkerSection(),
    SafetySection(),
    CultureSection(),
    WomenSection(),
    FundsSection(),
    DuesSection(),
    PublicitySection(),
    WorkersHomeSection(),
    SelfBuildingSection(),
    ProblemsSection(),
    PlansSection(),
]
BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}
OWN = OwnSection()

# The parts a kind of union leads with (writing.md: an aid centre with 帮扶); the rest follow
# in the registry's order.
LEADING: dict[str, tuple[str, ...]] = {"aid_centre": ("aid", "welfare", "rights")}


def sections_for(union: object) -> list[Section]:
    """The sections of a new report of `union`, in the order its kind writes them."""
    first = LEADING.get(getattr(union, "kind", ""), ())
    return [BY_KEY[k] for k in first] + [s for s in SECTIONS if s.key not in first]


def section_for(key: str) -> Section | None:
    """The section behind a report's row: the registry's, or staff's own ("own-…")."""
    return BY_KEY.get(key) or (OWN if key.startswith("own-") else None)


__all__ = ["SECTIONS", "BY_KEY", "Block", "Section", "SectionContext", "Table", "section_for", "sections_for"]
