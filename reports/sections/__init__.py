"""The registry of report sections, in their default order (the order of domain.md)."""

from __future__ import annotations

from .activity_sections import CompetitionSection, CultureSection, SelfBuildingSection, WomenSection
from .base import Block, Section, SectionContext, Table
from .democracy_sections import DemocracySection, RightsSection
from .federation import FederationSection
from .organisation import OrganisationSection
from .staff import PlansSection, ProblemsSection
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
    OrganisationSection(),
    DemocracySection(),
    RightsSection(),
    WelfareSection(),
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

__all__ = ["SECTIONS", "BY_KEY", "Block", "Section", "SectionContext", "Table"]
