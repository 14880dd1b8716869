"""Generate a large union for load tests: tens of thousands of members and a year's records.

`generate_load_data` writes with `bulk_create` in batches, so 50,000 members and about
85,000 rows in all take seconds rather than minutes. Rows are never passed through
`full_clean()` one by one; instead every value is built to satisfy the model's rules
(women ≤ participants, end ≥ start, one open hardship file per member, approved and paid
disbursements carry approver and dates, …), and tests/demo/test_load_data.py runs
`full_clean()` on a sample of every kind to keep it so.

Bulk writes bypass the audit signals. Rather than 85,000 audit entries, one event
(`demo.load_data.generated`, with the counts) is logged on the union.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone

from activities.choices import ActivityCategory, HonourLevel, RecipientKind
from activities.models import Activity, Honour
from audit.context import acting_as
from audit.registry import log_event
from democracy.choices import CongressKind, ContractKind, DisclosureChannel, ProposalStatus
from democracy.models import (
    CollectiveContract,
    Congress,
    Disclosure,
    JointMeeting,
    Proposal,
    Suggestion,
)
from funds.choices import INCOME_CATEGORIES, SPENDING_CATEGORIES, Category, Direction
from funds.models import FundAudit, FundEntry
from members.choices import (
    ETHNIC_GROUPS,
    Education,
    Employment,
    Household,
    MembershipStatus,
    ModelWorkerLevel,
    PoliticalStatus,
)
from members.id_numbers import compose
from members.models import Member
from rights.choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel
from rights.models import LegalAid, MediationCase, Petition
from unions.models import Branch, Role, Union, UnionLevel, UnionRole
from welfare.choices import (
    DisbursementKind,
    DisbursementStatus,
    DonationKind,
    Festival,
    FundingSource,
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
    ReviewConclusion,
)
from welfare.models import (
    Disbursement,
    DisbursementBatch,
    DonationDrive,
    HardshipFile,
    HardshipReview,
)

from .names import random_given_name, random_surname

DEFAULT_UNION_NAME = "压力测试集团工会"
PARENT_CODE = "demo-county"  # the demo's county federation, when it is loaded
AUDIT_LABEL = "压力测试数据"
EVENT_ACTION = "demo.load_data.generated"
BATCH_SIZE = 2000
DEFAULT_SEED = 20250601
REFERENCE_MEMBERS = 50_000

# Records per 50,000 members; scaled linearly (at least one of each).
PER_REFERENCE = {
    "activities": 5000,
    "honours": 200,
    "hardship_files": 3000,
    "disbursements": 20000,
    "donation_drives": 20,
    "congresses": 100,
    "proposals": 600,
    "disclosures": 400,
    "contracts": 120,
    "suggestions": 800,
    "joint_meetings": 200,
    "mediation_cases": 300,
    "legal_aid": 500,
    "petitions": 400,
    "fund_entries": 900,
}
MAX_BRANCHES = 20
MEMBERS_PER_BRANCH = 2500

BRANCH_NAMES = (
    "集团机关分会", "第一制造厂分会", "第二制造厂分会", "第三制造厂分会", "铸锻分厂分会",
    "热处理分厂分会", "装配分厂分会", "动力能源分会", "物流中心分会", "销售公司分会",
    "研发中心分会", "质量检验分会", "设备维修分会", "后勤服务分会", "信息中心分会",
    "建设工程分会", "海外事业部分会", "新材料公司分会", "职工医院分会", "离退休服务中心分会",
)  # fmt: skip
DEPARTMENTS = ("办公室", "生产车间", "技术科", "质检科", "财务科", "设备科", "安全环保科", "班组")
JOB_TITLES = (
    ("操作工", 40), ("技术员", 12), ("班组长", 8), ("工程师", 8), ("科员", 12), ("主管", 5),
    ("质检员", 6), ("司机", 3), ("车间主任", 2), ("科长", 2), ("高级工程师", 2),
)  # fmt: skip
AREA_CODES = (
    "330102", "330105", "330106", "330108", "330110", "330203", "330212", "330122", "330182",
    "330225", "330822", "331121", "331127", "320102", "340104", "360102", "410105", "420106",
    "430104", "510107", "500103", "610113",
)  # fmt: skip
MOBILE_PREFIXES = ("133", "135", "136", "138", "139", "150", "151", "158", "177", "186", "187", "189", "199")
BIRTH_RANGE = (dt.date(1966, 1, 1), dt.date(2004, 12, 31))
EARLIEST_JOIN = dt.date(1990, 1, 1)
ADULT_YEARS = 18

T = TypeVar("T")


class LoadDataError(Exception):
    """The generation was refused; nothing was written."""


@dataclass(frozen=True)
class LoadPlan:
    """How many rows of each kind a union of `members` members gets."""

    members: int
    branches: int
    counts: dict[str, int]

    def __getitem__(self, key: str) -> int:
        return self.counts[key]


@dataclass(frozen=True)
class LoadResult:
    union: Union
    union_created: bool
    counts: dict[str, int]
    seconds: float


def plan_for(members: int) -> LoadPlan:
    if members < 1:
        raise LoadDataError("会员人数至少为1。")
    counts = {key: max(1, round(members * n / REFERENCE_MEMBERS)) for key, n in PER_REFERENCE.items()}
    branches = min(MAX_BRANCHES, max(2, math.ceil(members / MEMBERS_PER_BRANCH)))
    return LoadPlan(members=members, branches=branches, counts=counts)


# --- small helpers -----------------------------------------------------------------------


def _weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _money(rng: random.Random, low: int, high: int, step: int = 10) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, step)).quantize(Decimal("0.01"))


def _bulk(model: type[models.Model], objs: list[Any]) -> list[Any]:
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


# --- the generator -----------------------------------------------------------------------


class _Generator:
    def __init__(self, *, union: Union, plan: LoadPlan, seed: int, year: int, today: dt.date) -> None:
        self.union = union
        self.plan = plan
        self.seed = seed
        self.year = year
        self.today = today
        self.start = dt.date(year - 1, 1, 1)
        self.end = min(dt.date(year, 12, 31), today)
        self.counts: dict[str, int] = {}

    def rng(self, topic: str) -> random.Random:
        # One generator per topic, so changing one kind of record leaves the others as they were.
        return random.Random(f"{self.seed}:{self.union.code}:{topic}")

    def day(self, rng: random.Random, start: dt.date | None = None, end: dt.date | None = None) -> dt.date:
        return _day(rng, max(start or self.start, self.start), min(end or self.end, self.end))

    # People -------------------------------------------------------------------------

    def accounts(self) -> dict[str, Any]:
        """Clerk, leader and admin of the union (no password: log in as them with force_login,
        or set one with `manage.py changepassword`). Few rows, so plain saves and audit."""
        users = {}
        user_model = get_user_model()
        for role, full_name in (
            (Role.CLERK, "压测干事"),
            (Role.LEADER, "压测主席"),
            (Role.ADMIN, "压测管理员"),
        ):
            username = f"{self.union.code}-{role}"
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model(username=username, first_name=full_name)
                user.set_unusable_password()
                user.save()
            if not UnionRole.objects.filter(user=user, union=self.union).exists():
                UnionRole.objects.create(user=user, union=self.union, role=role)
            users[role] = user
        return users

    def branches(self) -> list[Branch]:
        existing = {b.name: b for b in Branch.objects.filter(union=self.union)}
        names = list(BRANCH_NAMES[: self.plan.branches])
        names += [f"第{i}分会" for i in range(len(names) + 1, self.plan.branches + 1)]
        new = [Branch(union=self.union, name=name) for name in names if name not in existing]
        _bulk(Branch, new)
        self.counts["branches"] = len(new)
        return [existing.get(name) or next(b for b in new if b.name == name) for name in names]

    def members(self, branches: list[Branch]) -> list[Member]:
        rng = self.rng("members")
        taken = set(Member.objects.filter(union=self.union).values_list("id_number", flat=True))
        card_start = Member.objects.filter(union=self.union).count() + 1
        titles = JOB_TITLES
        others = [e for e in ETHNIC_GROUPS if e != "汉族"]
        # Everyone is an adult by the end of the previous year, so every join date can fall
        # inside the generated span.
        birth_first = BIRTH_RANGE[0]
        birth_last = min(BIRTH_RANGE[1], dt.date(self.year - 1 - ADULT_YEARS, 12, 31))
        birth_span = (birth_last - birth_first).days
        new_from = dt.date(self.year, 1, 1)
        rows = []
        for i in range(self.plan.members):
            gender = "F" if rng.random() < 0.42 else "M"
            while True:
                birth = birth_first + dt.timedelta(days=rng.randint(0, birth_span))
                sequence = rng.randrange(0, 500) * 2 + (1 if gender == "M" else 0)
                id_number = compose(rng.choice(AREA_CODES), birth, sequence)
                if id_number not in taken:
                    taken.add(id_number)
                    break
            adult = max(_years_after(birth, ADULT_YEARS), EARLIEST_JOIN)
            if rng.random() < 0.06 and adult <= self.end:
                joined = _day(rng, max(adult, new_from), self.end)  # new this year
            else:
                joined = _day(rng, adult, min(self.end, dt.date(self.year - 1, 12, 31)))
            joined = min(joined, self.today)
            status = _weighted(
                rng,
                (
                    (MembershipStatus.ACTIVE, 930),
                    (MembershipStatus.RETAINED, 15),
                    (MembershipStatus.TRANSFERRED, 25),
                    (MembershipStatus.RETIRED, 25),
                    (MembershipStatus.REMOVED, 5),
                ),
            )
            status_date = None if status == MembershipStatus.ACTIVE else _day(rng, joined, self.end)
            household = Household.RURAL if rng.random() < 0.3 else Household.URBAN
            migrant = household == Household.RURAL and rng.random() < 0.45
            employment = (
                Employment.MIGRANT
                if migrant
                else _weighted(
                    rng, ((Employment.CONTRACT, 85), (Employment.DISPATCHED, 12), (Employment.OTHER, 3))
                )
            )
            branch = branches[i % len(branches)]
            rows.append(
                Member(
                    union=self.union,
                    branch=branch,
                    name=random_surname(rng) + random_given_name(rng, gender, birth.year),
                    gender=gender,
                    ethnicity="汉族" if rng.random() < 0.94 else rng.choice(others),
                    birth_date=birth,
                    id_number=id_number,
                    phone=rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
                    political_status=_weighted(
                        rng,
                        (
                            (PoliticalStatus.MASSES, 60),
                            (PoliticalStatus.CPC, 22),
                            (PoliticalStatus.LEAGUE, 14),
                            (PoliticalStatus.CPC_PROBATION, 2),
                            (PoliticalStatus.DEMOCRATIC_PARTY, 2),
                        ),
                    ),
                    education=_weighted(
                        rng,
                        (
                            (Education.JUNIOR, 15),
                            (Education.SECONDARY, 35),
                            (Education.COLLEGE, 27),
                            (Education.BACHELOR, 20),
                            (Education.POSTGRADUATE, 3),
                        ),
                    ),
                    household=household,
                    employment=employment,
                    is_migrant_worker=migrant,
                    department=rng.choice(DEPARTMENTS),
                    job_title=_weighted(rng, titles),
                    joined_on=joined,
                    card_number=f"YL{card_start + i:07d}",
                    status=status,
                    status_date=status_date,
                    model_worker_level=(
                        _weighted(
                            rng,
                            (
                                (ModelWorkerLevel.COUNTY, 6),
                                (ModelWorkerLevel.CITY, 3),
                                (ModelWorkerLevel.PROVINCIAL, 1),
                            ),
                        )
                        if rng.random() < 0.004
                        else ""
                    ),
                )
            )
        _bulk(Member, rows)
        self.counts["members"] = len(rows)
        return rows

    # Welfare ------------------------------------------------------------------------

    def hardship(self, members: list[Member]) -> list[HardshipFile]:
        rng = self.rng("hardship")
        chosen = rng.sample(members, min(self.plan["hardship_files"], len(members)))
        causes = list(HardshipCause.values)
        files, reviews = [], []
        for member in chosen:
            opened = self.day(rng, member.joined_on)
            closed = rng.random() < 0.2 and opened < self.end
            closed_on = self.day(rng, opened + dt.timedelta(days=1)) if closed else None
            picked = rng.sample(causes, rng.randint(1, 4))
            others = picked[1:] + [""] * (4 - len(picked))
            size = rng.randint(1, 6)
            line = Decimal(rng.choice((780, 850, 930, 1010, 1080))).quantize(Decimal("0.01"))
            income = _money(rng, 6000, 18000 * size, 100)
            reviewed = closed_on
            if not closed and (self.end - opened).days > 180 and rng.random() < 0.6:
                reviewed = self.day(rng, opened + dt.timedelta(days=180))
            files.append(
                HardshipFile(
                    union=self.union,
                    member=member,
                    category=_weighted(
                        rng,
                        (
                            (HardshipCategory.DEEP, 25),
                            (HardshipCategory.RELATIVE, 55),
                            (HardshipCategory.ACCIDENT, 20),
                        ),
                    ),
                    main_cause=picked[0],
                    other_cause_1=others[0],
                    other_cause_2=others[1],
                    other_cause_3=others[2],
                    household_size=size,
                    annual_household_income=income,
                    local_minimum_living_line=line,
                    status=HardshipStatus.CLOSED if closed else HardshipStatus.OPEN,
                    opened_on=opened,
                    closed_on=closed_on,
                    last_reviewed_on=reviewed,
                )
            )
        _bulk(HardshipFile, files)
        for f in files:
            if f.last_reviewed_on:
                reviews.append(
                    HardshipReview(
                        union=self.union,
                        file=f,
                        reviewed_on=f.last_reviewed_on,
                        category=f.category,
                        household_size=f.household_size,
                        annual_household_income=f.annual_household_income,
                        local_minimum_living_line=f.local_minimum_living_line,
                        conclusion=ReviewConclusion.CLOSE if f.closed_on else ReviewConclusion.CONTINUE,
                        notes="年度复核" if not f.closed_on else "家庭收入已高于当地低保标准，脱困",
                    )
                )
        _bulk(HardshipReview, reviews)
        self.counts["hardship_files"] = len(files)
        self.counts["hardship_reviews"] = len(reviews)
        return files

    def _workflow(self, rng: random.Random, day: dt.date, users: dict[str, Any]) -> dict[str, Any]:
        """Status fields of a disbursement dated `day`: mostly paid, each step with its
        actor and time, as welfare.services would have left them."""
        status = _weighted(
            rng,
            (
                (DisbursementStatus.PAID, 86),
                (DisbursementStatus.APPROVED, 5),
                (DisbursementStatus.SUBMITTED, 4),
                (DisbursementStatus.DRAFT, 3),
                (DisbursementStatus.REJECTED, 2),
            ),
        )
        fields: dict[str, Any] = {"status": status}
        if status == DisbursementStatus.DRAFT:
            return fields
        fields.update(submitted_by=users[Role.CLERK], submitted_at=_at(day, 9))
        if status == DisbursementStatus.REJECTED:
            fields.update(
                rejected_by=users[Role.LEADER],
                rejected_at=_at(day, 15),
                reject_reason="材料不全，请补充证明后重新提交",
            )
        elif status in (DisbursementStatus.APPROVED, DisbursementStatus.PAID):
            fields.update(approved_by=users[Role.LEADER], approved_at=_at(day, 15))
            if status == DisbursementStatus.PAID:
                fields.update(
                    paid_on=min(day + dt.timedelta(days=rng.randint(0, 7)), self.end),
                    paid_by=users[Role.CLERK],
                )
        return fields

    def disbursements(self, members: list[Member], files: list[HardshipFile], users: dict[str, Any]) -> None:
        rng = self.rng("disbursements")
        total = self.plan["disbursements"]
        festivals = (
            (Festival.SPRING, 1, 20, "春节慰问", "大米、食用油", 300, 200),
            (Festival.DRAGON_BOAT, 6, 5, "端午慰问", "粽子礼盒", 0, 150),
            (Festival.MID_AUTUMN, 9, 15, "中秋慰问", "月饼、水果", 200, 150),
        )
        batches = []
        for year in (self.year - 1, self.year):
            for festival, month, day, title, goods, cash, value in festivals:
                when = dt.date(year, month, day)
                if self.start <= when <= self.end:
                    batches.append(
                        DisbursementBatch(
                            union=self.union,
                            title=f"{year}年{title}",
                            date=when,
                            kind=DisbursementKind.FESTIVAL,
                            festival=festival,
                            cash_amount=Decimal(cash).quantize(Decimal("0.01")),
                            goods_description=goods,
                            goods_value=Decimal(value).quantize(Decimal("0.01")),
                            funding_source=FundingSource.UNION_FUNDS,
                        )
                    )
        _bulk(DisbursementBatch, batches)
        self.counts["disbursement_batches"] = len(batches)

        rows: list[Disbursement] = []
        in_batches = int(total * 0.4) if batches else 0
        per_batch = min(len(members), in_batches // len(batches)) if batches else 0
        for batch in batches:
            eligible = [m for m in members if m.joined_on <= batch.date]
            for member in rng.sample(eligible, min(per_batch, len(eligible))):
                rows.append(
                    Disbursement(
                        union=self.union,
                        date=batch.date,
                        kind=DisbursementKind.FESTIVAL,
                        festival=batch.festival,
                        member=member,
                        cash_amount=batch.cash_amount,
                        goods_description=batch.goods_description,
                        goods_value=batch.goods_value,
                        funding_source=batch.funding_source,
                        batch=batch,
                        **self._workflow(rng, batch.date, users),
                    )
                )
        kinds = (
            (DisbursementKind.FESTIVAL, 10, 200, 800),
            (DisbursementKind.LIVING, 12, 500, 5000),
            (DisbursementKind.MEDICAL, 7, 2000, 20000),
            (DisbursementKind.STUDENT, 6, 1000, 5000),
            (DisbursementKind.SUMMER, 14, 50, 300),
            (DisbursementKind.SICKNESS, 14, 200, 1000),
            (DisbursementKind.WEDDING_BIRTH, 8, 200, 800),
            (DisbursementKind.FUNERAL, 4, 500, 2000),
            (DisbursementKind.RETIREMENT, 5, 300, 1500),
            (DisbursementKind.BIRTHDAY, 18, 100, 300),
            (DisbursementKind.OTHER, 2, 100, 1000),
        )
        aid_kinds = {DisbursementKind.LIVING, DisbursementKind.MEDICAL, DisbursementKind.STUDENT}
        open_files = [f for f in files if f.status == HardshipStatus.OPEN]
        relations = ("退休职工", "职工家属", "已故职工遗属", "困难职工子女")
        goods_by_kind = {
            DisbursementKind.SUMMER: "防暑降温用品",
            DisbursementKind.SICKNESS: "水果、营养品",
            DisbursementKind.BIRTHDAY: "生日蛋糕券",
        }
        while len(rows) < total:
            kind, _, low, high = _weighted(rng, [((k, w, lo, hi), w) for k, w, lo, hi in kinds])
            member, file, name, relation = None, None, "", ""
            if kind in aid_kinds and open_files and rng.random() < 0.7:
                file = rng.choice(open_files)
                member = file.member
                day = self.day(rng, file.opened_on)
            elif rng.random() < 0.06:
                name = random_surname(rng) + random_given_name(rng, rng.choice("MF"), 1960)
                relation = rng.choice(relations)
                day = self.day(rng)
            else:
                member = rng.choice(members)
                day = self.day(rng, member.joined_on)
            goods = goods_by_kind.get(kind, "")
            cash = _money(rng, low, high)
            goods_value = _money(rng, 50, 300) if goods else Decimal("0.00")
            rows.append(
                Disbursement(
                    union=self.union,
                    date=day,
                    kind=kind,
                    festival=rng.choice((Festival.LANTERN, Festival.NATIONAL_DAY, Festival.WOMENS_DAY))
                    if kind == DisbursementKind.FESTIVAL
                    else "",
                    member=member,
                    recipient_name=name,
                    recipient_relation=relation,
                    hardship_file=file,
                    cash_amount=cash,
                    goods_description=goods,
                    goods_value=goods_value,
                    funding_source=_weighted(
                        rng,
                        (
                            (FundingSource.UNION_FUNDS, 70),
                            (FundingSource.ADMINISTRATION, 15),
                            (FundingSource.HIGHER_UNION, 12),
                            (FundingSource.DONATION, 3),
                        ),
                    ),
                    **self._workflow(rng, day, users),
                )
            )
        _bulk(Disbursement, rows)
        self.counts["disbursements"] = len(rows)

    def donations(self) -> None:
        rng = self.rng("donations")
        rows = []
        for i in range(self.plan["donation_drives"]):
            kind = rng.choice(DonationKind.values)
            participants = rng.randint(50, max(60, self.plan.members // 2))
            rows.append(
                DonationDrive(
                    union=self.union,
                    title=f"{'“一日捐”' if kind == DonationKind.ONE_DAY else '爱心捐款'}活动（第{i + 1}期）",
                    kind=kind,
                    date=self.day(rng),
                    participants=participants,
                    amount_raised=_money(rng, participants * 20, participants * 200),
                    beneficiary=rng.choice(("市慈善总会", "受灾地区群众", "困难职工家庭", "患病职工")),
                )
            )
        _bulk(DonationDrive, rows)
        self.counts["donation_drives"] = len(rows)

    # Activities -----------------------------------------------------------------------

    def activities(self, branches: list[Branch], members: list[Member]) -> None:
        rng = self.rng("activities")
        titles = {
            ActivityCategory.SPORTS_CULTURE: (
                "职工篮球赛",
                "乒乓球比赛",
                "拔河比赛",
                "迎新春文艺汇演",
                "职工健步走",
            ),
            ActivityCategory.LABOUR_COMPETITION: ("“比学赶超”劳动竞赛", "安全生产百日竞赛", "节能降耗竞赛"),
            ActivityCategory.SKILL_CONTEST: ("焊工技能比武", "数控车工岗位练兵", "电工技能大赛"),
            ActivityCategory.STUDY_TRAINING: ("工会干部培训班", "劳动法律知识讲座", "新会员入会教育"),
            ActivityCategory.WOMEN: ("三八节女职工座谈会", "巾帼建功表彰会", "女职工健康讲座"),
            ActivityCategory.SAFETY: ("安康杯知识竞赛", "安全隐患排查", "应急演练"),
            ActivityCategory.VOLUNTEER: ("学雷锋志愿服务", "无偿献血", "社区环境整治"),
            ActivityCategory.HEALTH_CHECK: ("职工健康体检", "女职工专项体检"),
            ActivityCategory.COMMENDATION: ("年度先进个人评选", "五一劳动奖章推荐"),
            ActivityCategory.OTHER: ("职工之家开放日", "职工读书会"),
        }
        weights = (
            (ActivityCategory.SPORTS_CULTURE, 30), (ActivityCategory.LABOUR_COMPETITION, 10),
            (ActivityCategory.SKILL_CONTEST, 10), (ActivityCategory.STUDY_TRAINING, 18),
            (ActivityCategory.WOMEN, 8), (ActivityCategory.SAFETY, 8), (ActivityCategory.VOLUNTEER, 7),
            (ActivityCategory.HEALTH_CHECK, 3), (ActivityCategory.COMMENDATION, 3), (ActivityCategory.OTHER, 3),
        )  # fmt: skip
        places = ("职工活动中心", "体育馆", "多功能厅", "培训教室", "生产现场", "会议室")
        results = ("一等奖1名、二等奖2名、三等奖3名", "团体第一名", "优秀组织奖", "")
        rows = []
        for _ in range(self.plan["activities"]):
            category = _weighted(rng, weights)
            branch = rng.choice(branches) if rng.random() < 0.7 else None
            start = self.day(rng)
            end = None if rng.random() < 0.6 else start + dt.timedelta(days=rng.randint(0, 3))
            participants = rng.randint(10, 500)
            women_share = 1.0 if category == ActivityCategory.WOMEN else rng.uniform(0.2, 0.5)
            competitive = category in (
                ActivityCategory.SPORTS_CULTURE,
                ActivityCategory.LABOUR_COMPETITION,
                ActivityCategory.SKILL_CONTEST,
            )
            rows.append(
                Activity(
                    union=self.union,
                    category=category,
                    title=f"{branch.name if branch else ''}{rng.choice(titles[category])}",
                    start_date=start,
                    end_date=end,
                    place=rng.choice(places),
                    branch=branch,
                    participants=participants,
                    women_participants=int(participants * women_share),
                    cost=_money(rng, 0, 30000, 50),
                    results=rng.choice(results) if competitive else "",
                )
            )
        _bulk(Activity, rows)
        self.counts["activities"] = len(rows)

        rng = self.rng("honours")
        honours = []
        for _ in range(self.plan["honours"]):
            individual = rng.random() < 0.6
            honours.append(
                Honour(
                    union=self.union,
                    recipient_kind=RecipientKind.INDIVIDUAL if individual else RecipientKind.COLLECTIVE,
                    member=rng.choice(members) if individual else None,
                    title=rng.choice(
                        ("先进工作者", "五一劳动奖章", "模范职工之家", "工人先锋号", "巾帼建功标兵")
                    ),
                    awarding_body=rng.choice(("市总工会", "县总工会", "集团公司", "省总工会")),
                    level=rng.choice(HonourLevel.values),
                    date=self.day(rng),
                )
            )
        _bulk(Honour, honours)
        self.counts["honours"] = len(honours)

    # Democratic management ------------------------------------------------------------

    def democracy(self, members: list[Member]) -> None:
        rng = self.rng("democracy")
        congresses = []
        for i in range(self.plan["congresses"]):
            total = rng.randint(50, 300)
            congresses.append(
                Congress(
                    union=self.union,
                    session=f"第{i // 2 + 1}届第{i % 2 + 1}次",
                    date=self.day(rng),
                    kind=CongressKind.WORKERS,
                    delegates_total=total,
                    delegates_present=rng.randint(int(total * 0.8), total),
                    delegates_women=rng.randint(0, int(total * 0.5)),
                    items="工作报告\n集体合同\n福利方案",
                    resolutions="审议通过工作报告和福利方案。",
                )
            )
        _bulk(Congress, congresses)

        proposals = []
        subjects = ("关于改善职工食堂伙食的建议", "关于增设职工停车位的提案", "关于提高夜班补贴的提案",
                    "关于完善职工培训制度的提案", "关于改善车间通风条件的提案")  # fmt: skip
        for i in range(self.plan["proposals"]):
            congress = rng.choice(congresses) if rng.random() < 0.8 else None
            submitted = congress.date if congress else self.day(rng)
            status = _weighted(
                rng,
                (
                    (ProposalStatus.CLOSED, 55),
                    (ProposalStatus.ACCEPTED, 20),
                    (ProposalStatus.REJECTED, 10),
                    (ProposalStatus.RECEIVED, 15),
                ),
            )
            replied = (
                self.day(rng, submitted)
                if status in (ProposalStatus.CLOSED, ProposalStatus.REJECTED)
                else None
            )
            proposals.append(
                Proposal(
                    union=self.union,
                    congress=congress,
                    number=f"TA-{i + 1:04d}",
                    title=rng.choice(subjects),
                    submitted_on=submitted,
                    submitter_member=rng.choice(members),
                    status=status,
                    department=rng.choice(("行政办公室", "人力资源部", "后勤保障部", "生产管理部")),
                    reply="已研究落实，并向提案人反馈。" if replied else "",
                    replied_on=replied,
                )
            )
        _bulk(Proposal, proposals)

        disclosures = [
            Disclosure(
                union=self.union,
                date=self.day(rng),
                topic=rng.choice(
                    (
                        "年度预算执行情况",
                        "职工福利发放标准",
                        "评先评优结果",
                        "招聘录用情况",
                        "业务招待费使用情况",
                    )
                ),
                channel=rng.choice(DisclosureChannel.values),
            )
            for _ in range(self.plan["disclosures"])
        ]
        _bulk(Disclosure, disclosures)

        contracts = []
        for _ in range(self.plan["contracts"]):
            kind = rng.choice(ContractKind.values)
            signed = self.day(rng)
            start = signed + dt.timedelta(days=rng.randint(0, 30))
            contracts.append(
                CollectiveContract(
                    union=self.union,
                    kind=kind,
                    title=f"{signed.year}年{ContractKind(kind).label}集体合同",
                    signed_on=signed,
                    start_date=start,
                    end_date=_years_after(start, rng.randint(1, 3)) - dt.timedelta(days=1),
                    workers_covered=rng.randint(
                        100, max(101, self.plan.members // max(1, self.plan.branches))
                    ),
                    wage_growth=Decimal(rng.randint(200, 800)) / 100 if kind == ContractKind.WAGE else None,
                    negotiation_rounds=rng.randint(1, 4) if kind == ContractKind.WAGE else 0,
                )
            )
        _bulk(CollectiveContract, contracts)

        suggestions = []
        for _ in range(self.plan["suggestions"]):
            date = self.day(rng)
            adopted = rng.random() < 0.5
            suggestions.append(
                Suggestion(
                    union=self.union,
                    title=rng.choice(
                        ("优化工装夹具", "改进包装工艺", "降低能耗措施", "改进排班方式", "减少原料损耗")
                    ),
                    date=date,
                    submitter_member=rng.choice(members),
                    adopted=adopted,
                    adopted_on=self.day(rng, date) if adopted else None,
                    benefit=_money(rng, 0, 50000, 100) if adopted else Decimal("0.00"),
                )
            )
        _bulk(Suggestion, suggestions)

        meetings = [
            JointMeeting(
                union=self.union,
                date=self.day(rng),
                topic=rng.choice(
                    ("研究职工福利方案", "部署安全生产工作", "讨论困难职工帮扶", "研究职代会筹备")
                ),
                attendees="党委书记、总经理、工会主席",
                decisions="会议形成一致意见，责成相关部门落实。",
            )
            for _ in range(self.plan["joint_meetings"])
        ]
        _bulk(JointMeeting, meetings)
        self.counts.update(
            congresses=len(congresses),
            proposals=len(proposals),
            disclosures=len(disclosures),
            contracts=len(contracts),
            suggestions=len(suggestions),
            joint_meetings=len(meetings),
        )

    # Rights and funds ----------------------------------------------------------------

    def rights(self) -> None:
        rng = self.rng("rights")
        cases = []
        for _ in range(self.plan["mediation_cases"]):
            received = self.day(rng)
            outcome = _weighted(
                rng,
                (
                    (MediationOutcome.SUCCESS, 70),
                    (MediationOutcome.FAILED, 15),
                    (MediationOutcome.PENDING, 15),
                ),
            )
            closed = None if outcome == MediationOutcome.PENDING else self.day(rng, received)
            cases.append(
                MediationCase(
                    union=self.union,
                    received_on=received,
                    parties=f"{random_surname(rng)}某等与公司",
                    subject=rng.choice(("加班费争议", "解除劳动合同补偿", "社保缴纳争议", "工伤待遇争议")),
                    dispute_type=rng.choice(DisputeType.values),
                    workers_involved=rng.randint(1, 12),
                    outcome=outcome,
                    closed_on=closed,
                    amount_recovered=_money(rng, 1000, 80000, 100)
                    if outcome == MediationOutcome.SUCCESS
                    else Decimal("0.00"),
                )
            )
        _bulk(MediationCase, cases)
        aid = []
        for _ in range(self.plan["legal_aid"]):
            kind = LegalAidKind.CONSULTATION if rng.random() < 0.85 else LegalAidKind.REPRESENTATION
            aid.append(
                LegalAid(
                    union=self.union,
                    date=self.day(rng),
                    kind=kind,
                    persons=rng.randint(1, 5),
                    subject=rng.choice(("劳动合同咨询", "工资拖欠", "工伤认定", "加班费计算")),
                    amount_recovered=_money(rng, 1000, 50000, 100)
                    if kind == LegalAidKind.REPRESENTATION
                    else Decimal("0.00"),
                )
            )
        _bulk(LegalAid, aid)
        petitions = []
        for _ in range(self.plan["petitions"]):
            cases_n = rng.randint(1, 3)
            petitions.append(
                Petition(
                    union=self.union,
                    date=self.day(rng),
                    channel=rng.choice(PetitionChannel.values),
                    cases=cases_n,
                    persons=cases_n + rng.randint(0, 5),
                    subject=rng.choice(("反映食堂问题", "咨询住房公积金", "反映班组排班", "反映工资计算")),
                    resolved=rng.random() < 0.85,
                )
            )
        _bulk(Petition, petitions)
        self.counts.update(mediation_cases=len(cases), legal_aid=len(aid), petitions=len(petitions))

    def funds(self) -> None:
        rng = self.rng("funds")
        entries = []
        for i in range(self.plan["fund_entries"]):
            income = rng.random() < 0.3
            category: Category = rng.choice(INCOME_CATEGORIES if income else SPENDING_CATEGORIES)
            entries.append(
                FundEntry(
                    union=self.union,
                    date=self.day(rng),
                    direction=Direction.INCOME if income else Direction.SPENDING,
                    category=category,
                    amount=_money(rng, 500, 200000 if income else 50000, 10),
                    description=f"{Category(category).label}",
                    voucher=f"记-{i + 1:05d}",
                )
            )
        _bulk(FundEntry, entries)
        audits = []
        audited_year = self.year - 1
        audited_on = self.day(rng, dt.date(self.year, 1, 15), dt.date(self.year, 3, 31))
        exists = FundAudit.objects.live().filter(union=self.union, year=audited_year).exists()
        if not exists and dt.date(self.year, 1, 1) <= audited_on <= self.end:
            audits.append(
                FundAudit(
                    union=self.union,
                    year=audited_year,
                    audited_on=audited_on,
                    auditor="工会经费审查委员会",
                    findings="经费收支符合规定，账目清楚。",
                )
            )
        _bulk(FundAudit, audits)
        self.counts.update(fund_entries=len(entries), fund_audits=len(audits))


def _union(code: str, name: str, parent: Union | None) -> tuple[Union, bool]:
    union = Union.objects.filter(code=code).first()
    if union is not None:
        return union, False
    parent = parent or Union.objects.filter(code=PARENT_CODE).first()
    union = Union(name=name, code=code, level=UnionLevel.GRASSROOTS, parent=parent)
    union.full_clean()
    union.save()
    return union, True


def generate_load_data(
    *,
    code: str,
    members: int,
    seed: int = DEFAULT_SEED,
    year: int | None = None,
    append: bool = False,
    name: str = DEFAULT_UNION_NAME,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    parent: Union | None = None,
    analyze: bool = True,
) -> LoadResult:
    """Create (or fill) union `code` with `members` members and proportional records over
    `year` and the year before. Refuses, writing nothing, when the union already has
    members and `append` is false. A new union goes under `parent` (the demo's county when
    not given); `analyze=False` leaves the planner statistics to a caller making many."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    year = year or today.year
    if year > today.year:
        raise LoadDataError(f"年度 {year} 尚未开始：数据日期不能晚于今天。")
    if year < 2001:
        raise LoadDataError("年度应在2001年之后。")
    plan = plan_for(members)
    say = progress or (lambda message: None)
    with transaction.atomic(), acting_as(None, label=AUDIT_LABEL):
        union, created = _union(code, name, parent)
        if not append and Member.objects.filter(union=union).exists():
            raise LoadDataError(
                f"工会 {union.name}（{code}）已有会员，未做任何更改。如需在其上追加数据，请加 --append。"
            )
        gen = _Generator(union=union, plan=plan, seed=seed, year=year, today=today)
        users = gen.accounts()
        branches = gen.branches()
        new_members = gen.members(branches)
        say(f"会员 {len(new_members)} 名已写入（{time.perf_counter() - started:.1f} 秒）")
        files = gen.hardship(new_members)
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("帮扶慰问发放", lambda: gen.disbursements(new_members, files, users)),
            ("捐款", gen.donations),
            ("活动与荣誉", lambda: gen.activities(branches, new_members)),
            ("民主管理", lambda: gen.democracy(new_members)),
            ("维权", gen.rights),
            ("经费", gen.funds),
        ]
        for label, step in steps:
            step()
            say(f"{label}已写入（{time.perf_counter() - started:.1f} 秒）")
        counts = dict(gen.counts)
        log_event(
            union,
            EVENT_ACTION,
            {"counts": counts, "seed": seed, "year": year, "append": append, "bulk": True},
        )
    if analyze:
        analyze_tables()
    return LoadResult(
        union=union, union_created=created, counts=counts, seconds=time.perf_counter() - started
    )


