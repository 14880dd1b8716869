"""Writing, arranging and finalising annual summaries."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from audit.registry import log_event
from records import scratch
from records.integrity import recheck_on_conflict
from records.periods import Period, PeriodKind, period_for
from unions.models import Union

from .document import Document, assemble
from .figures import Figures, marker_problems
from .models import OWN_PREFIX, Report, ReportSection, ReportStatus
from .opening import default_closing
from .opening import default_opening as _opening
from .pdf import render_pdf
from .sections import Section, sections_for
from .sections.staff import PlansSection, ProblemsSection

PDF_DIR = "reports"


def default_opening(union: Union, period: Period | int) -> str:
    """The opening with the year's headline figures (【主要数据】, reports/opening.py)."""
    if isinstance(period, int):  # a year, as callers before periods passed it
        period = period_for(union, period)
    return _opening(union, period)


def default_title(union: Union, period: Period) -> str:
    """…2025年度工作总结 / …2025年上半年工作总结."""
    return f"{union.name}{period.label}工作总结"


def default_heading(section: Section, period: Period) -> str:
    """A half year's closing part is 下半年工作安排; other headings are the section's own."""
    return period.plans_heading if section.key == PlansSection.key else section.title


@transaction.atomic
def report_start(
    *,
    union: Union,
    year: int | None = None,
    actor: AbstractBaseUser | None,
    based_on: Report | None = None,
    period: Period | None = None,
) -> Report:
    """Start the draft for `period` (or the statistical `year`), empty or from a finalised
    report's text."""
    if period is None and based_on is not None:
        period = based_on.period
    elif period is None:
        if year is None:
            raise ValidationError("请选择总结的期间。")
        period = period_for(union, year)
    _refuse_second_draft(union=union, period=period)
    report = Report(
        union=union,
        title=default_title(union, period),
        opening=default_opening(union, period),
        closing=default_closing(union, period),
        signature=union.name,
        created_by=actor,
        based_on=based_on,
    )
    report.set_period(period)
    if based_on is not None:
        for name in ("title", "opening", "closing", "signature", "include_appendix", "include_charts"):
            setattr(report, name, getattr(based_on, name))
    # The one-draft rule is checked by _refuse_second_draft, so that it reads the same at any moment.
    report.full_clean(validate_constraints=False)
    # Two "start" clicks at once both pass the check above; the loser waits here for the winner.
    with recheck_on_conflict(lambda: _refuse_second_draft(union=union, period=period)):
        report.save()
    previous = {s.key: s for s in based_on.sections.all()} if based_on else {}
    for position, section in enumerate(sections_for(union)):
        old = previous.pop(section.key, None)
        ReportSection.objects.create(
            report=report,
            key=section.key,
            position=old.position if old else position,
            heading=old.heading if old else default_heading(section, period),
            included=old.included if old else True,
            use_generated=old.use_generated if old else True,
            staff_text=old.staff_text if old else "",
            placed_text=old.placed_text if old else {},
            paragraphs_off=old.paragraphs_off if old else [],
        )
    for old in previous.values():  # staff's own sections (主要做法 …) go on with the text
        if old.is_own:
            ReportSection.objects.create(
                report=report,
                key=old.key,
                position=old.position,
                heading=old.heading,
                included=old.included,
                use_generated=False,
                staff_text=old.staff_text,
            )
    return report


def _refuse_second_draft(*, union: Union, period: Period) -> None:
    drafts = Report.objects.filter(
        union=union,
        year=period.year,
        period_kind=period.kind,
        period_part=period.part,
        status=ReportStatus.DRAFT,
    )
    if drafts.exists():
        which = "该年度" if period.kind == PeriodKind.YEAR else period.label
        raise ValidationError(f"{which}已有一份草稿，请直接编辑。")


def _require_draft(report: Report) -> None:
    if report.is_final:
        raise ValidationError("已定稿的总结不能修改；如需修改，请基于定稿新建草稿。")


def _lock(report: Report) -> None:
    # Text limits count the whole report: two saves at once must not both fit the last room.
    Report.objects.select_for_update().filter(pk=report.pk).exists()


@transaction.atomic
def report_update(*, report: Report, **fields: object) -> Report:
    _require_draft(report)
    _lock(report)
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    _refuse_bad_markers({"opening": report.opening, "closing": report.closing}, report)
    report.save()
    return report


def _refuse_bad_markers(texts: dict[str, str], report: Report) -> None:
    from .markers import report_figures

    figures = report_figures(report)
    errors = {field: marker_problems(text, figures) for field, text in texts.items()}
    errors = {field: problems for field, problems in errors.items() if problems}
    if errors:
        raise ValidationError(errors)


def figure_texts(figures: Figures) -> dict[str, str]:
    return {label: figure.text for label, figure in figures.items()}


@transaction.atomic
def section_save(
    *,
    section: ReportSection,
    heading: str,
    included: bool,
    use_generated: bool,
    staff_text: str,
    figures: Figures,
    placed_text: dict[str, str] | None = None,
    paragraphs_off: list[str] | None = None,
) -> ReportSection:
    """Save what staff wrote, where they placed it and the generated paragraphs they switched
    off (reports/arrangement.py), and remember the figures they saw while writing it."""
    _require_draft(section.report)
    _lock(section.report)
    section.heading = heading
    section.included = included
    section.use_generated = use_generated
    section.staff_text = staff_text
    if placed_text is not None:
        section.placed_text = {slot: text for slot, text in placed_text.items() if text.strip()}
    if paragraphs_off is not None:
        section.paragraphs_off = sorted(set(paragraphs_off))
    section.figures_seen = figure_texts(figures)
    section.edited_at = timezone.now()
    section.full_clean()
    _refuse_bad_markers({"staff_text": section.written}, section.report)
    section.save()
    return section


