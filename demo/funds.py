"""The unions' accounts (经费收支) for the demo's two years: the factory's in full, the
hospital's income and activity costs.

Income follows the members: dues are 0.5% of wages, collected every month from the
members on the roster; the 2% payroll allocation comes in every quarter (the union keeps
60%, the rest goes up the tree); the company adds an administrative subsidy (行政补助) in
January and July, sized to cover what the union spends. Spending is the activities'
costs, each booked on the day the activity ended, plus the running costs of the office,
legal advice and the congress. Welfare disbursements paid from union funds are not
booked here: the funds summary takes them from the welfare ledger (see funds.choices), so
the plan only counts them to size the subsidy.

The funds audit committee writes one note a year: on the last complete year's accounts,
and a half-year review in the current year, each quoting the figures of the plan.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from funds.choices import Category, Direction
from funds.models import FundAudit, FundEntry
from records.money import format_yuan
from welfare.choices import DisbursementStatus, FundingSource

from .activities import ActivityPlan
from .cast import Cast, Roster, save
from .context import DemoContext
from .democracy import DemocracyPlan
from .holidays import workday
from .welfare import WelfarePlan

# 元 a month in the last complete year: a county factory, and the county hospital
AVERAGE_WAGE = {"demo": 6480, "demo-hospital": 9200}
WAGE_GROWTH = 0.05
DUES_RATE = Decimal("0.005")
ALLOCATION_KEPT = Decimal("0.02") * Decimal("0.6")  # 2% of payroll, of which the union keeps 60%
STAFF_NOT_MEMBERS = 9  # on the payroll but not in the union
MARGIN = 1.04  # the subsidy leaves a small surplus
QUARTERS = "一二三四"


@dataclass(frozen=True)
class EntryPlan:
    date: dt.date
    direction: str
    category: str
    amount: Decimal
    description: str
    voucher: str = ""


@dataclass(frozen=True)
class AuditPlan:
    year: int
    audited_on: dt.date
    auditor: str
    findings: str


@dataclass(frozen=True)
class FundsPlan:
    union_code: str
    entries: tuple[EntryPlan, ...]
    audits: tuple[AuditPlan, ...]


def _wage(ctx: DemoContext, code: str, year: int) -> float:
    return AVERAGE_WAGE[code] * (1 + WAGE_GROWTH) ** (year - ctx.year)


def _income(ctx: DemoContext, roster: Roster, rng: random.Random, year: int) -> list[EntryPlan]:
    entries = []
    for month in range(1, 13):
        day = workday(dt.date(year, month, 25))
        payroll = len(roster.on(day)) * _wage(ctx, roster.code, year) * rng.uniform(0.97, 1.03)
        amount = (Decimal(payroll) * DUES_RATE).quantize(Decimal("1"))
        entries.append(
            EntryPlan(day, Direction.INCOME, Category.DUES, amount, f"{month}月会费（按工资收入0.5%）")
        )
    # The allocation for a quarter arrives in the month after it: the previous year's last
    # quarter in January, then the first three quarters of this year.
    for quarter, (paid_year, month) in enumerate(((year, 1), (year, 4), (year, 7), (year, 10))):
        for_year = year - 1 if quarter == 0 else year
        for_quarter = 4 if quarter == 0 else quarter
        day = workday(dt.date(paid_year, month, 20))
        staff = len(roster.on(dt.date(for_year, for_quarter * 3, 1))) + STAFF_NOT_MEMBERS
        payroll = Decimal(staff * _wage(ctx, roster.code, for_year) * 3 * rng.uniform(0.98, 1.04))
        entries.append(
            EntryPlan(
                day,
                Direction.INCOME,
                Category.ALLOCATION,
                (payroll * ALLOCATION_KEPT).quantize(Decimal("1")),
                f"{for_year}年第{QUARTERS[for_quarter - 1]}季度工会经费拨缴留成（工资总额2%的60%）",
            )
        )
    return entries


# (month, day, category, description, amount range)
RUNNING_COSTS = (
    (1, 20, Category.RIGHTS, "常年法律顾问费", (8000, 8000)),
    (3, 16, Category.RIGHTS, "“法律进企业”普法宣传资料印制", (900, 1500)),
    (3, 28, Category.ADMINISTRATION, "一季度办公用品", (1200, 1800)),
    (5, 12, Category.BUSINESS, "工会宣传栏更新和活动横幅制作", (2200, 3200)),
    (6, 26, Category.ADMINISTRATION, "二季度办公用品", (1200, 1800)),
    (8, 18, Category.BUSINESS, "参加县总工会会议和培训差旅费", (1500, 2500)),
    (9, 25, Category.ADMINISTRATION, "三季度办公用品", (1200, 1800)),
    (11, 16, Category.BUSINESS, "订阅《工人日报》《浙江工人日报》等报刊", (4000, 4400)),
    (12, 22, Category.ADMINISTRATION, "四季度办公用品", (1200, 1800)),
)


def _spending(
    ctx: DemoContext,
    rng: random.Random,
    year: int,
    activities: list[ActivityPlan],
    democracy: DemocracyPlan | None,
) -> list[EntryPlan]:
    """The activities' costs and the office's running costs; with `democracy` (the factory,
    whose books the demo keeps in full) also the congress and the year's purchases."""
    entries = [
        EntryPlan(
            a.end_date or a.start_date, Direction.SPENDING, Category.ACTIVITIES, a.cost, f"{a.title}经费"
        )
        for a in activities
        if a.cost and (a.end_date or a.start_date).year == year
    ]
    for month, day, category, description, (low, high) in RUNNING_COSTS:
        amount = Decimal(round(rng.uniform(low, high), -1))
        entries.append(
            EntryPlan(workday(dt.date(year, month, day)), Direction.SPENDING, category, amount, description)
        )
    if democracy is None:
        return entries
    for congress in democracy.congresses:
        if congress.date.year == year:
            amount = Decimal(round(rng.uniform(2800, 4200), -1))
            entries.append(
                EntryPlan(
                    congress.date,
                    Direction.SPENDING,
                    Category.BUSINESS,
                    amount,
                    f"{congress.session}职代会会务费",
                )
            )
    if year == ctx.year:
        entries.append(
            EntryPlan(
                workday(dt.date(year, 6, 10)), Direction.SPENDING, Category.CAPITAL, Decimal("26800"),
                "职工之家健身器材购置（跑步机、动感单车等）",
            )
        )  # fmt: skip
    else:
        entries.append(
            EntryPlan(
                workday(dt.date(year, 4, 8)), Direction.INCOME, Category.HIGHER_SUBSIDY, Decimal("5000"),
                "县总工会“职工书屋”建设补助",
            )
        )  # fmt: skip
        entries.append(
            EntryPlan(
                workday(dt.date(year, 4, 23)),
                Direction.SPENDING,
                Category.CAPITAL,
                Decimal("8600"),
                "职工书屋图书购置",
            )
        )
    return entries