def analyze_tables() -> None:
    """Refresh PostgreSQL's planner statistics. After a bulk load they still describe the
    empty tables until autovacuum comes round, and the planner then picks nested loops
    over tens of thousands of rows; a live database never stays in that state."""
    if connection.vendor != "postgresql":
        return
    # VACUUM too when it may run (not inside a transaction): it marks the new pages
    # all-visible, which index-only scans (the roster's figures, deep pages) rely on, as
    # autovacuum does for a live database a little later.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in _MODELS:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


_MODELS_BY_KEY: tuple[tuple[str, type[models.Model]], ...] = (
    ("members", Member),
    ("hardship_files", HardshipFile),
    ("hardship_reviews", HardshipReview),
    ("disbursement_batches", DisbursementBatch),
    ("disbursements", Disbursement),
    ("donation_drives", DonationDrive),
    ("activities", Activity),
    ("honours", Honour),
    ("congresses", Congress),
    ("proposals", Proposal),
    ("disclosures", Disclosure),
    ("contracts", CollectiveContract),
    ("suggestions", Suggestion),
    ("joint_meetings", JointMeeting),
    ("mediation_cases", MediationCase),
    ("legal_aid", LegalAid),
    ("petitions", Petition),
    ("fund_entries", FundEntry),
    ("fund_audits", FundAudit),
)
_MODELS = (Branch, *(model for _, model in _MODELS_BY_KEY))


def count_rows(union: Union) -> dict[str, int]:
    """Rows of each kind the union holds, by the keys the generator reports."""
    return {key: model.objects.filter(union=union).count() for key, model in _MODELS_BY_KEY}
