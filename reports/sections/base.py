"""A report section: gathers figures through selectors and words them like the seeds.

Sections are small classes in one registry (reports/sections/__init__.py). The HTML
page, the PDF and the workbook read the same figures, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils.safestring import SafeString

from members.figures import MembershipFigures, membership_figures_of
from records.periods import Period
from unions.models import Union

from ..figures import Figures, fill
from .words import Words, words_for


@dataclass
class SectionContext:
    union: Union
    period: Period
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def period_words(self) -> str:
        """The period inside a sentence: 全年 / 上半年 / 1-11月 ("全年组织开展…"). Every
        sentence asks here, so a half year or year to date changes one place."""
        return self.period.words

    @property
    def as_of(self) -> str:
        """The day stock figures stand at: 截至年底 / 截至6月底 / 截至11月底 (a draft in December)."""
        return self.period.as_of

    @property
    def this_words(self) -> str:
        """本年度 for a year, else the period's words ("上半年顺利完成换届")."""
        return self.period.this_words

    @property
    def words(self) -> Words:
        return words_for(getattr(self.union, "kind", "enterprise"))

    def first_mention(self, key: str) -> bool:
        """True while the document has not stated the figure: neither a 【marker】 the
        document's registry filled (reports/stating.py) nor an earlier first_mention."""
        stated = self.cache.setdefault("stated", set())
        mentioned = self.cache.setdefault("mentioned", set())
        if key in stated or key in mentioned:
            return False
        mentioned.add(key)
        return True

    def person(self, name: str) -> str:
        """A person's name as the union's naming setting wants it: 张三, 张某, or "" (no name)."""
        name = name.strip()
        naming = getattr(self.union, "report_naming", "full")
        if naming == "none" or not name:
            return ""
        if naming == "surname":
            return f"{name[0]}某"
        return name

    def comrade(self, name: str, fallback: str = "一名职工") -> str:
        """How a typical case names its person: 张三同志, 张某同志, or the fallback."""
        who = self.person(name)
        return f"{who}同志" if who else fallback

    def membership(self) -> MembershipFigures:
        """The period's membership figures; the previous period's come from the same scan."""
        return self._membership()[0]

    def membership_before(self) -> MembershipFigures:
        return self._membership()[1]

    def _membership(self) -> list[MembershipFigures]:
        periods = [self.period, self.previous]
        return self.once("membership", lambda: membership_figures_of(union=self.union, periods=periods))

    def once(self, key: str, compute: Any) -> Any:
        """Selectors that several sections share run once per report."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


@dataclass(frozen=True)
class Block:
    """A paragraph ("p") or a second-level heading ("h", numbered （一）（二） on render).

    `slot` names the paragraph for staff, who may switch it off or write after it
    (reports/arrangement.py); without one, a name is made from its wording."""

    kind: str
    text: str
    slot: str = ""


def p(text: str, slot: str = "") -> Block:
    return Block("p", text, slot)


def h(text: str, slot: str = "") -> Block:
    return Block("h", text, slot)


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


class Section:
    key: ClassVar[str]
    title: ClassVar[str]
    staff_only: ClassVar[bool] = False  # 存在问题, 下一年打算: nothing to generate

    def figures(self, ctx: SectionContext) -> Figures:
        return {}

    def blocks(self, ctx: SectionContext, figures: Figures) -> list[Block]:
        """The generated text, with 【tokens】 where figures go."""
        return []

    def has_records(self, figures: Figures) -> bool:
        return any(f.value for f in figures.values() if not isinstance(f.value, str))

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        return []

    def charts(self, ctx: SectionContext) -> list[tuple[str, SafeString]]:
        """(title, svg) pairs for the appendix."""
        return []

    def rendered(self, ctx: SectionContext, figures: Figures) -> list[Block]:
        return [Block(b.kind, fill(b.text, figures), b.slot) for b in self.blocks(ctx, figures)]


def join_clauses(*clauses: str) -> str:
    """Join the non-empty clauses of a sentence with Chinese commas and end it."""
    parts = [c for c in clauses if c]
    return "，".join(parts) + "。" if parts else ""
