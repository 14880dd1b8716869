"""The year's welfare work (帮扶救助 / 送温暖): hardship files, disbursements, donation drives.

What a 300-member factory union hands out in a year, as the seed summaries report it:
春节 and 中秋 gifts to every member (entered as festival batches), 三八 gifts to the women,
送清凉 to the shop floor in July, a birthday card every month, and individual grants when
something happens in a member's life: a stay in hospital, a wedding or a birth, a death in
the family, retirement, a child starting university (金秋助学 in August). Members with a
hardship file get 生活救助 at 春节 and 大病救助 when illness is the cause.

Every record goes through `welfare.services` as staff would enter it: the clerk enters and
submits, the chairman approves (or rejects, with a reason), the clerk registers the payment.
The services stamp the workflow times with the moment of loading; `_backdate` then sets them
to the days the plan says the steps were taken, so a record reads as it happened.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from audit.context import acting_as
from members.choices import Gender
from welfare import services
from welfare.choices import (
    DisbursementKind as K,
)
from welfare.choices import (
    DisbursementStatus as S,
)
from welfare.choices import (
    DonationKind,
    EmploymentStatus,
    FamilyRelation,
    Festival,
    FundingSource,
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
    HealthStatus,
    HousingStatus,
    MedicalInsurance,
    ReviewConclusion,
)
from welfare.living_line import local_living_line_set
from welfare.models import Disbursement, DonationDrive, HardshipFile

from .cast import Cast, Roster, age_on, aged, cards, save
from .context import DemoContext
from .holidays import mid_autumn, spring_festival, workday
from .names import NameGenerator, random_given_name, random_surname
from .people import DemoMember

F = FundingSource


@dataclass(frozen=True)
class ReviewPlan:
    reviewed_on: dt.date
    category: str
    household_size: int
    income: Decimal
    line: Decimal
    conclusion: str
    notes: str


@dataclass(frozen=True)
class HardshipPlan:
    union_code: str
    member: str  # card number
    category: str
    main_cause: str
    other_causes: tuple[str, ...]
    household_size: int
    income: Decimal
    line: Decimal
    opened_on: dt.date
    last_reviewed_on: dt.date | None  # a review before the demo's two years
    notes: str
    reviews: tuple[ReviewPlan, ...]


@dataclass(frozen=True)
class BatchPlan:
    union_code: str
    title: str
    date: dt.date  # handed out (and registered as paid) that day
    kind: str
    festival: str
    cash: Decimal
    goods_description: str
    goods_value: Decimal
    funding: str
    notes: str
    members: tuple[str, ...]
    submitted_on: dt.date
    approved_on: dt.date


@dataclass(frozen=True)
class GrantPlan:
    """One disbursement entered on its own, and how far its approval has got."""

    union_code: str
    date: dt.date
    kind: str
    cash: Decimal
    funding: str
    notes: str
    status: str  # submitted, approved, rejected or paid
    member: str = ""  # card number, or
    recipient_name: str = ""  # someone who is not a member
    recipient_relation: str = ""
    festival: str = ""
    goods_description: str = ""
    goods_value: Decimal = Decimal("0")
    hardship: bool = False  # linked to the member's open hardship file
    decided_on: dt.date | None = None  # approved or rejected
    paid_on: dt.date | None = None
    reject_reason: str = ""


@dataclass(frozen=True)
class DonationPlan:
    union_code: str
    title: str
    kind: str
    date: dt.date
    participants: int
    amount: Decimal
    beneficiary: str
    notes: str


@dataclass(frozen=True)
class WelfarePlan:
    files: tuple[HardshipPlan, ...]
    batches: tuple[BatchPlan, ...]
    grants: tuple[GrantPlan, ...]
    donations: tuple[DonationPlan, ...]


def _yuan(value: float, step: int = 100) -> Decimal:
    return Decimal(int(round(value / step)) * step)


def _after(day: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    """A working day `low`..`high` days after `day` (never before it)."""
    later = day + dt.timedelta(days=rng.randint(low, high))
    while later.weekday() > 4:
        later += dt.timedelta(days=1)
    return later


def _before(day: dt.date, days: int) -> dt.date:
    return workday(day - dt.timedelta(days=days))


# --- hardship files ---------------------------------------------------------------------------

C, Cause = HardshipCategory, HardshipCause


@dataclass(frozen=True)
class _Profile:
    """A household in difficulty; years are offsets from the demo's last complete year."""

    category: str
    main: str
    others: tuple[str, ...]
    size: int
    opened: tuple[int, int]  # (year offset, month)
    gender: str
    ages: tuple[int, int]
    notes: str
    closes: tuple[int, str] | None = None  # (year offset of the closing review, why)
    recategorised: str = ""  # the category a later review gives a file of the old scheme


