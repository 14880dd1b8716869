"""青山县总工会's own year and the rest of its county: three more small unions on the system
(a school, a government bureau, a market's joint union), four units off it whose workbooks
the county imports, a year profile for every unit, and the county's summary of the last
complete year finalised (定稿, printed by load_demo itself) — which the `county` account
sees beside its roll-up.

Kept small on purpose (a dozen members per union, a few records each): load_demo runs in
`make run` and in the tests.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from activities.choices import ActivityCategory as A
from activities.choices import HonourLevel, RecipientKind
from activities.models import Activity, Honour
from audit.context import acting_as
from democracy.choices import ContractKind, ContractScope
from democracy.models import CollectiveContract
from members.id_numbers import compose
from members.services import member_create
from profiles.choices import UnitKind, WorkersHome
from profiles.services import own_profile_save, profile_from_external_report, unit_profile_save
from reports import finalising
from reports.models import FinaliseStatus
from reports.services import report_start, report_update
from unions.models import Union
from workbook.importing import import_external_report

from .context import DemoContext
from .workbooks import indicator_workbook

AREA = "331100"  # the demo county's area code in the resident IDs of these rosters
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("建华", "秀英", "国强", "丽娟", "志刚", "海燕", "文斌", "红梅", "晓东", "雪梅", "永明", "春燕")


@dataclass(frozen=True)
class SmallUnion:
    code: str
    name: str
    kind: str  # Union.kind: the summary's words
    unit_kind: str
    members: int
    women: int
    workers: int
    joined: int = 0  # of the members, joined in the demo year
    joint_units: int = 0
    workers_home: str = WorkersHome.NONE
    founded_on: dt.date | None = None
    activities: tuple[tuple[str, str, int], ...] = ()  # (category, title, participants)


@dataclass(frozen=True)
class OffSystemUnit:
    code: str
    name: str
    unit_kind: str
    workers: int
    women_workers: int
    values: dict[str, Any] = field(default_factory=dict)  # its workbook's indicators
    congress: bool = True


ON_SYSTEM = (
    SmallUnion(
        "demo-school",
        "青山县第一中学工会",
        "school",
        UnitKind.INSTITUTION,
        members=14,
        women=9,
        workers=15,
        workers_home=WorkersHome.COUNTY,
        activities=((A.SKILL_CONTEST, "青年教师教学竞赛", 12), (A.SPORTS_CULTURE, "教职工趣味运动会", 14)),
    ),
    SmallUnion(
        "demo-finance",
        "青山县财政局工会",
        "government",
        UnitKind.GOVERNMENT,
        members=10,
        women=4,
        workers=10,
        activities=((A.STUDY_TRAINING, "干部职工业务培训", 10),),
    ),
    SmallUnion(
        "demo-market",
        "青山商贸城联合工会",
        "enterprise",
        UnitKind.PRIVATE,
        members=12,
        women=5,
        workers=20,
        joined=12,
        joint_units=9,
        activities=((A.LABOUR_COMPETITION, "商户优质服务竞赛", 60),),
    ),
)
OFF_SYSTEM = (
    OffSystemUnit(
        "qs-building",
        "青山县建筑工程公司工会",
        UnitKind.STATE_OWNED,
        420,
        60,
        {
            "members": 396,
            "members_women": 55,
            "members_migrant": 210,
            "members_joined": 48,
            "congresses": 1,
            "contracts_signed": 2,
            "contracts": 2,
            "contract_workers": 420,
            "contracts_wage": 1,
            "contracts_wage_workers": 420,
            "welfare_households": 36,
            "welfare_person_times": 52,
            "welfare_total": "31600",
            "welfare_living_times": 30,
            "welfare_living_amount": "18000",
            "welfare_festival_times": 22,
            "welfare_festival_amount": "13600",
            "hardship_open": 6,
            "hardship_opened": 2,
            "competitions": 2,
            "competition_participants": 380,
            "legal_cases": 1,
            "recovered": "86000",
        },
    ),
    OffSystemUnit(
        "qs-cement",
        "青山水泥厂工会",
        UnitKind.COLLECTIVE,
        260,
        38,
        {
            "members": 251,
            "members_women": 36,
            "members_joined": 9,
            "congresses": 1,
            "disclosures": 6,
            "contracts": 1,
            "contract_workers": 260,
            "welfare_households": 18,
            "welfare_person_times": 18,
            "welfare_total": "9000",
            "welfare_medical_times": 3,
            "welfare_medical_amount": "6000",
            "welfare_summer_times": 15,
            "welfare_summer_amount": "3000",
            "mediation_cases": 2,
            "mediation_successful": 2,
        },
    ),
    OffSystemUnit(
        "qs-bank",
        "青山县农村商业银行工会",
        UnitKind.JOINT_STOCK,
        150,
        82,
        {
            "members": 150,
            "members_women": 82,
            "members_joined": 11,
            "congresses": 1,
            "disclosures": 4,
            "contracts_signed": 1,
            "contracts": 1,
            "contract_workers": 150,
            "contracts_women": 1,
            "contracts_women_workers": 82,
            "activities": 6,
            "activity_participants": 520,
        },
    ),
    OffSystemUnit(
        "qs-care-home",
        "青山县社会福利院工会",
        UnitKind.INSTITUTION,
        46,
        35,
        {
            "members": 40,
            "members_women": 31,
            "members_joined": 3,
            "welfare_person_times": 4,
            "welfare_total": "2000",
        },
        congress=False,
    ),
)


def _roster(ctx: DemoContext, union: Union, plan: SmallUnion, serial: int) -> None:
    for i in range(plan.members):
        gender = "F" if i < plan.women else "M"
        birth = dt.date(1965 + (serial + i * 7) % 25, 1 + i % 12, 1 + (i * 3) % 27)
        sequence = (serial * 40 + i) * 2 % 1000 + (0 if gender == "F" else 1)
        joined = dt.date(ctx.year, 3 + i % 9, 1) if i < plan.joined else dt.date(2010 + i % 10, 6, 1)
        member_create(
            union=union,
            name=SURNAMES[(serial * 5 + i) % len(SURNAMES)] + GIVEN[(i * 5 + serial) % len(GIVEN)],
            gender=gender,
            birth_date=birth,
            id_number=compose(AREA, birth, sequence),
            phone=f"139{serial:02d}{i:06d}"[:11],
            joined_on=joined,
        )


def _saved(model: type, **fields: Any) -> Any:
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    return obj


def load_county(ctx: DemoContext, *, county: Union, admin: Any, leader_of: dict[str, Any]) -> dict[str, int]:
    """The rest of the county, its year profiles and its finalised summary for `ctx.year`."""
    year = ctx.year
    counts = {"下级工会": 0, "导入年报": 0, "单位年度基本情况": 0}
    with acting_as(admin):
        for serial, plan in enumerate(ON_SYSTEM, start=1):
            union = Union(name=plan.name, code=plan.code, parent=county, kind=plan.kind)
            union.full_clean()
            union.save()
            _roster(ctx, union, plan, serial)
            for n, (category, title, participants) in enumerate(plan.activities):
                _saved(
                    Activity,
                    union=union,
                    category=category,
                    title=title,
                    start_date=dt.date(year, 4 + n * 3, 12),
                    participants=participants,
                )
            own_profile_save(
                union=union,
                year=year,
                actor=admin,
                unit_kind=plan.unit_kind,
                workers=plan.workers,
                women_workers=max(plan.women, plan.workers * plan.women // plan.members),
                has_congress=plan.kind != "enterprise",
                has_disclosure=True,
                has_women_committee=plan.women > 3,
                workers_home=plan.workers_home,
                joint_units=plan.joint_units,
            )
            counts["下级工会"] += 1
            counts["单位年度基本情况"] += 1
        if ON_SYSTEM[0].workers_home:
            _saved(
                Honour,
                union=Union.objects.get(code=ON_SYSTEM[0].code),
                title="模范职工之家",
                awarding_body="青山县总工会",
                level=HonourLevel.COUNTY,
                date=dt.date(year, 4, 28),
                recipient_kind=RecipientKind.COLLECTIVE,
            )
        for unit in OFF_SYSTEM:
            content = indicator_workbook(name=unit.name, code=unit.code, year=year, values=unit.values)
            report = import_external_report(
                union=county,
                upload=io.BytesIO(content),
                original_name=f"{unit.name}{year}年度统计年报.xlsx",
                user=admin,
                accept_unverified=True,
            )
            profile = profile_from_external_report(report=report, actor=admin)
            # What the workbook does not carry, the county enters from the unit's return.
            unit_profile_save(
                federation=county,
                year=year,
                unit_code=unit.code,
                unit_name=unit.name,
                actor=admin,
                profile=profile,
                unit_kind=unit.unit_kind,
                workers=unit.workers,
                women_workers=unit.women_workers,
                has_congress=unit.congress,
                has_women_committee=True,
                has_audit_committee=True,
            )
            counts["导入年报"] += 1
            counts["单位年度基本情况"] += 1
        _own_year(county, year)
    for code, (kind, workers, women, home) in {
        "demo": (UnitKind.PRIVATE, 360, 110, WorkersHome.CITY),
        "demo-hospital": (UnitKind.INSTITUTION, 290, 200, WorkersHome.BUILT),
    }.items():
        union = Union.objects.get(code=code)
        with acting_as(leader_of[code]):
            own_profile_save(
                union=union,
                year=year,
                actor=leader_of[code],
                unit_kind=kind,
                workers=workers,
                women_workers=women,
                has_congress=True,
                has_disclosure=True,
                has_women_committee=True,
                has_audit_committee=True,
                has_mediation_committee=code == "demo",
                workers_home=home,
            )
        counts["单位年度基本情况"] += 1
    with acting_as(admin) as actor:
        report = report_start(union=county, year=year, actor=admin)
        report_update(report=report, closing=CLOSING)
        # 定稿 as the county's admin would, but printed here rather than by a worker: the
        # demo's county lands on a finalised summary whether or not a worker runs. Should the
        # printing fail (no PDF engine), it is queued for the worker instead.
        job = finalising.finalise_now(report=report, actor=actor)
        if job.status != FinaliseStatus.DONE:
            finalising.start(report=report, actor=actor)
    return counts


def _own_year(county: Union, year: int) -> None:
    """The county's own work: an industry contract it signed, cadre training, an honour."""
    _saved(
        CollectiveContract,
        union=county,
        kind=ContractKind.WAGE,
        title="青山县建筑业行业性工资专项集体合同",
        scope=ContractScope.INDUSTRY,
        units_covered=23,
        signed_on=dt.date(year, 4, 16),
        start_date=dt.date(year, 5, 1),
        end_date=dt.date(year + 3, 4, 30),
        workers_covered=1860,
        wage_growth=Decimal("6.00"),
        negotiation_rounds=3,
    )
    _saved(
        Activity,
        union=county,
        category=A.STUDY_TRAINING,
        title="全县基层工会主席培训班",
        start_date=dt.date(year, 6, 18),
        participants=86,
    )
    _saved(
        Activity,
        union=county,
        category=A.SPORTS_CULTURE,
        title="全县职工“五一”篮球友谊赛",
        start_date=dt.date(year, 4, 29),
        participants=150,
    )
    _saved(
        Honour,
        union=county,
        title="全市工会工作先进单位",
        awarding_body="市总工会",
        level=HonourLevel.CITY,
        date=dt.date(year, 12, 20),
        recipient_kind=RecipientKind.COLLECTIVE,
    )


CLOSING = (
    "新的一年，县总工会将在县委和市总工会的坚强领导下，团结带领全县广大职工，"
    "继续抓好基层工会规范化建设和集体协商，做实帮扶解困，为全县经济社会发展作出新的贡献。"
)
