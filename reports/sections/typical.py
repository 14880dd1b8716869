"""典型事例: a record staff marked gets a sentence of its own in its section, naming its person
as the union's setting says (全名, 某同志, or no name)."""

from __future__ import annotations

from activities.models import Activity
from democracy.models import Suggestion
from rights.models import LegalAid, MediationCase
from welfare.choices import COUNTED_STATUSES, HardshipCause, HardshipStatus
from welfare.models import Disbursement, HardshipFile

from ..figures import money_text
from .base import SectionContext
from .phrases import book_title, result_clause


def _note(text: str) -> str:
    return text.strip().rstrip("。；;，,")


def _marked(model, ctx: SectionContext, date_field: str):  # type: ignore[no-untyped-def]
    period = ctx.period
    return model.objects.filter(
        union=ctx.union,
        voided_at__isnull=True,
        is_typical=True,
        **{f"{date_field}__range": (period.start, period.end)},
    ).order_by(date_field, "id")


def disbursement_cases(ctx: SectionContext) -> list[str]:
    sentences = []
    qs = _marked(Disbursement, ctx, "date").filter(status__in=COUNTED_STATUSES).select_related("member")
    for d in qs:
        who = ctx.comrade(d.member.name if d.member_id else d.recipient_name)
        given = f"慰问金{money_text(d.cash_amount)}" if d.cash_amount else ""
        if d.goods_value:
            given += ("和" if given else "") + f"价值{money_text(d.goods_value)}的慰问品"
        note = _note(d.typical_note)
        sentences.append(f"{who}{note}，工会及时送去{given}。" if note else f"工会为{who}送去{given}。")
    return sentences


def activity_cases(ctx: SectionContext, categories: tuple[str, ...]) -> list[str]:
    sentences = []
    for a in _marked(Activity, ctx, "start_date").filter(category__in=categories):
        note = _note(a.typical_note)
        if a.results:
            sentences.append(result_clause(a.title, a.results) + (f"，{note}" if note else "") + "。")
        elif note:
            sentences.append(f"{a.title}中，{note}。")
    return sentences


def rights_cases(ctx: SectionContext) -> list[str]:
    sentences = []
    for case in _marked(MediationCase, ctx, "received_on"):
        recovered = f"，为职工追回{money_text(case.amount_recovered)}" if case.amount_recovered else ""
        note = _note(case.typical_note)
        sentences.append(
            f"如{case.subject}一案，{note}{recovered}。" if note else f"如{case.subject}一案{recovered}。"
        )
    for aid in _marked(LegalAid, ctx, "date"):
        note = _note(aid.typical_note)
        sentences.append(f"在{aid.subject}中，{note}。" if note else f"为职工提供{aid.subject}。")
    return sentences


def suggestion_cases(ctx: SectionContext) -> list[str]:
    sentences = []
    for s in _marked(Suggestion, ctx, "date").select_related("submitter_member"):
        who = ctx.person(s.submitter_member.name if s.submitter_member_id else s.submitter)
        named = f"{who}提出的{book_title(s.title)}" if who else book_title(s.title)
        note = _note(s.typical_note)
        sentences.append(f"{named}{'，' + note if note else '被采纳实施'}。")
    return sentences


def hardship_cases(ctx: SectionContext) -> list[str]:
    """A marked hardship file open in the period: the household, its cause, what was done
    ("李某同志家因重特大疾病致困，工会为其建立困难职工档案，…，年内实现脱困。")."""
    period = ctx.period
    files = (
        HardshipFile.objects.filter(
            union=ctx.union, voided_at__isnull=True, is_typical=True, opened_on__lte=period.end
        )
        .exclude(closed_on__lt=period.start)
        .select_related("member")
        .order_by("opened_on", "id")
    )
    sentences = []
    for f in files:
        who = ctx.comrade(f.member.name)
        cause = f"因{f.get_main_cause_display()}致困" if f.main_cause != HardshipCause.OTHER else "生活困难"
        done = (
            "工会为其建立困难职工档案" if period.contains(f.opened_on) else "工会将其纳入困难职工档案持续帮扶"
        )
        left = (
            f"，{ctx.this_words.removeprefix('本年度') or '年内'}实现脱困"
            if f.status == HardshipStatus.CLOSED and f.closed_on and period.contains(f.closed_on)
            else ""
        )
        note = _note(f.typical_note)
        sentences.append(f"{who}家{cause}，{done}" + (f"，{note}" if note else "") + left + "。")
    return sentences
