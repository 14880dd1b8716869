"""The year profile in the union's summary: one sentence of the 组织建设 section on workers and
入会率. Kept apart from the section's own wording so each can change without the other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reports.figures import Figure, Figures, percent

from .selectors import own_profile

if TYPE_CHECKING:
    from reports.sections.base import SectionContext


def profile_figures(ctx: SectionContext) -> Figures:
    """职工人数, 女职工人数 and 入会率 from the union's profile of the period's statistical year
    (members as the section counts them, at the period's end); nothing without a profile."""
    profile = ctx.once("profile", lambda: own_profile(union=ctx.union, year=ctx.period.year))
    if profile is None or not profile.workers:
        return {}
    members = ctx.membership()
    figures = {
        "职工人数": Figure("职工人数", profile.workers, "人"),
        "女职工人数": Figure("女职工人数", profile.women_workers, "人"),
    }
    rate = percent(members.total, profile.workers)
    if rate is not None:
        figures["入会率"] = Figure("入会率", rate, "%")
    return figures


def membership_rate_sentence(figures: Figures) -> str:
    """全单位现有职工260人，其中女职工98人，职工入会率达96.2%。 — empty without a profile."""
    if "职工人数" not in figures:
        return ""
    women = "，其中女职工【女职工人数】" if figures["女职工人数"].value else ""
    rate = "，职工入会率达【入会率】" if "入会率" in figures else ""
    return f"全单位现有职工【职工人数】{women}{rate}。"
