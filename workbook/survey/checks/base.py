"""A logic check (逻辑检查) is a small class: the figures it reads (indicator keys, printed by
their codes), its rule, and the Chinese message of a failure. Three shapes cover the return's
checks: a "其中" item at most its total, a total equal to its parts, and a figure that needs
another (a congress held needs 职代会制度)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from ...indicators import BY_KEY, Value


class Severity:
    ERROR = "error"  # 错误: the return is not filed until it is fixed or accepted
    WARNING = "warning"  # 提示: worth a look, never blocks


# Where a label read alone is ambiguous (it leans on the line above it in the table).
NAMES = {
    "activity_women": "活动参加女职工",
    "delegates_women": "女职工代表",
    "proposals_accepted": "立案的提案",
    "proposals_closed": "办结的提案",
    "suggestions_adopted": "采纳的合理化建议",
    "mediation_successful": "调解成功的劳动争议",
}


def name_of(key: str) -> str:
    """会员人数, 女会员: the figure's label without its "其中：" prefix."""
    return NAMES.get(key) or BY_KEY[key].label.removeprefix("其中：")


def shown(key: str, value: Value) -> str:
    unit = BY_KEY[key].unit
    return f"{value:,.2f}{unit}" if BY_KEY[key].is_money else f"{value}{unit}"


@dataclass(frozen=True)
class Finding:
    check: Check
    message: str

    @property
    def is_error(self) -> bool:
        return self.check.severity == Severity.ERROR


class Check:
    key: ClassVar[str]
    severity: ClassVar[str] = Severity.ERROR

    @property
    def figures(self) -> tuple[str, ...]:
        raise NotImplementedError

    @property
    def rule(self) -> str:
        raise NotImplementedError

    def passes(self, values: Mapping[str, Value]) -> bool:
        raise NotImplementedError

    def message(self, values: Mapping[str, Value]) -> str:
        raise NotImplementedError

    def run(self, values: Mapping[str, Value]) -> Finding | None:
        return None if self.passes(values) else Finding(self, self.message(values))


class AtMost(Check):
    """其中 ≤ 总数: `part` never exceeds `whole`."""

    part: ClassVar[str]
    whole: ClassVar[str]

    @property
    def figures(self) -> tuple[str, ...]:
        return (self.part, self.whole)

    @property
    def rule(self) -> str:
        return f"{name_of(self.part)} ≤ {name_of(self.whole)}"

    def passes(self, values: Mapping[str, Value]) -> bool:
        return values[self.part] <= values[self.whole]

    def message(self, values: Mapping[str, Value]) -> str:
        part, whole = self.part, self.whole
        return (
            f"{name_of(part)}（{shown(part, values[part])}）多于{name_of(whole)}"
            f"（{shown(whole, values[whole])}）。"
        )


class SumOf(Check):
    """总数 = 各项之和."""

    total: ClassVar[str]
    parts: ClassVar[tuple[str, ...]]

    @property
    def figures(self) -> tuple[str, ...]:
        return (self.total, *self.parts)

    @property
    def rule(self) -> str:
        return f"{name_of(self.total)} = " + " + ".join(name_of(p) for p in self.parts)

    def passes(self, values: Mapping[str, Value]) -> bool:
        return values[self.total] == sum(values[p] for p in self.parts)

    def message(self, values: Mapping[str, Value]) -> str:
        parts = sum(values[p] for p in self.parts)
        return (
            f"{name_of(self.total)}（{shown(self.total, values[self.total])}）与各项之和"
            f"（{shown(self.total, parts)}）不一致：" + "、".join(name_of(p) for p in self.parts) + "。"
        )


class Needs(Check):
    """有A必有B: where `figure` is above zero, `needed` must be too."""

    figure: ClassVar[str]
    needed: ClassVar[str]
    advice: ClassVar[str] = ""

    @property
    def figures(self) -> tuple[str, ...]:
        return (self.figure, self.needed)

    @property
    def rule(self) -> str:
        return f"{name_of(self.figure)} > 0 时，{name_of(self.needed)} > 0"

    def passes(self, values: Mapping[str, Value]) -> bool:
        return not values[self.figure] or bool(values[self.needed])

    def message(self, values: Mapping[str, Value]) -> str:
        return (
            f"{name_of(self.figure)}为{shown(self.figure, values[self.figure])}，"
            f"但{name_of(self.needed)}为0。{self.advice}"
        )
