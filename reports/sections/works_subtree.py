"""The works sections of a federation: their figures summed over the subtree, the sentences'
subject (全县各级工会), the unit that stands out named, and a table per section listing each
union beside the totals it sums (as the subtree section's table does for welfare and rights).

A grassroots union's works sections count its own records, as before. A federation's count
its own and every union's below it on the system (works.selectors with `subtree=True`); the
units off the system are left out: their imported workbooks carry the return's indicators,
not the works sheets (workbook.importing), and the tables say so.
"""

from __future__ import annotations

from decimal import Decimal

from records.money import format_yuan
from workbook.models import ExternalReport
from works.breakdown import FIELDS, UnitWorks, total, works_by_union

from ..figures import money_text, rate_text
from .base import SectionContext, Table
from .subtree import area_words, below_on_system


def over_subtree(ctx: SectionContext) -> bool:
    """The works figures of `ctx` add up the unions below (a federation with unions on the
    system). The subtree section's roll-up knows them, and every report has computed it."""
    return bool(below_on_system(ctx))


def scope(ctx: SectionContext) -> dict[str, bool]:
    """The selectors' keyword for the report's scope: `**scope(ctx)`."""
    return {"subtree": over_subtree(ctx)}


def subject(ctx: SectionContext, own: str = "") -> str:
    """Who did it: 全县各级工会 over a subtree, else `own` (often nothing: 本会 is implied)."""
    return f"{area_words(ctx.union)}各级工会" if over_subtree(ctx) else own


def rows(ctx: SectionContext) -> list[UnitWorks]:
    return ctx.once("works-by-union", lambda: works_by_union(union=ctx.union, period=ctx.period))


def standout(ctx: SectionContext, key: str, phrase: str, *, rate_of: str = "") -> str:
    """The union below with the most of `key` (or the highest rate `key`/`rate_of`), named
    when at least two unions below have some: "城关镇总工会取得创新成果最多，达5项"."""
    if not over_subtree(ctx):
        return ""
    below = [r for r in rows(ctx) if r.depth and (r[rate_of] if rate_of else r[key])]
    if len(below) < 2:
        return ""
    if rate_of:
        best = max(below, key=lambda r: (r.rate(key, rate_of) or Decimal(0), r[rate_of]))
        return f"{best.name}{phrase}{rate_text(best.rate(key, rate_of) or 0)}"
    best = max(below, key=lambda r: r[key])
    top = [r for r in below if r[key] == best[key]]
    if len(top) > 1:
        return ""  # a tie names no one
    return f"{best.name}{phrase}{_shown(key, best[key])}"


def _shown(key: str, value: int | Decimal) -> str:
    unit = FIELDS[key][1]
    if unit == "元":
        return money_text(value)
    if unit == "万元":
        return format_yuan(value).replace("元", "万元")
    return f"{value}{unit}"


def _left_out(ctx: SectionContext) -> bool:
    """Units off the system report through imported workbooks for this year."""
    year = ctx.period.year
    return ctx.once(
        "works-imported",
        lambda: (
            ExternalReport.objects.live()
            .filter(union__in=ctx.union.descendants(include_self=True), year=year)
            .exists()
        ),
    )


def table(ctx: SectionContext, caption: str, keys: tuple[str, ...]) -> list[Table]:
    """The unions of the subtree with records of this section, each beside the totals."""
    if not over_subtree(ctx):
        return []
    shown = [r for r in rows(ctx) if any(r[k] for k in keys)]
    if not shown:
        return []
    note = "；未使用本系统的单位导入的年报不含此项，未计入" if _left_out(ctx) else ""
    header = ["单位", *[f"{FIELDS[k][0]}（{FIELDS[k][1]}）" for k in keys]]
    body = [[r.name, *[_cell(k, r[k]) for k in keys]] for r in shown]
    body.append(["合计", *[_cell(k, total(shown, k)) for k in keys]])
    return [Table(f"{caption}（本会及所属工会{note}）", header, body)]


def _cell(key: str, value: int | Decimal) -> str:
    """A table cell; the header names the unit: 12000, 1500.5, 98.2 (万元)."""
    if FIELDS[key][1] in ("元", "万元"):
        return format_yuan(value).removesuffix("元")  # to the cent, trailing zeros dropped
    return str(value)