PROFILES = (
    _Profile(C.DEEP, Cause.SERIOUS_ILLNESS, (Cause.SCHOOLING,), 3, (-4, 3), "M", (42, 52),
             "配偶患尿毒症，每周三次血液透析，医疗费用负担重；儿子在读高中。"),
    _Profile(C.LEGACY_SEVERE, Cause.NO_WORK_CAPACITY, (Cause.SERIOUS_ILLNESS,), 3, (-6, 11), "M", (40, 50),
             "儿子患先天性脑瘫，无劳动能力，需长期康复治疗；妻子在家照料，无固定收入。",
             recategorised=C.DEEP),
    _Profile(C.RELATIVE, Cause.SCHOOLING, (Cause.OTHER,), 4, (-2, 9), "F", (44, 50),
             "两个子女同时在读大学，学费和生活费支出大；配偶在家务农，收入低。",
             closes=(1, "长子已大学毕业参加工作，家庭月人均收入超过当地低保标准的2倍，经复核脱困。")),
    _Profile(C.ACCIDENT, Cause.ACCIDENT, (), 3, (0, 5), "M", (30, 45),
             "配偶在老家遭遇交通事故致腿部骨折，需手术和长期康复，对方无赔偿能力。",
             closes=(1, "配偶已康复并重新就业，家庭收入恢复正常，经复核脱困。")),
    _Profile(C.RELATIVE, Cause.LAID_OFF, (), 3, (-3, 12), "M", (38, 50),
             "配偶原所在企业关停，下岗失业，家庭收入主要依靠本人工资。",
             closes=(0, "配偶已在县经济开发区企业重新就业，家庭收入明显增加，经复核脱困。")),
    _Profile(C.DEEP, Cause.SERIOUS_ILLNESS, (Cause.SCHOOLING,), 3, (0, 8), "F", (40, 50),
             "本人确诊乳腺癌，手术后需化疗，长期病休收入下降；女儿在读初中。"),
    _Profile(C.RELATIVE, Cause.SCHOOLING, (Cause.OTHER,), 5, (-1, 4), "M", (44, 54),
             "子女在读大学，父母年迈多病需赡养，家庭负担重。"),
    _Profile(C.RELATIVE, Cause.NATURAL_DISASTER, (Cause.OTHER,), 4, (0, 9), "M", (32, 48),
             "台风致老家房屋严重受损，重建房屋负债。"),
    _Profile(C.RELATIVE, Cause.UNEMPLOYED_ABLE, (Cause.SCHOOLING,), 4, (-1, 1), "F", (30, 40),
             "配偶有劳动能力，但需照顾两个年幼子女未能就业，家庭收入单一。"),
    _Profile(C.DEEP, Cause.NO_WORK_CAPACITY, (Cause.SERIOUS_ILLNESS,), 4, (1, 2), "M", (38, 52),
             "配偶肢体残疾（二级），无劳动能力；母亲患慢性病，长期服药。"),
    _Profile(C.RELATIVE, Cause.SERIOUS_ILLNESS, (), 4, (1, 6), "F", (30, 42),
             "父亲确诊肺癌，需长期治疗，本人为独生子女，承担主要医疗费用。"),
)  # fmt: skip

INCOME_FACTORS = {C.DEEP: (0.75, 0.95), C.LEGACY_SEVERE: (0.7, 0.9), C.ACCIDENT: (0.9, 1.15)}
RELATIVE_FACTOR = (1.15, 1.6)
REVIEW_MONTH = 3


def minimum_living_line(year: int, base_year: int) -> Decimal:
    """The county's 低保 line (元 per person and month), raised a little every year."""
    return Decimal(1130 + 70 * (year - base_year))


def _income(rng: random.Random, category: str, size: int, line: Decimal) -> Decimal:
    low, high = INCOME_FACTORS.get(category, RELATIVE_FACTOR)
    return _yuan(float(line) * rng.uniform(low, high) * size * 12)


