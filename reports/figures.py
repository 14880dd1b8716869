"""Figures as the summaries state them: a number, its unit, and the change on last year.

A section gathers `Figure`s; its sentences name them with tokens like 【参加人次】, which
render as "3560人次". Staff text may use the same tokens, so wording staff wrote keeps
showing current figures when the records change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from records.money import format_wan

TOKEN = re.compile(r"【([^【】]{1,30})】")


def percent(part: Decimal | int, whole: Decimal | int, places: int = 1) -> Decimal | None:
    """part / whole as a percentage, or None when the whole is zero."""
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def change_phrase(current: Decimal | int, previous: Decimal | int | None) -> str:
    """同比增长12.5% / 同比下降3% / 与上年持平; empty when last year has no data."""
    if previous is None or previous == 0:
        return ""
    change = percent(Decimal(current) - Decimal(previous), previous)
    assert change is not None
    if change > 0:
        return f"同比增长{_number(change)}%"
    if change < 0:
        return f"同比下降{_number(-change)}%"
    return "与上年持平"


@dataclass(frozen=True)
class Figure:
    label: str  # also the token name: 【label】
    value: Decimal | int | str  # str for phrases such as a list of event names
    unit: str = ""  # 人, 人次, 次, 户, 件, 份, 家, 条, 元 (money), %
    previous: Decimal | int | None = None  # the same figure for the previous period

    @property
    def is_money(self) -> bool:
        return self.unit == "元"

    @property
    def text(self) -> str:
        if isinstance(self.value, str):
            return self.value
        if self.is_money:
            return format_wan(Decimal(self.value))
        if self.unit == "%":
            return f"{_number(Decimal(self.value))}%"
        return f"{_number(Decimal(self.value))}{self.unit}"

    @property
    def change(self) -> str:
        if isinstance(self.value, str):
            return ""
        return change_phrase(self.value, self.previous)

    def as_json(self) -> dict[str, str | None]:
        return {
            "value": str(self.value),
            "text": self.text,
            "previous": None if self.previous is None else str(self.previous),
        }


Figures = dict[str, Figure]


def fill(template: str, figures: Figures) -> str:
    """Replace 【label】 with the figure's text and 【label同比】 with its change phrase.

    Unknown tokens stay as typed, so a mistyped token is visible rather than silent.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in figures:
            return figures[name].text
        if name.endswith("同比") and name[:-2] in figures:
            return figures[name[:-2]].change
        return match.group(0)

    return tidy(TOKEN.sub(replace, template))


def tidy(text: str) -> str:
    """Mend punctuation left behind by an empty phrase: "，，" and "，。"."""
    text = re.sub(r"，(\s*，)+", "，", text)
    return re.sub(r"[，、]\s*([。；])", r"\1", text)


def unknown_tokens(template: str, figures: Figures) -> list[str]:
    names = TOKEN.findall(template)
    return [n for n in names if n not in figures and not (n.endswith("同比") and n[:-2] in figures)]