@transaction.atomic
def section_add(*, report: Report, heading: str) -> ReportSection:
    """A section of staff's own (主要做法, 基本经验, 意见和建议 …), placed before 存在问题
    (or last); staff move it like any other."""
    _require_draft(report)
    _lock(report)
    heading = heading.strip()
    if not heading:
        raise ValidationError({"heading": "请填写章节标题。"})
    if report.sections.filter(heading=heading).exists():
        raise ValidationError({"heading": f"已有“{heading}”一节，请直接编辑。"})
    ordered = list(report.sections.order_by("position", "id"))
    at = next((i for i, s in enumerate(ordered) if s.key == ProblemsSection.key), len(ordered))
    section = ReportSection(report=report, key=f"{OWN_PREFIX}{uuid.uuid4().hex[:12]}", heading=heading)
    section.use_generated = False
    ordered.insert(at, section)
    for position, item in enumerate(ordered):
        if item.pk is None:
            item.position = position
            item.full_clean()
            item.save()
        elif item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    return section


def figures_changed(section: ReportSection, figures: Figures) -> list[tuple[str, str, str]]:
    """(label, then, now) for each figure that changed since staff last saved the section."""
    if not section.edited_at:
        return []
    now = figure_texts(figures)
    return [
        (label, section.figures_seen.get(label, "—"), text)
        for label, text in now.items()
        if section.figures_seen.get(label) != text
    ]


@transaction.atomic
def section_move(*, section: ReportSection, step: int) -> None:
    """Move a section up (-1) or down (+1) by swapping with its neighbour."""
    _require_draft(section.report)
    ordered = list(section.report.sections.order_by("position", "id"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    target = index + step
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def render_html(
    document: Document, *, screen: bool = False, for_print: bool = False, context: dict | None = None
) -> str:
    """The document as HTML; `for_print` adds the line-break rules of Chinese typesetting
    (invisible word joiners, see reports.typesetting) that only the PDF needs."""
    return render_to_string(
        "reports/document.html",
        {"doc": document, "screen": screen, "for_print": for_print, **(context or {})},
    )


def render_document_pdf(document: Document) -> bytes:
    return render_pdf(render_html(document, for_print=True))


def render_report_pdf(report: Report) -> bytes:
    """The report's PDF (RenderFailed if it cannot be printed within the limits)."""
    return render_document_pdf(assemble(report))


def orphan_pdf_age() -> float:
    return float(getattr(settings, "ORPHAN_FILE_MINUTES", 60)) * 60


def sweep_orphan_pdfs() -> list[str]:
    """Delete PDFs under media/reports that no report names: a finalise killed between
    publishing its PDF and committing leaves one."""
    names = Report.objects.exclude(pdf="").values_list("pdf", flat=True)
    return scratch.sweep_orphans(PDF_DIR, names, older_than=orphan_pdf_age())


def report_finalise(*, report: Report, actor: AbstractBaseUser) -> Report:
    """Freeze the draft: its text and figures into a snapshot, the PDF with its SHA-256.

    The PDF is printed first, outside any transaction (it can take a minute, and on SQLite a
    transaction holds the database's write lock). Then, with the row locked so that two
    leaders finalising at once produce one final version, the document is checked to be
    still what was printed, the PDF is published under its final name in one rename and the
    row committed. The row never names a missing file; a process killed between the rename
    and the commit leaves a file no row names, which `sweep_orphan_pdfs` removes.
    """
    sweep_orphan_pdfs()
    report = Report.objects.get(pk=report.pk)
    _require_draft(report)
    document = assemble(report)
    if not document.sections:
        raise ValidationError("总结还没有任何内容，不能定稿。")
    from .markers import report_marker_problems

    problems = report_marker_problems(report)
    if problems:
        raise ValidationError("定稿前请先修改数据标记：" + "；".join(problems))
    pdf = render_document_pdf(document)
    with scratch.workspace(f"finalise-{report.pk}-{uuid.uuid4().hex[:8]}") as work:
        staged = work / "report.pdf"
        staged.write_bytes(pdf)
        published = ""
        try:
            with transaction.atomic():
                report = Report.objects.select_for_update().get(pk=report.pk)
                _require_draft(report)
                if assemble(report).as_json() != document.as_json():
                    raise ValidationError("定稿期间总结内容或台账数据有变化，请核对后重新定稿。")
                report.snapshot = document.as_json()
                report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
                name = Report._meta.get_field("pdf").generate_filename(
                    report, f"{report.union.code}-{report.year}-{report.pk}.pdf"
                )
                # A fixed name: a retry after a killed attempt replaces its leftover.
                published = scratch.publish(staged, name)
                report.pdf.name = published
                report.status = ReportStatus.FINAL
                report.finalised_at = timezone.now()
                report.finalised_by = actor
                report.save()
                log_event(
                    report, "reports.report.finalised", {"sha256": report.pdf_sha256, "pages_bytes": len(pdf)}
                )
        except BaseException:
            if published:
                default_storage.delete(published)
            raise
    return report