def plan_hardship_files(ctx: DemoContext, roster: Roster) -> tuple[HardshipPlan, ...]:
    """The factory's hardship files: a few old ones, some opened or closed in each year."""
    rng = ctx.rng("welfare:hardship")
    base = ctx.year
    window_start = dt.date(base, 1, 1)
    # Files are kept for members who are with the union through both years.
    present = {p.card_number for p in roster.on(ctx.today)}
    plans = []
    for profile in PROFILES:
        offset, month = profile.opened
        opened_on = workday(dt.date(base + offset, month, rng.randint(5, 25)))
        if not ctx.happened(opened_on):
            continue

        def fits(p: DemoMember, profile: _Profile = profile, opened_on: dt.date = opened_on) -> bool:
            return (
                p.gender == profile.gender
                and profile.ages[0] <= age_on(p, window_start) <= profile.ages[1]
                and p.joined_on < opened_on
                and not p.is_leader
                and not p.is_fixed
                and p.card_number in present
            )

        member = roster.pick(rng, window_start, 1, fits)[0]
        present.discard(member.card_number)
        # The file carries the figures found when it was opened, or at its last review
        # before the demo's two years; each review in them brings it up to date.
        last_review = None
        if opened_on.year < base - 1:
            last_review = dt.date(base - 1, REVIEW_MONTH, rng.randint(10, 25))
        line = minimum_living_line(max(opened_on.year, base - 1), base)
        income = _income(rng, profile.category, profile.size, line)
        reviews = []
        category = profile.recategorised or profile.category
        for year in ctx.years:
            review_day = workday(dt.date(year, REVIEW_MONTH, rng.randint(10, 25)))
            if review_day <= opened_on or not ctx.happened(review_day):
                continue
            year_line = minimum_living_line(year, base)
            if profile.closes and base + profile.closes[0] == year:
                better = _yuan(float(year_line) * rng.uniform(2.0, 2.4) * profile.size * 12)
                reviews.append(
                    ReviewPlan(
                        review_day, category, profile.size, better, year_line, ReviewConclusion.CLOSE,
                        profile.closes[1],
                    )
                )  # fmt: skip
                break
            note = "家庭情况无明显变化，继续在档帮扶。"
            if profile.recategorised and not reviews:
                note = "按现行困难职工分类标准重新认定为深度困难，继续在档帮扶。"
            reviews.append(
                ReviewPlan(
                    review_day, category, profile.size, _income(rng, category, profile.size, year_line), year_line,
                    ReviewConclusion.CONTINUE, note,
                )
            )  # fmt: skip
        plans.append(
            HardshipPlan(
                union_code=roster.code,
                member=member.card_number,
                category=profile.category,
                main_cause=profile.main,
                other_causes=profile.others,
                household_size=profile.size,
                income=income,
                line=line,
                opened_on=opened_on,
                last_reviewed_on=last_review,
                notes=profile.notes,
                reviews=tuple(reviews),
            )
        )
    return tuple(plans)


def _open_on(plan: HardshipPlan, day: dt.date) -> bool:
    if day < plan.opened_on:
        return False
    closing = next((r.reviewed_on for r in plan.reviews if r.conclusion == ReviewConclusion.CLOSE), None)
    return closing is None or day < closing


def _category_on(plan: HardshipPlan, day: dt.date) -> str:
    category = plan.category
    for review in plan.reviews:
        if review.reviewed_on <= day:
            category = review.category
    return category


# --- batches -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchRule:
    kind: str
    festival: str
    what: str  # for the title: 春节慰问, 送清凉 …
    goods: str
    value: int
    funding: str
    notes: str = ""


SPRING = BatchRule(K.FESTIVAL, Festival.SPRING, "春节慰问", "大米、食用油、年货礼盒", 400, F.UNION_FUNDS)
WOMEN = BatchRule(
    K.FESTIVAL, Festival.WOMENS_DAY, "三八节慰问", "护手霜、丝巾", 100, F.UNION_FUNDS, "慰问全体女会员"
)
SUMMER = BatchRule(
    K.SUMMER,
    "",
    "送清凉",
    "绿豆、白砂糖、藿香正气水、毛巾",
    80,
    F.ADMINISTRATION,
    "高温季节慰问一线生产职工，费用由公司行政列支",
)
AUTUMN = BatchRule(K.FESTIVAL, Festival.MID_AUTUMN, "中秋慰问", "月饼、时令水果", 300, F.UNION_FUNDS)
BIRTHDAY = BatchRule(K.BIRTHDAY, "", "生日慰问", "生日蛋糕券", 150, F.UNION_FUNDS, "当月过生日的会员")
SHOP_FLOOR = ("机加工分会", "装配分会")


def _batch(
    ctx: DemoContext,
    rng: random.Random,
    code: str,
    rule: BatchRule,
    day: dt.date,
    people: list[DemoMember],
    title: str,
    value: int | None = None,
) -> BatchPlan | None:
    if not people or not ctx.happened(day):
        return None
    submitted = _before(day, rng.randint(5, 8))
    approved = min(_after(submitted, rng, 1, 2), day)
    return BatchPlan(
        union_code=code,
        title=title,
        date=day,
        kind=rule.kind,
        festival=rule.festival,
        cash=Decimal("0"),
        goods_description=rule.goods,
        goods_value=Decimal(value or rule.value),
        funding=rule.funding,
        notes=rule.notes,
        members=cards(people),
        submitted_on=submitted,
        approved_on=approved,
    )