def welfare_from_union_funds(welfare: WelfarePlan, code: str, year: int) -> Decimal:
    """What the welfare ledger will show as paid from union funds in `year`."""
    total = sum(
        (
            (b.cash + b.goods_value) * len(b.members)
            for b in welfare.batches
            if b.union_code == code and b.funding == FundingSource.UNION_FUNDS and b.date.year == year
        ),
        Decimal("0"),
    )
    total += sum(
        (
            g.cash + g.goods_value
            for g in welfare.grants
            if g.union_code == code
            and g.status == DisbursementStatus.PAID
            and g.funding == FundingSource.UNION_FUNDS
            and g.paid_on is not None
            and g.paid_on.year == year
        ),
        Decimal("0"),
    )
    return total


def _total(entries: list[EntryPlan], direction: str) -> Decimal:
    return sum((e.amount for e in entries if e.direction == direction), Decimal("0"))


def _subsidies(year: int, amount: int) -> list[EntryPlan]:
    if not amount:
        return []  # dues and the allocation cover the year
    first = amount * 6 // 10 // 1000 * 1000
    return [
        EntryPlan(workday(dt.date(year, 1, 15)), Direction.INCOME, Category.ADMIN_SUBSIDY, Decimal(first), "公司行政补助工会经费（上半年）"),
        EntryPlan(workday(dt.date(year, 7, 15)), Direction.INCOME, Category.ADMIN_SUBSIDY, Decimal(amount - first), "公司行政补助工会经费（下半年）"),
    ]  # fmt: skip


def _with_vouchers(entries: list[EntryPlan]) -> list[EntryPlan]:
    numbered, counters = [], {}
    for e in sorted(entries, key=lambda e: (e.date, e.direction, e.description)):
        key = (e.date.year, e.date.month)
        counters[key] = counters.get(key, 0) + 1
        voucher = f"记-{e.date.year}{e.date.month:02d}-{counters[key]:03d}"
        numbered.append(EntryPlan(e.date, e.direction, e.category, e.amount, e.description, voucher))
    return numbered


