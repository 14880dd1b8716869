"""Assemble a report into a document: numbered sections of paragraphs, tables and charts.

A draft is assembled from live records; a finalised report from its frozen snapshot.
Both give the same `Document`, which one template renders as HTML and as PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.safestring import mark_safe

from activities.selectors import activities_by_month
from records.memo import figures_scope
from records.periods import Period

from .arrangement import arrange
from .charts import column_chart
from .figures import Figures, fill, for_period
from .models import Report, ReportSection
from .official import official_header
from .opening import (
    DOCUMENT_KEY,
    HEADLINE,
    document_figures,
    expand_headline,
    headline_figure,
    headline_template,
)
from .sections import Block, Section, SectionContext, Table, section_for
from .stating import Stated

NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (enough for any report's headings)."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def staff_blocks(text: str, figures: Figures, stated: Stated | None = None) -> list[Block]:
    """Staff text: one paragraph per line; a line starting with "## " is a subheading."""
    blocks = []
    filled = stated.staff(text) if stated is not None else fill(text, figures)
    for line in filled.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("##"):
            blocks.append(Block("h", line.lstrip("#").strip()))
        else:
            blocks.append(Block("p", line))
    return blocks


@dataclass
class DocSection:
    key: str
    number: str  # 一, 二, …
    heading: str
    blocks: list[dict[str, str]]  # {"kind": "p"|"h", "text": …, "number": "（一）" for headings}
    tables: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Document:
    title: str
    opening: list[str]
    sections: list[DocSection]
    closing: list[str]
    signature: str
    date_text: str
    appendix: list[dict[str, Any]] = field(default_factory=list)  # tables
    charts: list[dict[str, str]] = field(default_factory=list)  # {"title", "svg"}
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)  # section key -> figures
    official: dict[str, str] | None = None  # red header and colophon (reports.official)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        sections = [DocSection(**s) for s in data["sections"]]
        return cls(**{**data, "sections": sections})

    @property
    def chart_markup(self) -> list[dict[str, Any]]:
        # Charts are our own SVG, escaped when made (reports.charts); stored as text.
        return [{"title": c["title"], "svg": mark_safe(c["svg"])} for c in self.charts]  # noqa: S308


def date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _paragraphs(text: str, figures: Figures, stated: Stated | None = None) -> list[str]:
    filled = stated.staff(text) if stated is not None else fill(text, figures)
    return [line.strip() for line in filled.splitlines() if line.strip()]


def _number_headings(blocks: list[Block]) -> list[dict[str, str]]:
    out, count = [], 0
    for block in blocks:
        if block.kind == "h":
            count += 1
            out.append({"kind": "h", "text": block.text, "number": f"（{chinese_number(count)}）"})
        else:
            out.append({"kind": "p", "text": block.text, "number": ""})
    return out


def _table_json(table: Table) -> dict[str, Any]:
    return {"caption": table.caption, "header": table.header, "rows": table.rows}


def counted_period(report: Report, today: dt.date | None = None) -> Period:
    """What the draft's figures cover: its period, or the part of it that has ended when the
    draft is made before the period ends (so the text says 截至11月底, never 截至年底)."""
    return report.period.counted_until(today or dt.date.today())


def report_context(report: Report, today: dt.date | None = None) -> SectionContext:
    return SectionContext(union=report.union, period=counted_period(report, today))


def section_figures(
    report: Report, ctx: SectionContext | None = None, *, today: dt.date | None = None
) -> tuple[SectionContext, dict[str, Figures]]:
    ctx = ctx or report_context(report, today)
    figures = {}
    for rs in report.sections.all():
        section = section_for(rs.key)
        if section is not None:
            figures[rs.key] = (
                {} if section.staff_only else for_period(section.figures(ctx), ctx.period.compared_with)
            )
    own = document_figures(ctx)
    everything = {label: f for figs in figures.values() for label, f in figs.items()} | own
    own[HEADLINE] = headline_figure(headline_template(ctx, everything), everything)
    figures[DOCUMENT_KEY] = own
    return ctx, figures


def _section_blocks(
    rs: ReportSection, section: Section, ctx: SectionContext, figures: Figures, stated: Stated
) -> list[Block]:
    """The section as arranged by staff: generated paragraphs (less those switched off and
    the clauses stated earlier in the document) with staff text before, between and after."""
    generated = section.blocks(ctx, figures) if rs.use_generated and not section.staff_only else []

    def render(block: Block) -> Block | None:
        if block.kind == "h":
            return Block("h", fill(block.text, {**stated.figures, **figures}), block.slot)
        text = stated.generated(block.text, figures)
        return Block("p", text, block.slot) if text else None

    return arrange(
        generated,
        off=rs.paragraphs_off or [],
        placed=rs.placed_text or {},
        after_all=rs.staff_text,
        render=render,
        staff=lambda text: staff_blocks(text, stated.figures, stated),
    )


def assemble(report: Report, *, today: dt.date | None = None) -> Document:
    """The document of a draft, from the records as they are now."""
    if report.is_final and report.snapshot:
        return Document.from_json(report.snapshot)
    with figures_scope():  # sections asking the same of the records are answered once
        return _assemble(report, today=today)


def _assemble(report: Report, *, today: dt.date | None) -> Document:
    ctx, all_figures = section_figures(report, today=today)
    everything: Figures = {}
    for figures in all_figures.values():
        everything.update(figures)
    sections, appendix = [], []
    # One registry per document, in reading order: a figure is stated once (reports/stating.py).
    ctx.cache["stated"], ctx.cache["mentioned"] = set(), set()
    stated = Stated(everything, ctx.cache["stated"])
    headline = headline_template(ctx, everything)
    opening = _paragraphs(expand_headline(report.opening, headline), everything, stated)
    for rs in report.sections.filter(included=True).order_by("position", "id"):
        section = section_for(rs.key)
        if section is None:
            continue
        figures = all_figures[rs.key]
        blocks = _section_blocks(rs, section, ctx, figures, stated)
        if not blocks:
            continue  # nothing recorded and nothing written: left out, numbering closes up
        sections.append(
            DocSection(
                key=rs.key,
                number=chinese_number(len(sections) + 1),
                heading=rs.heading,
                blocks=_number_headings(blocks),
            )
        )
        if report.include_appendix and not section.staff_only and section.has_records(figures):
            appendix += [_table_json(t) for t in section.tables(ctx, figures)]
    charts = []
    if report.include_charts:
        for s in sections:
            section = section_for(s.key)
            charts += [{"title": title, "svg": str(svg)} for title, svg in section.charts(ctx)]
        months = activities_by_month(union=ctx.union, period=ctx.period)
        if any(m.count for m in months):
            svg = column_chart([(m.label, m.count) for m in months], unit="", title="各月开展活动次数")
            charts.append({"title": "各月开展活动次数", "svg": str(svg)})
    signed_on = report.signed_on or today or dt.date.today()
    return Document(
        title=report.title,
        opening=opening,
        sections=sections,
        closing=_paragraphs(report.closing, everything, stated),
        signature=report.signature or report.union.name,
        date_text=date_text(signed_on),
        appendix=appendix,
        charts=charts,
        figures={key: {label: f.as_json() for label, f in figs.items()} for key, figs in all_figures.items()},
        official=official_header(report, signed_on),
    )
