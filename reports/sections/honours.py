"""Honours by title, awarding body and level, as the seeds name them:
"被市总工会评为“模范职工之家”，张三获县总工会授予的“五一劳动奖章”"."""

from __future__ import annotations

from django.db.models import Case, Value, When

from activities.choices import HonourLevel, RecipientKind
from activities.models import Honour
from activities.selectors import honours_in

from ..figures import Figures
from .base import SectionContext
from .phrases import MAX_NAMED, quoted

LEVEL_ORDER = {level.value: i for i, level in enumerate(HonourLevel)}


def _honour(ctx: SectionContext, honour: Honour) -> str:
    title = quoted(honour.title)
    body = honour.awarding_body.strip()
    if honour.recipient_kind == RecipientKind.INDIVIDUAL and honour.member_id:
        who = ctx.person(honour.member.name)
        lead = who or "本会会员"
        return f"{lead}获{body}授予的{title}" if body else f"{lead}获{title}"
    return f"本会被{body}评为{title}" if body else f"本会获{title}"


def honour_sentences(ctx: SectionContext, f: Figures) -> list[str]:
    # The highest levels first; one more than are named tells whether the list is cut.
    rank = Case(*(When(level=v, then=Value(i)) for v, i in LEVEL_ORDER.items()), default=Value(99))
    honours = list(
        honours_in(union=ctx.union, period=ctx.period).order_by(rank, "date", "id")[: MAX_NAMED + 1]
    )
    if not honours:
        return []
    parts = [_honour(ctx, h) for h in honours[:MAX_NAMED]]
    # "本会被A评为…，被B评为…": the union is named once.
    parts = [parts[0]] + [
        x.removeprefix("本会") if x.startswith("本会被") and prev.startswith(("本会被", "被")) else x
        for prev, x in zip(parts, parts[1:], strict=False)
    ]
    named = "，".join(parts)
    if len(honours) <= MAX_NAMED:
        return [f"工作成效得到上级肯定：{named}。"]
    high = "，其中省部级以上【省部级以上荣誉】" if f["省部级以上荣誉"].value else ""
    return [f"{ctx.period_words}共获得各级荣誉【获得荣誉】{high}。主要有：{named}等。"]
