"""The logic checks run on a union's return, or on a federation's totals and each of its
sources, with each failing figure linked to the records behind it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.urls import reverse

from records.periods import Period
from unions.models import Union

from ..indicators import BY_KEY, Value, indicator_values
from .checks import Finding, errors, run_checks
from .checks.base import shown
from .links import figure_url


@dataclass(frozen=True)
class Figure:
    key: str
    code: str
    label: str
    value: str  # with its unit
    url: str  # the records behind it; blank for figures read from an imported workbook


@dataclass(frozen=True)
class Failure:
    finding: Finding
    figures: tuple[Figure, ...]

    @property
    def message(self) -> str:
        return self.finding.message

    @property
    def is_error(self) -> bool:
        return self.finding.is_error

    @property
    def rule(self) -> str:
        return self.finding.check.rule


@dataclass(frozen=True)
class Review:
    failures: tuple[Failure, ...]

    @property
    def errors(self) -> list[Failure]:
        return [f for f in self.failures if f.is_error]

    @property
    def warnings(self) -> list[Failure]:
        return [f for f in self.failures if not f.is_error]

    @property
    def passed(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if not self.failures:
            return "逻辑检查全部通过。"
        text = f"逻辑检查：{len(self.errors)}项错误" if self.errors else "逻辑检查无错误"
        return text + (f"，{len(self.warnings)}项提示。" if self.warnings else "。")


def _figure(key: str, value: Value, url: str) -> Figure:
    d = BY_KEY[key]
    return Figure(key, d.code, d.label.removeprefix("其中："), shown(key, value), url)


def review_values(values: Mapping[str, Value], *, url_of=None) -> Review:  # type: ignore[no-untyped-def]
    """The checks on a set of values; `url_of(key)` links each figure (or none)."""
    failures = []
    for finding in run_checks(values):
        figures = tuple(
            _figure(key, values[key], url_of(key) if url_of else "") for key in finding.check.figures
        )
        failures.append(Failure(finding, figures))
    return Review(tuple(failures))


def review_union(
    *, union: Union, period: Period, values: Mapping[str, Value] | None = None, today: dt.date | None = None
) -> Review:
    """The checks on `union`'s own return for `period`."""
    values = values if values is not None else indicator_values(union=union, period=period, today=today)
    return review_values(values, url_of=lambda key: figure_url(key, union=union, period=period, today=today))


def external_url(union: Union, report_id: int) -> str:
    return reverse("workbook:external-detail", args=[union.code, report_id])


__all__ = ["Failure", "Figure", "Review", "errors", "review_union", "review_values"]