def plan_funds(
    ctx: DemoContext,
    rosters: dict[str, Roster],
    activities: tuple[ActivityPlan, ...],
    welfare: WelfarePlan,
    democracy: DemocracyPlan,
) -> tuple[FundsPlan, ...]:
    """The factory's books in full, with the audit notes; the hospital's income and its
    activities' costs, so that the county's roll-up has funds on both sides."""
    return (
        _union_funds(ctx, rosters["demo"], activities, welfare, democracy),
        _union_funds(ctx, rosters["demo-hospital"], activities, welfare, None),
    )


def _union_funds(
    ctx: DemoContext,
    roster: Roster,
    activities: tuple[ActivityPlan, ...],
    welfare: WelfarePlan,
    democracy: DemocracyPlan | None,
) -> FundsPlan:
    rng = ctx.rng(f"funds:{roster.code}")
    own = [a for a in activities if a.union_code == roster.code]
    by_year: dict[int, list[EntryPlan]] = {}
    subsidy = 0
    for year in ctx.years:
        entries = _income(ctx, roster, rng, year) + _spending(ctx, rng, year, own, democracy)
        if year == ctx.year:
            # Sized on the complete year; the next year's is agreed 5% higher.
            spending = _total(entries, Direction.SPENDING) + welfare_from_union_funds(
                welfare, roster.code, year
            )
            gap = float(spending) * MARGIN - float(_total(entries, Direction.INCOME))
            subsidy = max(0, math.ceil(gap / 10000) * 10000)
        else:
            subsidy = math.ceil(subsidy * (1 + WAGE_GROWTH) / 10000) * 10000
        entries += _subsidies(year, subsidy)
        by_year[year] = [e for e in entries if ctx.happened(e.date)]
    audits = _audits(ctx, rng, roster.code, welfare, by_year) if democracy is not None else ()
    return FundsPlan(
        union_code=roster.code,
        entries=tuple(_with_vouchers([e for entries in by_year.values() for e in entries])),
        audits=audits,
    )


AUDITOR = "公司工会经费审查委员会"


def _audits(
    ctx: DemoContext, rng: random.Random, code: str, welfare: WelfarePlan, by_year: dict[int, list[EntryPlan]]
) -> tuple[AuditPlan, ...]:
    audits = []
    year = ctx.year
    entries = by_year[year]
    income = _total(entries, Direction.INCOME)
    spending = _total(entries, Direction.SPENDING) + welfare_from_union_funds(welfare, code, year)
    day = workday(dt.date(year + 1, 1, rng.randint(18, 26)))
    if not ctx.happened(day):
        day = workday(dt.date(year, 12, 26))
    audits.append(
        AuditPlan(
            year,
            day,
            AUDITOR,
            f"经审查，{year}年度工会经费收入{format_yuan(income)}，支出{format_yuan(spending)}，"
            f"结余{format_yuan(income - spending)}。会费收缴及时足额，拨缴经费留成按季到账；各项支出符合"
            "《基层工会经费收支管理办法》规定，原始凭证齐全，审批手续完备，未发现违规使用经费的情况。"
            "建议进一步细化年度预算，加强活动经费的事前审核。",
        )
    )
    half = dt.date(ctx.current_year, 6, 30)
    day = workday(dt.date(ctx.current_year, 7, rng.randint(20, 28)))
    if ctx.happened(day):
        entries = [e for e in by_year[ctx.current_year] if e.date <= half]
        audits.append(
            AuditPlan(
                ctx.current_year,
                day,
                AUDITOR,
                f"对{ctx.current_year}年上半年经费收支进行了审查：收入{format_yuan(_total(entries, Direction.INCOME))}，"
                f"支出（不含帮扶慰问发放）{format_yuan(_total(entries, Direction.SPENDING))}。账务处理及时，"
                "会计科目使用正确。提醒下半年节日慰问严格执行标准，做好发放签收。",
            )
        )
    return tuple(audits)


def load_funds(cast: Cast, plan: FundsPlan) -> None:
    """One union's books."""
    union = cast.unions[plan.union_code]
    for e in plan.entries:
        save(
            FundEntry(
                union=union,
                date=e.date,
                direction=e.direction,
                category=e.category,
                amount=e.amount,
                description=e.description,
                voucher=e.voucher,
            )
        )
    for a in plan.audits:
        save(
            FundAudit(
                union=union, year=a.year, audited_on=a.audited_on, auditor=a.auditor, findings=a.findings
            )
        )
