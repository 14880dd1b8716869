"""【Markers】 that fail loudly: a misspelled marker, or a comparison whose previous period has
no records, is refused at save, listed in the preview and blocks finalising."""

from __future__ import annotations

from .document import section_figures
from .figures import Figures, marker_problems
from .models import Report


def report_figures(report: Report) -> Figures:
    """Every figure a report's staff text may name (staff text may name any section's)."""
    _, by_section = section_figures(report)
    return {label: f for figures in by_section.values() for label, f in figures.items()}


def report_marker_problems(report: Report, figures: Figures | None = None) -> list[str]:
    """Each problem of the draft's staff text, opening and closing, naming where it is."""
    figures = report_figures(report) if figures is None else figures
    problems = [f"开头段落：{m}" for m in marker_problems(report.opening, figures)]
    for rs in report.sections.filter(included=True).order_by("position", "id"):
        problems += [f"“{rs.heading}”：{m}" for m in marker_problems(rs.written, figures)]
    problems += [f"结尾段落：{m}" for m in marker_problems(report.closing, figures)]
    return problems
