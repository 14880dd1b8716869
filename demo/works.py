"""The factory's publicity, 职工之家, care for its 劳模, dues, safety inspections and innovation.

A factory of 300 studies the 工会法 and the Party's line a few times a year, sends 信息 to
the county and city unions (a few are carried), keeps a 职工之家 (named a city 模范职工之家
last year) and a 职工书屋, visits its 劳模 at 春节 and gathers them
before 五一, collects dues by the half year against the plan, joins the 安全生产月 and
festive inspections, and records a few innovation results with their benefit in 万元.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from works.choices import (
    CareKind,
    DuesItem,
    HomeKind,
    HomeLevel,
    InnovationKind,
    InnovationLevel,
    InspectionKind,
    OutletLevel,
    PublicityKind,
)
from works.models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome

from .cast import Cast, Roster, save
from .context import DemoContext
from .holidays import workday

MODELS = {
    m.__name__: m
    for m in (Publicity, WorkersHome, ModelWorkerCare, DuesCollection, SafetyInspection, Innovation)
}


@dataclass(frozen=True)
class RecordPlan:
    model: str  # a works model's class name
    fields: tuple[tuple[str, Any], ...]
    member_card: str = ""  # the 劳模 a care record names


@dataclass(frozen=True)
class WorksPlan:
    union_code: str
    records: tuple[RecordPlan, ...]

    def count(self, model: str) -> int:
        return sum(1 for r in self.records if r.model == model)


STUDIES = ("学习新修订的《工会法》", "学习党的二十大精神", "学习《安全生产法》", "学习全国劳模先进事迹")
INSPECTIONS = (
    ("春节前安全生产检查", InspectionKind.GENERAL, 1, 20),
    ("“安全生产月”大检查", InspectionKind.GENERAL, 6, 12),
    ("汛期防汛安全专项检查", InspectionKind.SPECIAL, 7, 8),
    ("职业病危害劳动保护监督检查", InspectionKind.SUPERVISION, 10, 15),
)
INNOVATIONS = (
    ("数控车床刀具快换装置", InnovationKind.TECHNICAL, InnovationLevel.CITY, "机加车间攻关小组"),
    ("装配线防错工装", InnovationKind.TECHNICAL, InnovationLevel.INTERNAL, "装配车间"),
    ("空压机余热回收利用", InnovationKind.INVENTION, InnovationLevel.PROVINCIAL, "动力车间创新工作室"),
    ("焊接变形控制操作法", InnovationKind.METHOD, InnovationLevel.COUNTY, "焊接班"),
    ("来料检验QC成果", InnovationKind.QC, InnovationLevel.INTERNAL, "质量部QC小组"),
)


def _plan(model: str, member_card: str = "", **fields: Any) -> RecordPlan:
    return RecordPlan(model, tuple(fields.items()), member_card)


def plan_works(ctx: DemoContext, rosters: dict[str, Roster]) -> WorksPlan:
    roster = rosters["demo"]
    rng = ctx.rng("works")
    plans = [
        _plan("WorkersHome", name="公司职工之家", kind=HomeKind.HOME, unit="公司工会", built_on=dt.date(2016, 4, 28),
              level=HomeLevel.CITY, recognised_on=dt.date(ctx.year, 11, 30), books=0),
        _plan("WorkersHome", name="公司职工书屋", kind=HomeKind.LIBRARY, unit="公司工会", built_on=dt.date(2019, 4, 23),
              level="", recognised_on=None, books=3200),
    ]  # fmt: skip
    for year in ctx.years:
        for i, title in enumerate(STUDIES[: 4 if year == ctx.year else 3]):
            day = workday(dt.date(year, 2 + 3 * i, rng.randint(5, 25)))
            if ctx.happened(day):
                plans.append(_plan("Publicity", date=day, kind=PublicityKind.STUDY, title=title,
                                   participants=rng.randint(60, 160)))  # fmt: skip
        for level, outlet, submitted, adopted in (
            (OutletLevel.COUNTY, "县总工会", rng.randint(14, 20), rng.randint(6, 10)),
            (OutletLevel.CITY, "市总工会", rng.randint(5, 8), rng.randint(1, 3)),
        ):
            day = workday(dt.date(year, 6, 28))
            if ctx.happened(day):
                plans.append(_plan("Publicity", date=day, kind=PublicityKind.INFO, title="工会工作信息",
                                   outlet=outlet, outlet_level=level, submitted=submitted, adopted=adopted,
                                   participants=0))  # fmt: skip
        day = workday(dt.date(year, 9, 20))
        if ctx.happened(day):
            plans.append(_plan("Publicity", date=day, kind=PublicityKind.ARTICLE, title="关于企业职工技能提升的调研",
                               outlet="《工人日报》", outlet_level=OutletLevel.NATIONAL if year == ctx.year
                               else OutletLevel.PROVINCIAL, submitted=2, adopted=1, participants=0))  # fmt: skip
        plans += _care(ctx, rng, roster, year)
        for half, month in ((1, 6), (2, 12)):
            day = workday(dt.date(year, month, 25))
            if ctx.happened(day):
                due = Decimal(18000 + rng.randint(0, 6) * 100)
                paid = due if half == 2 else due - Decimal(rng.randint(1, 5) * 100)
                plans.append(_plan("DuesCollection", date=day, item=DuesItem.DUES, payer="公司工会",
                                   due=due, paid=paid, notes=f"{'上' if half == 1 else '下'}半年会员会费"))  # fmt: skip
        day = workday(dt.date(year, 12, 20))
        if ctx.happened(day):
            plans.append(_plan("DuesCollection", date=day, item=DuesItem.ALLOCATION, payer="公司",
                               due=Decimal("428000"), paid=Decimal("428000"), notes="按工资总额2%拨缴"))  # fmt: skip
        for title, kind, month, found in INSPECTIONS:
            day = workday(dt.date(year, month, rng.randint(8, 24)))
            if ctx.happened(day):
                found = max(0, found + rng.randint(-4, 4))
                plans.append(_plan("SafetyInspection", date=day, kind=kind, title=title, hazards_found=found,
                                   hazards_fixed=found - rng.randint(0, min(2, found)), measures=found + rng.randint(0, 3)))  # fmt: skip
        for title, kind, level, team in rng.sample(INNOVATIONS, 3):
            day = workday(dt.date(year, rng.randint(3, 11), rng.randint(3, 26)))
            if ctx.happened(day):
                plans.append(_plan("Innovation", date=day, title=title, kind=kind, level=level, team=team,
                                   benefit=Decimal(rng.randint(20, 900)) / 10))  # fmt: skip
    return WorksPlan(roster.code, tuple(plans))


def _care(ctx: DemoContext, rng: Any, roster: Roster, year: int) -> list[RecordPlan]:
    plans = []
    spring = workday(dt.date(year, 1, 20))
    heroes = roster.where(spring, lambda p: bool(p.model_worker_level))
    if ctx.happened(spring):
        for hero in heroes:
            plans.append(_plan("ModelWorkerCare", hero.card_number, date=spring, kind=CareKind.VISIT,
                               title="春节前走访慰问劳模", persons=1, amount=Decimal("800")))  # fmt: skip
    day = workday(dt.date(year, 4, 28))
    if ctx.happened(day) and heroes:
        plans.append(_plan("ModelWorkerCare", date=day, kind=CareKind.ALLOWANCE, title="发放劳模荣誉津贴",
                           persons=len(heroes), amount=Decimal(600 * len(heroes))))  # fmt: skip
        plans.append(_plan("ModelWorkerCare", date=day, kind=CareKind.FORUM, title="庆“五一”劳模座谈会",
                           persons=len(heroes) + rng.randint(3, 6), amount=Decimal("0")))  # fmt: skip
    day = workday(dt.date(year, 8, 12))
    if ctx.happened(day) and heroes:
        plans.append(_plan("ModelWorkerCare", date=day, kind=CareKind.RECUPERATION, title="组织劳模赴疗养院疗休养",
                           persons=min(2, len(heroes)), amount=Decimal(2400 * min(2, len(heroes)))))  # fmt: skip
    return plans


def load_works(cast: Cast, plan: WorksPlan) -> None:
    union = cast.unions[plan.union_code]
    for record in plan.records:
        fields = dict(record.fields)
        if record.member_card:
            fields["member"] = cast.member(plan.union_code, record.member_card)
        save(MODELS[record.model](union=union, **fields))
