"""The factory's rights protection (维权): mediation, legal aid and petitions.

A well-run factory of 300 has few disputes: a handful of mediation cases a year (overtime
pay, a dispatched worker's insurance, compensation on leaving), a legal-advice day with the
county union's lawyer, a few individual consultations and one case represented, and a few
letters and visits about the canteen, the dormitory or the shuttle bus. Parties are named
as 某 the way mediation ledgers anonymise them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from rights.choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel
from rights.models import LegalAid, MediationCase, Petition

from .cast import Cast, Roster, save
from .context import DemoContext
from .holidays import workday


@dataclass(frozen=True)
class MediationPlan:
    received_on: dt.date
    parties: str
    subject: str
    dispute_type: str
    workers_involved: int
    outcome: str
    closed_on: dt.date | None
    amount_recovered: Decimal
    notes: str


@dataclass(frozen=True)
class LegalAidPlan:
    date: dt.date
    kind: str
    persons: int
    subject: str
    outcome: str
    amount_recovered: Decimal


@dataclass(frozen=True)
class PetitionPlan:
    date: dt.date
    channel: str
    cases: int
    persons: int
    subject: str
    handling: str
    resolved: bool


@dataclass(frozen=True)
class RightsPlan:
    union_code: str
    mediations: tuple[MediationPlan, ...]
    legal_aid: tuple[LegalAidPlan, ...]
    petitions: tuple[PetitionPlan, ...]


# (subject, type, workers, amount range recovered, how it ended)
DISPUTES = (
    ("加班费计算基数争议", DisputeType.PAY, 3, (4000, 9000), "双方达成调解协议，公司补发加班费差额。"),
    (
        "劳务派遣职工社会保险缴费基数争议",
        DisputeType.INSURANCE,
        2,
        (3000, 6000),
        "派遣单位按实际工资补缴社会保险费。",
    ),
    (
        "试用期内解除劳动合同争议",
        DisputeType.CONTRACT,
        1,
        (2000, 5000),
        "公司支付一个月工资作为补偿，双方解除劳动关系。",
    ),
    ("工伤停工留薪期工资争议", DisputeType.INJURY, 1, (8000, 15000), "公司按原工资标准补发停工留薪期工资。"),
    (
        "离职职工经济补偿金争议",
        DisputeType.CONTRACT,
        1,
        (6000, 12000),
        "经调解，公司按工作年限支付经济补偿。",
    ),
    (
        "年休假未休工资报酬争议",
        DisputeType.PAY,
        4,
        (3000, 7000),
        "公司按日工资的300%支付未休年休假工资报酬。",
    ),
    ("岗位调整后工资降低争议", DisputeType.PAY, 1, (0, 0), "职工坚持申请仲裁，调解不成，已告知仲裁程序。"),
)
CONSULTATIONS = (
    "劳动合同续签和无固定期限劳动合同", "工伤认定和劳动能力鉴定程序", "产假、哺乳假和生育津贴", "住房公积金缴存",
    "婚姻家庭和财产继承", "民间借贷纠纷", "交通事故赔偿", "子女入学和户籍迁移",
)  # fmt: skip
PETITIONS = (
    ("反映食堂饭菜价格上涨、品种单一", "已转综合办公室，食堂增加平价套餐，每周公布菜单。"),
    ("反映宿舍热水供应时间短", "已协调后勤延长热水供应时间至晚上十一点。"),
    ("反映夜班下班后通勤不便", "已协调增开夜班通勤车一班。"),
    ("反映车间噪声大影响听力", "已转安全环保部检测，为相关岗位配发降噪耳塞。"),
    ("咨询劳务派遣职工转为合同制职工的条件", "已由人力资源部答复转正条件和程序。"),
    ("反映更衣室空调损坏", "已报修并更换空调两台。"),
    ("反映绩效考核结果有异议", "工会陪同职工与部门负责人沟通，复核后调整考核等级。"),
)


def _parties(rng: random.Random, roster: Roster, day: dt.date, workers: int) -> str:
    people = roster.pick(rng, day, workers, lambda p: not p.is_leader)
    names = "、".join(f"{p.name[0]}某" for p in people)
    return f"职工{names}与公司" if workers <= 2 else f"职工{people[0].name[0]}某等{workers}人与公司"


def plan_rights(ctx: DemoContext, rosters: dict[str, Roster]) -> RightsPlan:
    roster = rosters["demo"]
    rng = ctx.rng("rights")
    mediations, aids, petitions = [], [], []
    disputes = list(DISPUTES)
    rng.shuffle(disputes)
    for year in ctx.years:
        count = 4 if year == ctx.year else 3
        taken, disputes = disputes[:count], disputes[count:]
        for subject, kind, workers, (low, high), ending in taken:
            received = workday(dt.date(year, rng.randint(1, 11), rng.randint(3, 28)))
            if not ctx.happened(received):
                continue
            closed = workday(received + dt.timedelta(days=rng.randint(7, 30)))
            failed = high == 0
            outcome = MediationOutcome.FAILED if failed else MediationOutcome.SUCCESS
            amount = Decimal(0 if failed else round(rng.uniform(low, high), -2))
            if not ctx.happened(closed):
                outcome, closed, amount, ending = MediationOutcome.PENDING, None, Decimal(0), "正在调解中。"
            mediations.append(
                MediationPlan(
                    received, _parties(rng, roster, received, workers), subject, kind, workers, outcome, closed,
                    amount, ending,
                )
            )  # fmt: skip
        day = workday(dt.date(year, 3, rng.randint(13, 17)))  # around 3·15
        if ctx.happened(day):
            aids.append(
                LegalAidPlan(
                    day, LegalAidKind.CONSULTATION, rng.randint(38, 56), "“法律进企业”普法咨询日",
                    "县总工会法律援助律师现场解答劳动合同、工伤保险、婚姻家庭等法律问题。", Decimal(0),
                )
            )  # fmt: skip
        for subject in rng.sample(CONSULTATIONS, 5 if year == ctx.year else 4):
            day = workday(dt.date(year, rng.randint(1, 12), rng.randint(3, 28)))
            if ctx.happened(day):
                aids.append(
                    LegalAidPlan(
                        day, LegalAidKind.CONSULTATION, rng.choice((1, 1, 2)), f"咨询{subject}问题",
                        "由工会法律顾问当面或电话解答。", Decimal(0),
                    )
                )  # fmt: skip
        day = workday(dt.date(year, rng.randint(4, 9), rng.randint(3, 28)))
        if ctx.happened(day):
            aids.append(
                LegalAidPlan(
                    day, LegalAidKind.REPRESENTATION, 1, "代理职工工伤待遇纠纷案件",
                    "工会申请县总工会法律援助，律师代理职工申请劳动仲裁，依法获得一次性伤残补助金等待遇。",
                    Decimal(round(rng.uniform(30000, 45000), -2)),
                )
            )  # fmt: skip
        for subject, handling in rng.sample(PETITIONS, 4 if year == ctx.year else 3):
            day = workday(dt.date(year, rng.randint(1, 12), rng.randint(3, 28)))
            if ctx.happened(day):
                recent = (ctx.today - day).days < 20
                petitions.append(
                    PetitionPlan(
                        day, rng.choice(list(PetitionChannel)), 1, rng.randint(1, 6), subject,
                        "正在协调办理。" if recent else handling, not recent,
                    )
                )  # fmt: skip
    return RightsPlan(
        union_code=roster.code,
        mediations=tuple(sorted(mediations, key=lambda m: m.received_on)),
        legal_aid=tuple(sorted(aids, key=lambda a: (a.date, a.subject))),
        petitions=tuple(sorted(petitions, key=lambda p: (p.date, p.subject))),
    )


def load_rights(cast: Cast, plan: RightsPlan) -> None:
    union = cast.unions[plan.union_code]
    for m in plan.mediations:
        save(
            MediationCase(
                union=union,
                received_on=m.received_on,
                parties=m.parties,
                subject=m.subject,
                dispute_type=m.dispute_type,
                workers_involved=m.workers_involved,
                outcome=m.outcome,
                closed_on=m.closed_on,
                amount_recovered=m.amount_recovered,
                notes=m.notes,
            )
        )
    for a in plan.legal_aid:
        save(
            LegalAid(
                union=union,
                date=a.date,
                kind=a.kind,
                persons=a.persons,
                subject=a.subject,
                outcome=a.outcome,
                amount_recovered=a.amount_recovered,
            )
        )
    for p in plan.petitions:
        save(
            Petition(
                union=union,
                date=p.date,
                channel=p.channel,
                cases=p.cases,
                persons=p.persons,
                subject=p.subject,
                handling=p.handling,
                resolved=p.resolved,
            )
        )
