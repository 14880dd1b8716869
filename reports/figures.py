"""Figures as the summaries state them: a number, its unit, and the change on last year.

A section gathers `Figure`s; its sentences name them with tokens like 【参加人次】, which
render as "3560人次". Staff text may use the same tokens, so wording staff wrote keeps
showing current figures when the records change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from records.money import format_money

TOKEN = re.compile(r"【([^【】]{1,30})】")
CHANGE_SUFFIX = "同比"
PERCENT_PLACES = 1  # one precision for every rate in the document: "占37.0%", "增长6.2%"


def percent(part: Decimal | int, whole: Decimal | int, places: int = 1) -> Decimal | None:
    """part / whole as a percentage, or None when the whole is zero."""
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def rate_text(value: Decimal | int) -> str:
    """A percentage at the document's one precision: 37 -> "37.0%"."""
    quantum = Decimal(1).scaleb(-PERCENT_PLACES)
    return f"{Decimal(value).quantize(quantum, ROUND_HALF_UP)}%"


def money_text(amount: Decimal | int) -> str:
    """Money as the seeds write it (records.money.format_money, the one rule for all pages)."""
    return format_money(amount)


def quantity_text(value: Decimal | int, unit: str) -> str:
    if unit == "元":
        return money_text(value)
    if unit == "%":
        return rate_text(value)
    return f"{_number(Decimal(value))}{unit}"


LAST_YEAR = "上年"  # what a year compares with; a half year or months so far say 上年同期


def change_phrase(
    current: Decimal | int, previous: Decimal | int | None, unit: str = "", against: str = LAST_YEAR
) -> str:
    """比上年增加17人，增长6.2% / 比上年减少3件，下降10.0% / 与上年持平; empty when last year
    has no records. Rates compare in percentage points. `against` names what is compared
    with: 上年, or 上年同期 for a half year ("与上年同期持平")."""
    if previous is None or previous == 0:
        return ""
    diff = Decimal(current) - Decimal(previous)
    if diff == 0:
        return f"与{against}持平"
    verb, rel = ("增加", "增长") if diff > 0 else ("减少", "下降")
    if unit == "%":
        return f"比{against}{'提高' if diff > 0 else '降低'}{_number(abs(diff))}个百分点"
    change = percent(abs(diff), previous, PERCENT_PLACES)
    return f"比{against}{verb}{quantity_text(abs(diff), unit)}，{rel}{rate_text(change or 0)}"


@dataclass(frozen=True)
class Figure:
    label: str  # also the token name: 【label】
    value: Decimal | int | str  # str for phrases such as a list of event names
    unit: str = ""  # 人, 人次, 次, 户, 件, 份, 家, 条, 元 (money), %
    previous: Decimal | int | None = None  # the same figure for the previous period
    against: str = LAST_YEAR  # how the comparison names that period (for_period sets it)

    @property
    def is_money(self) -> bool:
        return self.unit == "元"

    @property
    def text(self) -> str:
        if isinstance(self.value, str):
            return self.value
        return quantity_text(self.value, self.unit)

    @property
    def change(self) -> str:
        if isinstance(self.value, str):
            return ""
        return change_phrase(self.value, self.previous, self.unit, self.against)

    @property
    def with_change(self) -> str:
        """ "1159户，比上年减少237户，下降17.0%": the figure and, when last year has records, the change."""
        return "，".join(t for t in (self.text, self.change) if t)

    def as_json(self) -> dict[str, str | None]:
        return {
            "value": str(self.value),
            "text": self.text,
            "previous": None if self.previous is None else str(self.previous),
        }


Figures = dict[str, Figure]


def for_period(figures: Figures, against: str) -> Figures:
    """The figures comparing with `against` (Period.compared_with): 上年 or 上年同期."""
    if against == LAST_YEAR:
        return figures
    return {label: replace(f, against=against) for label, f in figures.items()}


def fill(template: str, figures: Figures) -> str:
    """Replace 【label】 with the figure's text and 【label同比】 with its change phrase.

    Unknown tokens, and comparisons without last year's records, stay as typed: visible in the
    preview, and `marker_problems` blocks finalising until they are mended.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in figures:
            return figures[name].text
        base = name.removesuffix(CHANGE_SUFFIX)
        if name.endswith(CHANGE_SUFFIX) and base in figures and figures[base].change:
            return figures[base].change
        return match.group(0)

    return tidy(TOKEN.sub(replace, template))


def tidy(text: str) -> str:
    """Mend punctuation left behind by an empty phrase: "，，" and "，。"."""
    text = re.sub(r"，(\s*，)+", "，", text)
    return re.sub(r"[，、]\s*([。；])", r"\1", text)


def unknown_tokens(template: str, figures: Figures) -> list[str]:
    names = TOKEN.findall(template)
    return [
        n
        for n in names
        if n not in figures and not (n.endswith(CHANGE_SUFFIX) and n.removesuffix(CHANGE_SUFFIX) in figures)
    ]


def marker_problems(template: str, figures: Figures) -> list[str]:
    """What is wrong with the 【markers】 of a text, each in a sentence staff can act on:
    a marker no figure has (with the nearest right one), or a comparison whose previous period
    has no records (it would print "比上年。")."""
    problems: list[str] = []
    names = list(figures)
    for name in dict.fromkeys(TOKEN.findall(template)):
        base = name.removesuffix(CHANGE_SUFFIX)
        if name in figures:
            continue
        if name.endswith(CHANGE_SUFFIX) and base in figures:
            if not figures[base].change:
                problems.append(
                    f"标记【{name}】没有可比数据：上年没有“{base}”的记录，请删去这个标记或改写这句话。"
                )
            continue
        guess = difflib.get_close_matches(base, names, n=1, cutoff=0.4)
        hint = (
            f"，是否应为【{guess[0]}{CHANGE_SUFFIX if name.endswith(CHANGE_SUFFIX) else ''}】"
            if guess
            else ""
        )
        problems.append(f"标记【{name}】不是本总结的数据项{hint}？")
    return problems
