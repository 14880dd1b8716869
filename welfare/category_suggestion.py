"""The 困难类别 a file's facts point to, as a suggestion the clerk may take or leave.

The rules follow the classification domain.md describes (全总 practice; provinces refine it):
- 意外致困: the main cause is a natural disaster or an accident;
- 深度困难: monthly income per head below the local 低保 line; or below twice the line with a
  circumstance that deepens it: a 零就业家庭, or illness or disability as the main cause
  (因病、因残: 重特大疾病, 无劳动能力, the worker or a family member seriously ill or severely
  disabled);
- 相对困难: below twice the line otherwise;
- at twice the line or more: no category (the household is normally not filed; the clerk checks).
Without a recorded line income cannot be compared, and only the circumstances speak.
The suggestion never changes a file by itself: the form and the detail page offer it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from records.money import format_amount

from .choices import (
    ACCIDENT_CAUSES,
    ILL_HEALTH,
    SEVERE_DISABILITY,
    HardshipCategory,
    HardshipCause,
)

RELATIVE_MULTIPLE = Decimal(2)  # 相对困难: below about twice the 低保 line (domain.md)
ILLNESS_CAUSES = frozenset({HardshipCause.SERIOUS_ILLNESS, HardshipCause.NO_WORK_CAPACITY})


@dataclass(frozen=True)
class CategorySuggestion:
    category: str | None  # a HardshipCategory value, or None when the facts point to none
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(HardshipCategory(self.category).label) if self.category else "暂无建议类别"

    @property
    def reason_text(self) -> str:
        return "；".join(self.reasons)

    def differs_from(self, category: str) -> bool:
        return bool(self.category) and self.category != category


def _yuan(value: Decimal) -> str:
    return f"{format_amount(value)}元"


def suggest_category(
    *,
    per_head: Decimal | None,
    line: Decimal | None,
    main_cause: str = "",
    zero_employment: bool = False,
    health: str = "",
    disability_grade: str = "",
    family_health: Iterable[str] = (),
) -> CategorySuggestion:
    if main_cause in ACCIDENT_CAUSES:
        cause = HardshipCause(main_cause).label
        return CategorySuggestion(HardshipCategory.ACCIDENT, [f"主要致困原因为“{cause}”，属意外致困"])

    deepening: list[str] = []
    if zero_employment:
        deepening.append("零就业家庭")
    if main_cause in ILLNESS_CAUSES:
        deepening.append(f"主要致困原因为“{HardshipCause(main_cause).label}”（因病/因残致困）")
    elif health in ILL_HEALTH or disability_grade in SEVERE_DISABILITY:
        deepening.append("本人患重特大疾病、重度残疾或丧失劳动能力（因病/因残致困）")
    elif any(h in ILL_HEALTH for h in family_health):
        deepening.append("家庭成员患重特大疾病、残疾或丧失劳动能力（因病/因残致困）")

    if line is None or line <= 0 or per_head is None:
        if zero_employment:
            return CategorySuggestion(
                HardshipCategory.DEEP, ["零就业家庭", "未填写当地低保标准，未按收入比较"]
            )
        return CategorySuggestion(None, ["未填写当地低保标准，无法按收入判断类别"])

    compared = f"家庭月人均收入{_yuan(per_head)}"
    if per_head < line:
        return CategorySuggestion(HardshipCategory.DEEP, [f"{compared}，低于当地低保标准{_yuan(line)}"])
    ceiling = line * RELATIVE_MULTIPLE
    if per_head < ceiling:
        band = f"{compared}，不低于当地低保标准{_yuan(line)}、低于其2倍{_yuan(ceiling)}"
        if deepening:
            return CategorySuggestion(HardshipCategory.DEEP, [band, *deepening])
        return CategorySuggestion(HardshipCategory.RELATIVE, [band])
    return CategorySuggestion(
        None, [f"{compared}，已达当地低保标准的2倍（{_yuan(ceiling)}），一般不符合建档条件，请核实"]
    )


def suggestion_for_file(file, family_health: Iterable[str] | None = None) -> CategorySuggestion:  # type: ignore[no-untyped-def]
    """The suggestion for a stored (or about-to-be-stored) file."""
    if family_health is None:
        family_health = [m.health for m in file.family_members.all()] if file.pk else []
    return suggest_category(
        per_head=file.monthly_per_capita_income,
        line=file.local_minimum_living_line,
        main_cause=file.main_cause,
        zero_employment=file.zero_employment,
        health=file.health,
        disability_grade=file.disability_grade,
        family_health=family_health,
    )
