"""汇总: a higher-level union's indicators, added up over its whole subtree.

Every union in the subtree (the union itself, the unions below it, and theirs) contributes
its own indicators for its own reporting period of the year; every live external report
imported by a union of the subtree contributes the figures read from its workbook. The
totals are key-by-key sums, so they equal the sum of the breakdown's rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from records.periods import Period, PeriodKind, period_for
from unions.models import Union

from .figures_store import FiguresStore
from .indicators import BY_KEY, INDICATORS, Indicator, IndicatorDef, Value, add_up, as_indicators, from_text
from .models import ExternalReport

ORIGIN_UNION = "本系统"
ORIGIN_EXTERNAL = "导入"


@dataclass(frozen=True)
class RollupSource:
    """One row of the breakdown: a union of the subtree, or an imported report."""

    name: str
    code: str
    origin: str  # 本系统 / 导入
    period_label: str
    depth: int  # 0 for the union itself, 1 for its subordinates, …
    values: dict[str, Value]
    union_id: int | None = None
    external_id: int | None = None
    parent_name: str = ""  # for an imported report: the union that imported it
    # For an imported report: whether its signature was verified against a registered key.
    verified: bool | None = None

    @property
    def signature_label(self) -> str:
        if self.verified is None:
            return ""
        return "已验证签名" if self.verified else "未验证签名"

    @property
    def origin_label(self) -> str:
        """The origin with the signature state of an imported report: 导入（未验证签名）."""
        return f"{self.origin}（{self.signature_label}）" if self.signature_label else self.origin


@dataclass(frozen=True)
class RollupRow:
    definition: IndicatorDef
    total: Value
    values: tuple[Value, ...]  # one per source, in the sources' order


@dataclass(frozen=True)
class Rollup:
    union: Union
    year: int
    period: Period  # the union's own period of the year
    sources: tuple[RollupSource, ...]
    totals: dict[str, Value]

    @property
    def indicators(self) -> list[Indicator]:
        return as_indicators(self.totals)

    def rows(self) -> list[RollupRow]:
        return [
            RollupRow(d, self.totals[d.key], tuple(s.values[d.key] for s in self.sources)) for d in INDICATORS
        ]

    def total(self, key: str) -> Value:
        return self.totals[key]

    @property
    def unions_count(self) -> int:
        return sum(1 for s in self.sources if s.union_id)

    @property
    def external_count(self) -> int:
        return sum(1 for s in self.sources if s.external_id)


def external_values(report: ExternalReport) -> dict[str, Value]:
    return {d.key: from_text(d, str(report.values.get(d.key, "0"))) for d in INDICATORS}


def _depth(union: Union, top: Union) -> int:
    return len(union.ancestor_ids()) - len(top.ancestor_ids())


def rollup(*, union: Union, year: int, today: dt.date | None = None) -> Rollup:
    """The indicators of `union`'s whole subtree for `year`, with the per-union breakdown."""
    return _rollup(union=union, year=year, period=None, today=today)


def rollup_for_period(*, union: Union, period: Period, today: dt.date | None = None) -> Rollup:
    """The subtree's indicators over a report's period. A statistical year is the roll-up
    page's own (each union its own year, imported workbooks included), so a summary's totals
    equal the page's; a half year, quarter or months so far counts every union of the subtree
    over `period`, and leaves imported workbooks out: they carry whole years only."""
    if period.kind == PeriodKind.YEAR:
        return rollup(union=union, year=period.year, today=today)
    return _rollup(union=union, year=period.year, period=period, today=today)


def _rollup(*, union: Union, year: int, period: Period | None, today: dt.date | None) -> Rollup:
    today = today or dt.date.today()
    sources: list[RollupSource] = []
    unions, counted_of = subtree_periods(union=union, year=year, period=period)
    names = {u.pk: u.name for u in unions}
    depths = {u.pk: _depth(u, union) for u in unions}
    values_of = FiguresStore(top=union, unions=unions, periods=counted_of, today=today).values()
    for member_union in unions:
        counted = counted_of[member_union.pk]
        sources.append(
            RollupSource(
                name=member_union.name,
                code=member_union.code,
                origin=ORIGIN_UNION,
                period_label=f"{counted.start:%Y-%m-%d}至{counted.end:%Y-%m-%d}",
                depth=depths[member_union.pk],
                values=values_of[member_union.pk],
                union_id=member_union.pk,
            )
        )
    reports = (
        ExternalReport.objects.live()
        .filter(union__in=[u.pk for u in unions], year=year)
        .order_by("union__path", "source_name", "id")
    )
    for report in reports if period is None else ():
        sources.append(
            RollupSource(
                name=report.source_name,
                code=report.source_code,
                origin=ORIGIN_EXTERNAL,
                period_label=f"{report.period_start:%Y-%m-%d}至{report.period_end:%Y-%m-%d}",
                depth=depths[report.union_id] + 1,
                values=external_values(report),
                external_id=report.pk,
                parent_name=names.get(report.union_id, ""),
                verified=report.is_verified,
            )
        )
    return Rollup(
        union=union,
        year=year,
        period=period or period_for(union, year),
        sources=tuple(sources),
        totals=add_up(s.values for s in sources),
    )


def subtree_periods(
    *, union: Union, year: int, period: Period | None = None
) -> tuple[list[Union], dict[int, Period]]:
    """The unions of the subtree in path order, and the period each counts: `period`, or
    each union's own statistical year."""
    unions = list(union.descendants(include_self=True).order_by("path"))
    return unions, {u.pk: period or period_for(u, year) for u in unions}


def stale_units(*, union: Union, year: int, today: dt.date | None = None) -> tuple[int, int]:
    """(units whose figures must be computed, units in all) for the year's roll-up."""
    unions, periods = subtree_periods(union=union, year=year)
    store = FiguresStore(top=union, unions=unions, periods=periods, today=today or dt.date.today())
    return len(store.stale()), len(unions)


# Figures the roll-up page shows as cards, in groups; the full list is the indicator page.
HEADLINE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("会员", ("members", "members_women", "members_migrant", "members_joined")),
    ("民主管理", ("congresses", "contracts", "contract_workers", "disclosures", "suggestions")),
    ("劳动竞赛与活动", ("competitions", "competition_participants", "activities", "activity_participants")),
    ("帮扶救助", ("welfare_households", "welfare_person_times", "welfare_total", "hardship_open")),
    ("维权", ("mediation_cases", "legal_consultations", "petitions", "recovered")),
    ("经费", ("funds_income", "funds_spending")),
)
BREAKDOWN_KEYS: tuple[str, ...] = (
    "members",
    "members_women",
    "members_migrant",
    "members_joined",
    "contracts",
    "welfare_person_times",
    "welfare_total",
    "hardship_open",
    "funds_income",
    "funds_spending",
)
assert all(key in BY_KEY for _, keys in HEADLINE for key in keys)
assert all(key in BY_KEY for key in BREAKDOWN_KEYS)