def plan_batches(ctx: DemoContext, roster: Roster, *, full: bool) -> list[BatchPlan]:
    """Festival batches for every member; the factory (`full`) also has 三八, 送清凉 and birthdays."""
    rng = ctx.rng(f"welfare:batches:{roster.code}")
    plans: list[BatchPlan | None] = []
    code = roster.code
    for year in ctx.years:
        day = _before(spring_festival(year), rng.randint(7, 12))
        plans.append(_batch(ctx, rng, code, SPRING, day, roster.on(day), f"{year}年春节慰问"))
        if full:
            day = workday(dt.date(year, 3, 7))
            plans.append(_batch(ctx, rng, code, WOMEN, day, roster.women_on(day), f"{year}年三八节慰问"))
            day = workday(dt.date(year, 7, 10))
            people = roster.where(day, lambda p: p.branch in SHOP_FLOOR)
            plans.append(_batch(ctx, rng, code, SUMMER, day, people, f"{year}年夏季送清凉"))
        day = _before(mid_autumn(year), rng.randint(5, 9))
        plans.append(_batch(ctx, rng, code, AUTUMN, day, roster.on(day), f"{year}年中秋慰问"))
        if full:
            for month in range(1, 13):
                day = workday(dt.date(year, month, 5))
                people = roster.where(day, lambda p, m=month: p.birth_date.month == m)
                plans.append(_batch(ctx, rng, code, BIRTHDAY, day, people, f"{year}年{month}月会员生日慰问"))
    return [p for p in plans if p is not None]


# --- individual grants -------------------------------------------------------------------------

SICKNESS = (
    "腰椎间盘突出住院手术", "急性阑尾炎住院手术", "骨折住院治疗", "肺炎住院治疗", "胆结石住院手术",
    "高血压住院治疗", "甲状腺结节手术", "膝关节半月板损伤手术", "肾结石住院治疗", "急性胃肠炎住院治疗",
)  # fmt: skip
FUNERAL = ("父亲病故", "母亲病故", "岳父病故", "岳母病故", "公公病故", "婆婆病故")
UNIVERSITIES = (
    "浙江大学", "浙江工业大学", "杭州电子科技大学", "浙江理工大学", "宁波大学", "浙江师范大学",
    "中国计量大学", "浙江科技大学", "温州医科大学", "浙江财经大学", "南京理工大学", "华东理工大学",
)  # fmt: skip
RETIREES = 6  # old workers the union visits at 春节
REJECT_REASON = "未附结婚证复印件，请补充材料后重新提交。"


