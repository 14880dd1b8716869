"""The document's opening and closing by default: the year's headline figures, and a closing
paragraph ("总之…", "新的一年…") for staff to change.

The headline is one marker, 【主要数据】, in the default opening: it stays live (its figures
follow the records), staff may move or delete it, and the figures it states count as stated,
so the sections do not repeat them (reports/stating.py).
"""

from __future__ import annotations

from activities.selectors import activities_by_category
from records.periods import Period, PeriodKind
from unions.models import Union

from .figures import CHANGE_SUFFIX, Figure, Figures, fill
from .sections.base import SectionContext
from .sections.words import words_for

HEADLINE = "主要数据"
DOCUMENT_KEY = "document"  # the figures of the document itself beside the sections'


def document_figures(ctx: SectionContext) -> Figures:
    """Totals no section states: all activities of the period, against the previous one."""
    now = ctx.once(
        "activities-by-category", lambda: activities_by_category(union=ctx.union, period=ctx.period)
    )
    before = ctx.once(
        "activities-by-category-prev", lambda: activities_by_category(union=ctx.union, period=ctx.previous)
    )
    count_before = sum(r.count for r in before) or None
    people_before = sum(r.participants for r in before) or None
    return {
        "活动总次数": Figure("活动总次数", sum(r.count for r in now), "次", count_before),
        "活动总人次": Figure("活动总人次", sum(r.participants for r in now), "人次", people_before),
    }


def _with_change(name: str, f: Figures) -> str:
    return f"【{name}】" + (f"，【{name}{CHANGE_SUFFIX}】" if f[name].change else "")


def headline_template(ctx: SectionContext, f: Figures) -> str:
    """ "全年，本会新发展会员12人，组织开展各类活动46次、参与职工3560人次，走访慰问、帮扶救助
    职工120人、发放慰问金和慰问品34.65万元，比上年…。" with only the parts that have records."""

    def has(name: str) -> bool:
        return name in f and not isinstance(f[name].value, str) and bool(f[name].value)

    staff = ctx.words.staff
    parts = []
    if has("新发展会员"):
        parts.append("新发展会员" + _with_change("新发展会员", f))
    # "各类活动" when there are several kinds; one kind alone its section states.
    if has("活动总次数") and f["活动总次数"].value != max(
        (fig.value for k, fig in f.items() if k.endswith("次数") and k != "活动总次数" and fig.unit == "次"),
        default=0,
    ):
        people = f"、参与{staff}【活动总人次】" if has("活动总人次") else ""
        change = f"，【活动总人次{CHANGE_SUFFIX}】" if people and f["活动总人次"].change else ""
        parts.append(f"组织开展各类活动【活动总次数】{people}{change}")
    if has("帮扶人数"):
        # The counts the welfare section leads with (persons, person-times when more), so
        # that the section goes straight to the kinds of comfort and aid.
        more = has("帮扶人次") and f["帮扶人次"].value != f["帮扶人数"].value
        who = "【帮扶人数】" + ("、【帮扶人次】" if more else "")
        money = "，发放慰问金和慰问品合计" + _with_change("帮扶金额", f) if has("帮扶金额") else ""
        parts.append(f"走访慰问、帮扶救助{staff}{who}{money}")
    if not parts:
        return ""
    return f"{ctx.period_words}，本会" + "；".join(parts) + "。"


def headline_figure(template: str, figures: Figures) -> Figure:
    """【主要数据】 as a figure, so that staff text anywhere may name it like any other."""
    return Figure(HEADLINE, fill(template, figures))


def expand_headline(text: str, template: str) -> str:
    """The opening with 【主要数据】 replaced by its sentence, markers still in it."""
    return text.replace(f"【{HEADLINE}】", template)


def default_opening(union: Union, period: Period) -> str:
    return (
        f"{period.label}，{union.name}在上级工会和本单位党组织的正确领导下，紧紧围绕单位中心工作，"
        "认真履行维护、建设、参与、教育职能，团结带领广大会员职工建功立业，各项工作取得了新的成效。"
        f"【{HEADLINE}】现将{period.summary_words}总结如下。"
    )


def default_closing(union: Union, period: Period) -> str:
    ahead = {PeriodKind.HALF: "下半年", PeriodKind.QUARTER: "下一阶段"}.get(period.kind, "新的一年")
    if period.kind == PeriodKind.HALF and period.part == 2:
        ahead = "新的一年"
    staff = words_for(getattr(union, "kind", "enterprise")).staff
    return (
        f"总之，{period.this_words}，{union.name}在上级工会和本单位党组织的领导下，经过全体工会干部和会员的"
        f"共同努力，各项工作取得了一定成绩，但与上级工会的要求和广大{staff}的期盼相比还有差距。"
        f"{ahead}，我们将发扬成绩、克服不足，更好地发挥工会组织的桥梁纽带作用，为单位改革发展作出新的更大贡献。"
    )