class GrantPlanner:
    """Draws the individual disbursements of one union for the demo's two years."""

    def __init__(
        self, ctx: DemoContext, roster: Roster, files: tuple[HardshipPlan, ...], *, full: bool
    ) -> None:
        self.ctx = ctx
        self.roster = roster
        self.files = files
        self.full = full
        self.rng = ctx.rng(f"welfare:grants:{roster.code}")
        self.grants: list[GrantPlan] = []

    def plan(self) -> list[GrantPlan]:
        retirees = self._retirees()
        for year in self.ctx.years:
            self._spring_visits(year, retirees)
            self._sickness(year, 14 if self.full else 4)
            self._weddings_and_births(year, (5, 6) if self.full else (2, 2))
            self._funerals(year, 3 if self.full else 1)
            self._retirements(year)
            if self.full:
                self._hardship_mid_year(year)
                self._student_aid(year)
        if self.full:
            self._awaiting_decision()
        return sorted(self.grants, key=lambda g: (g.date, g.kind, g.member, g.recipient_name))

    # -- the workflow of one record ----------------------------------------------------------
    def _add(self, day: dt.date, kind: str, cash: int, funding: str, notes: str, **fields: Any) -> None:
        if not self.ctx.happened(day):
            return
        rng = self.rng
        decided = _after(day, rng, 1, 3)
        paid = _after(decided, rng, 0, 3)
        status, decided_on, paid_on = S.PAID, decided, paid
        if not self.ctx.happened(paid):
            status, paid_on = S.APPROVED, None
        if not self.ctx.happened(decided):
            status, decided_on = S.SUBMITTED, None
        self.grants.append(
            GrantPlan(
                union_code=self.roster.code,
                date=day,
                kind=kind,
                cash=Decimal(cash),
                funding=funding,
                notes=notes,
                status=status,
                decided_on=decided_on,
                paid_on=paid_on,
                **fields,
            )
        )

    def _day(self, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
        month = self.rng.randint(*months)
        return workday(dt.date(year, month, self.rng.randint(3, 28)))

    def _file_open(self, member: str, day: dt.date) -> bool:
        return any(f.member == member and _open_on(f, day) for f in self.files)

    # -- what happens in a year ----------------------------------------------------------------
    def _retirees(self) -> list[str]:
        names = NameGenerator(self.rng, {p.name for p in self.roster.people})
        return [names.name(self.rng.choice("MF"), self.rng.randint(1948, 1962)) for _ in range(RETIREES)]

    def _spring_visits(self, year: int, retirees: list[str]) -> None:
        day = _before(spring_festival(year), self.rng.randint(8, 14))
        for name in retirees[: RETIREES if self.full else 2]:
            self._add(
                day, K.FESTIVAL, 300, F.UNION_FUNDS, "春节走访慰问退休老职工",
                festival=Festival.SPRING, recipient_name=name, recipient_relation="退休职工",
                goods_description="大米、食用油", goods_value=Decimal("200"),
            )  # fmt: skip
        for file in self.files:
            if not self._file_open(file.member, day):
                continue
            deep = _category_on(file, day) in (C.DEEP, C.LEGACY_SEVERE)
            self._add(
                day, K.LIVING, 3000 if deep else 2000, F.HIGHER_UNION if deep else F.UNION_FUNDS,
                "春节送温暖走访慰问困难职工", member=file.member, hardship=True,
            )  # fmt: skip

    def _sickness(self, year: int, count: int) -> None:
        for _ in range(count):
            day = self._day(year)
            person = self.roster.pick(self.rng, day, 1, aged(day, 28))
            if not person:
                continue
            goods = self.rng.random() < 0.4
            self._add(
                day, K.SICKNESS, 500, F.UNION_FUNDS, self.rng.choice(SICKNESS), member=person[0].card_number,
                goods_description="水果、牛奶" if goods else "", goods_value=Decimal("100" if goods else "0"),
            )  # fmt: skip

    def _weddings_and_births(self, year: int, counts: tuple[int, int]) -> None:
        weddings, births = counts
        for _ in range(weddings):
            day = self._day(year)
            person = self.roster.pick(self.rng, day, 1, aged(day, 23, 32))
            if person:
                self._add(day, K.WEDDING_BIRTH, 600, F.UNION_FUNDS, "结婚慰问", member=person[0].card_number)
        for _ in range(births):
            day = self._day(year)
            person = self.roster.pick(self.rng, day, 1, aged(day, 25, 38))
            if person:
                child = self.rng.choice(("一孩", "一孩", "二孩", "三孩"))
                self._add(
                    day, K.WEDDING_BIRTH, 800, F.UNION_FUNDS, f"生育慰问（生育{child}）", member=person[0].card_number
                )  # fmt: skip

    def _funerals(self, year: int, count: int) -> None:
        for _ in range(count):
            day = self._day(year)
            person = self.roster.pick(self.rng, day, 1, aged(day, 38, 58))
            if person:
                self._add(
                    day,
                    K.FUNERAL,
                    1000,
                    F.UNION_FUNDS,
                    self.rng.choice(FUNERAL),
                    member=person[0].card_number,
                )

    def _retirements(self, year: int) -> None:
        for person in self.roster.retired_in(year):
            assert person.status_date is not None
            self._add(
                workday(person.status_date), K.RETIREMENT, 800, F.UNION_FUNDS, "退休慰问",
                member=person.card_number, goods_description="退休纪念品", goods_value=Decimal("400"),
            )  # fmt: skip

    def _hardship_mid_year(self, year: int) -> None:
        """大病救助 for files opened for serious illness; 中秋 help for deep-difficulty files;
        a grant when a file is opened after an accident or disaster."""
        for file in self.files:
            illness = file.main_cause == Cause.SERIOUS_ILLNESS
            if illness and file.opened_on.year == year:
                day = _after(file.opened_on, self.rng, 3, 10)
                amount = int(_yuan(self.rng.uniform(6000, 10000), 1000))
                self._add(
                    day,
                    K.MEDICAL,
                    amount,
                    F.HIGHER_UNION,
                    "大病救助（建档时）",
                    member=file.member,
                    hardship=True,
                )
            elif illness:
                day = self._day(year, (5, 7))
                if self._file_open(file.member, day):
                    amount = int(_yuan(self.rng.uniform(4000, 6000), 500))
                    self._add(
                        day,
                        K.MEDICAL,
                        amount,
                        F.UNION_FUNDS,
                        "大病救助（持续治疗）",
                        member=file.member,
                        hardship=True,
                    )
            if file.main_cause in (Cause.ACCIDENT, Cause.NATURAL_DISASTER) and file.opened_on.year == year:
                day = _after(file.opened_on, self.rng, 2, 6)
                self._add(
                    day, K.LIVING, 3000, F.UNION_FUNDS, "临时生活救助", member=file.member, hardship=True
                )
            day = _before(mid_autumn(year), 3)
            if self._file_open(file.member, day) and _category_on(file, day) in (C.DEEP, C.LEGACY_SEVERE):
                self._add(
                    day, K.LIVING, 1000, F.UNION_FUNDS, "中秋慰问困难职工", member=file.member, hardship=True
                )

    def _student_aid(self, year: int) -> None:
        """金秋助学 in August: the hardship families with children at university, and members
        whose child has just been admitted."""
        day = workday(dt.date(year, 8, self.rng.randint(18, 26)))
        helped = []
        for file in self.files:
            if Cause.SCHOOLING in (file.main_cause, *file.other_causes) and self._file_open(file.member, day):
                self._add(
                    day, K.STUDENT, 3000, F.HIGHER_UNION, "金秋助学（困难职工子女在读大学）",
                    member=file.member, hardship=True,
                )  # fmt: skip
                helped.append(file.member)
        for person in self.roster.pick(self.rng, day, self.rng.randint(4, 7), aged(day, 42, 54)):
            if person.card_number in helped:
                continue
            self._add(
                day, K.STUDENT, 1000, F.UNION_FUNDS, f"金秋助学（子女考入{self.rng.choice(UNIVERSITIES)}）",
                member=person.card_number,
            )  # fmt: skip

    def _awaiting_decision(self) -> None:
        """The last weeks before today: records the chairman has not yet decided, and one he
        sent back. Dated from today backwards, so they are recent whenever the demo is loaded."""
        rng, today = self.rng, self.ctx.today
        start = dt.date(today.year, 1, 1)
        for days_ago, notes in (
            (2, rng.choice(SICKNESS)),
            (5, rng.choice(SICKNESS)),
            (8, rng.choice(FUNERAL)),
        ):
            day = max(workday(today - dt.timedelta(days=days_ago)), start)
            kind = K.FUNERAL if notes in FUNERAL else K.SICKNESS
            person = self.roster.pick(rng, day, 1, aged(day, 30))
            self.grants.append(
                GrantPlan(
                    self.roster.code, day, kind, Decimal(1000 if kind == K.FUNERAL else 500), F.UNION_FUNDS, notes,
                    S.SUBMITTED, member=person[0].card_number,
                )
            )  # fmt: skip
        day = max(workday(today - dt.timedelta(days=20)), start)
        person = self.roster.pick(rng, day, 1, aged(day, 23, 32))
        decided = min(_after(day, rng, 1, 2), today)
        self.grants.append(
            GrantPlan(
                self.roster.code, day, K.WEDDING_BIRTH, Decimal(600), F.UNION_FUNDS, "结婚慰问", S.REJECTED,
                member=person[0].card_number, decided_on=decided, reject_reason=REJECT_REASON,
            )
        )  # fmt: skip


# --- donation drives ---------------------------------------------------------------------------

GIFTS = (50, 100, 100, 100, 200, 200, 200, 300, 500)


def plan_donations(
    ctx: DemoContext, roster: Roster, files: tuple[HardshipPlan, ...]
) -> tuple[DonationPlan, ...]:
    rng = ctx.rng("welfare:donations")
    plans = []
    for year in ctx.years:
        day = workday(dt.date(year, 6, rng.randint(10, 20)))
        on_roster = len(roster.on(day))
        givers = round(on_roster * rng.uniform(0.86, 0.93))
        amount = sum(rng.choice(GIFTS) for _ in range(givers))
        if ctx.happened(day):
            plans.append(
                DonationPlan(
                    roster.code, f"{year}年“慈善一日捐”", DonationKind.ONE_DAY, day, givers, Decimal(amount),
                    "县慈善总会“慈善一日捐”专项，用于全县困难群众帮扶", "领导班子带头，职工自愿捐出一天工资收入。",
                )
            )  # fmt: skip
    ill = next(
        (f for f in files if f.main_cause == Cause.SERIOUS_ILLNESS and f.opened_on.year == ctx.year), None
    )
    if ill is not None:
        day = _after(ill.opened_on, rng, 10, 20)
        givers = round(len(roster.on(day)) * rng.uniform(0.7, 0.8))
        amount = sum(rng.choice(GIFTS) for _ in range(givers))
        name = roster.by_card(ill.member).name
        plans.append(
            DonationPlan(
                roster.code, f"为患病职工{name}爱心捐款", DonationKind.OTHER, day, givers, Decimal(amount),
                f"{name}（{roster.by_card(ill.member).department}）", "善款已全额转交职工本人用于治疗。",
            )
        )  # fmt: skip
    return tuple(plans)


def plan_welfare(ctx: DemoContext, rosters: dict[str, Roster]) -> WelfarePlan:
    factory, hospital = rosters["demo"], rosters["demo-hospital"]
    files = plan_hardship_files(ctx, factory)
    grants = GrantPlanner(ctx, factory, files, full=True).plan()
    grants += GrantPlanner(ctx, hospital, (), full=False).plan()
    batches = plan_batches(ctx, factory, full=True) + plan_batches(ctx, hospital, full=False)
    return WelfarePlan(
        files=files,
        batches=tuple(batches),
        grants=tuple(grants),
        donations=plan_donations(ctx, factory, files),
    )


# --- writing -------------------------------------------------------------------------------------


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    return min(moment, timezone.now())


ILL_CAUSES = {
    HardshipCause.SERIOUS_ILLNESS: HealthStatus.SERIOUS,
    HardshipCause.NO_WORK_CAPACITY: HealthStatus.CHRONIC,
}


def archive_facts(plan: HardshipPlan, *, member: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The archive's facts of a demo file (issue #13): income split into wages and transfers
    (their sum is the file's income), housing, health, insurance, and the household's other
    members — a spouse working flexibly, then children at school."""
    rng = random.Random(f"archive:{plan.union_code}:{plan.member}")
    wage = _yuan(float(plan.income) * rng.uniform(0.55, 0.85))
    facts = {
        "wage_income": wage,
        "transfer_income": plan.income - wage,
        "housing": rng.choices(
            [HousingStatus.OWNED, HousingStatus.RENTED, HousingStatus.PUBLIC, HousingStatus.BORROWED],
            weights=[5, 3, 1, 1],
        )[0],
        "health": ILL_CAUSES.get(plan.main_cause, HealthStatus.HEALTHY),
        "medical_insurance": MedicalInsurance.EMPLOYEE,
    }
    family: list[dict[str, Any]] = []
    other = {Gender.MALE: Gender.FEMALE, Gender.FEMALE: Gender.MALE}
    for i in range(plan.household_size - 1):
        if i == 0:
            row = {"relation": FamilyRelation.SPOUSE, "birth_year": plan.opened_on.year - rng.randint(32, 50),
                   "employment": EmploymentStatus.FLEXIBLE, "annual_income": _yuan(float(wage) * 0.3)}  # fmt: skip
        else:
            row = {"relation": FamilyRelation.CHILD, "birth_year": plan.opened_on.year - rng.randint(6, 17),
                   "employment": EmploymentStatus.STUDENT, "annual_income": Decimal(0)}  # fmt: skip
        if i == 0:  # a spouse has a surname of their own
            name = random_surname(rng) + random_given_name(rng, other[member.gender], row["birth_year"])
        else:
            name = member.name[0] + random_given_name(rng, rng.choice(list(other)), row["birth_year"])
        family.append({"name": name, "health": HealthStatus.HEALTHY, **row})
    return facts, family


def review_sources(file: HardshipFile, income: Decimal) -> dict[str, Decimal]:
    """A review's income by source: wages and transfers in the file's last proportion."""
    if not file.annual_household_income:
        return {"wage_income": income, "transfer_income": Decimal(0)}
    wage = _yuan(float(income * file.wage_income / file.annual_household_income))
    wage = min(wage, income)
    return {"wage_income": wage, "transfer_income": income - wage}


class WelfareLoader:
    """Writes the plan in the order things happened, so that a batch or grant links the
    hardship files open on its day, and a review finds the file as it then was."""

    def __init__(self, cast: Cast, staff: dict[str, tuple[Any, Any]]) -> None:
        self.cast = cast
        self.staff = staff  # union code -> (clerk, leader)
        self.files: dict[str, HardshipFile] = {}  # member card -> file

    def load(self, plan: WelfarePlan) -> None:
        events: list[tuple[dt.date, int, int, Any]] = []
        for i, file in enumerate(plan.files):
            events.append((file.opened_on, 0, i, ("open", file)))
            events += [(r.reviewed_on, 1, i, ("review", file, r)) for r in file.reviews]
        events += [(b.submitted_on, 2, i, ("batch", b)) for i, b in enumerate(plan.batches)]
        events += [(g.date, 3, i, ("grant", g)) for i, g in enumerate(plan.grants)]
        for _, _, _, event in sorted(events, key=lambda e: e[:3]):
            getattr(self, f"_{event[0]}")(*event[1:])
        # Each union's local 低保 line: the one its newest file was judged against.
        newest: dict[str, HardshipPlan] = {}
        for file in plan.files:
            if file.union_code not in newest or file.opened_on >= newest[file.union_code].opened_on:
                newest[file.union_code] = file
        for code, file in newest.items():
            with acting_as(self.staff[code][0]):
                local_living_line_set(
                    union=self.cast.unions[code], amount=file.line, basis="县民政局公布的城乡低保标准"
                )
        for donation in plan.donations:
            with acting_as(self.staff[donation.union_code][0]):
                save(
                    DonationDrive(
                        union=self.cast.unions[donation.union_code],
                        title=donation.title,
                        kind=donation.kind,
                        date=donation.date,
                        participants=donation.participants,
                        amount_raised=donation.amount,
                        beneficiary=donation.beneficiary,
                        notes=donation.notes,
                    )
                )

    def _open(self, plan: HardshipPlan) -> None:
        clerk, _ = self.staff[plan.union_code]
        member = self.cast.member(plan.union_code, plan.member)
        facts, family = archive_facts(plan, member=member)
        with acting_as(clerk):
            self.files[plan.member] = services.hardship_file_create(
                union=self.cast.unions[plan.union_code],
                member=member,
                category=plan.category,
                main_cause=plan.main_cause,
                **{f"other_cause_{i + 1}": cause for i, cause in enumerate(plan.other_causes)},
                household_size=plan.household_size,
                annual_household_income=plan.income,
                local_minimum_living_line=plan.line,
                status=HardshipStatus.OPEN,
                opened_on=plan.opened_on,
                last_reviewed_on=plan.last_reviewed_on,
                notes=plan.notes,
                family=family,
                **facts,
            )

    def _review(self, plan: HardshipPlan, review: ReviewPlan) -> None:
        clerk, _ = self.staff[plan.union_code]
        with acting_as(clerk):
            services.hardship_review(
                file=self.files[plan.member],
                reviewed_on=review.reviewed_on,
                category=review.category,
                household_size=review.household_size,
                annual_household_income=review.income,
                local_minimum_living_line=review.line,
                conclusion=review.conclusion,
                notes=review.notes,
                **review_sources(self.files[plan.member], review.income),
            )
        self.files[plan.member].refresh_from_db()

    def _batch(self, plan: BatchPlan) -> None:
        clerk, leader = self.staff[plan.union_code]
        union = self.cast.unions[plan.union_code]
        with acting_as(clerk):
            batch = services.festival_batch_create(
                union=union,
                actor=clerk,
                members=[self.cast.members[plan.union_code][card] for card in plan.members],
                submit=True,
                title=plan.title,
                date=plan.date,
                kind=plan.kind,
                festival=plan.festival,
                cash_amount=plan.cash,
                goods_description=plan.goods_description,
                goods_value=plan.goods_value,
                funding_source=plan.funding,
                notes=plan.notes,
            )
            ids = list(batch.disbursements.values_list("pk", flat=True))
            services.disbursements_approve_many(union=union, ids=ids, actor=leader)
            services.disbursements_mark_paid_many(union=union, ids=ids, actor=clerk, paid_on=plan.date)
        batch.disbursements.update(
            submitted_at=_at(plan.submitted_on, 9, 30), approved_at=_at(plan.approved_on, 15, 10)
        )

    def _grant(self, plan: GrantPlan) -> None:
        clerk, leader = self.staff[plan.union_code]
        member = self.cast.member(plan.union_code, plan.member)
        file = self.files.get(plan.member) if plan.hardship else None
        with acting_as(clerk):
            record = services.disbursement_create(
                union=self.cast.unions[plan.union_code],
                date=plan.date,
                kind=plan.kind,
                festival=plan.festival,
                member=member,
                recipient_name=plan.recipient_name,
                recipient_relation=plan.recipient_relation,
                hardship_file=file if file is not None and file.is_open else None,
                cash_amount=plan.cash,
                goods_description=plan.goods_description,
                goods_value=plan.goods_value,
                funding_source=plan.funding,
                notes=plan.notes,
            )
            record = services.disbursement_submit(disbursement=record, actor=clerk)
            if plan.status == S.REJECTED:
                services.disbursement_reject(disbursement=record, actor=leader, reason=plan.reject_reason)
            elif plan.status in (S.APPROVED, S.PAID):
                record = services.disbursement_approve(disbursement=record, actor=leader)
                if plan.status == S.PAID:
                    services.disbursement_mark_paid(disbursement=record, actor=clerk, paid_on=plan.paid_on)
        times: dict[str, dt.datetime] = {"submitted_at": _at(plan.date, 10, 20)}
        if plan.decided_on is not None:
            field = "rejected_at" if plan.status == S.REJECTED else "approved_at"
            times[field] = _at(plan.decided_on, 16, 5)
        Disbursement.objects.filter(pk=record.pk).update(**times)
