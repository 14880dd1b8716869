"""Generate the demo rosters from the plans in `demo.organisations`.

Pure: no database access, so tests can regenerate exactly what `load_demo` stored.
Every ID number is valid and unique, gender and birth date agree with it, and the dates
of a membership follow each other (born → 18 → joined → ended, nothing after today).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, fields
from typing import Any

from members.choices import (
    Education,
    Employment,
    Household,
    MembershipStatus,
    ModelWorkerLevel,
    PoliticalStatus,
)
from members.id_numbers import compose

from .context import DemoContext
from .names import NameGenerator
from .organisations import COUNTY_NAME, GRASSROOTS, Department, FixedPerson, UnionPlan

BIRTH_FIRST_YEAR = 1966
BIRTH_LAST_YEAR = 2003
MIN_JOIN_AGE = 18

# Zhejiang county codes (GB/T 2260). Town dwellers carry city-district codes; rural and
# migrant workers come from the province's hill counties. 景宁 is the She (畲族) county.
URBAN_AREAS = ("330102", "330105", "330106", "330108", "330109", "330110", "330203", "330205", "330212")
# fmt: off
RURAL_AREAS = (
    "330122", "330127", "330182", "330225", "330226", "330822", "330824", "330825", "331121",
    "331122", "331123", "331124", "331126",
)
# fmt: on
SHE_AREA = "331127"

# fmt: off
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157",
    "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "198", "199",
)
# fmt: on

EDUCATION_PROFILES: dict[str, tuple[tuple[str, int], ...]] = {
    "workshop": (
        (Education.JUNIOR, 30),
        (Education.SECONDARY, 47),
        (Education.COLLEGE, 19),
        (Education.BACHELOR, 4),
    ),
    "migrant": ((Education.JUNIOR, 55), (Education.SECONDARY, 38), (Education.COLLEGE, 7)),
    "technical": (
        (Education.SECONDARY, 6),
        (Education.COLLEGE, 26),
        (Education.BACHELOR, 56),
        (Education.POSTGRADUATE, 12),
    ),
    "office": (
        (Education.SECONDARY, 8),
        (Education.COLLEGE, 40),
        (Education.BACHELOR, 47),
        (Education.POSTGRADUATE, 5),
    ),
    "doctor": ((Education.BACHELOR, 55), (Education.POSTGRADUATE, 45)),
    "nurse": ((Education.SECONDARY, 8), (Education.COLLEGE, 52), (Education.BACHELOR, 40)),
    "manager": ((Education.SECONDARY, 10), (Education.COLLEGE, 45), (Education.BACHELOR, 45)),
    "engineer": ((Education.BACHELOR, 75), (Education.POSTGRADUATE, 25)),
}
TITLE_EDUCATION = {
    "车间主任": "manager",
    "车间副主任": "manager",
    "工程师": "engineer",
    "质量工程师": "engineer",
    "主任医师": "doctor",
    "司机": "workshop",
    "保洁员": "migrant",
    "电工": "workshop",
}

# Ages a job title plausibly has; staff without an entry take their department's range.
TITLE_AGES: dict[str, tuple[int, int]] = {
    "车间主任": (40, 56),
    "车间副主任": (35, 52),
    "班组长": (30, 52),
    "部长": (38, 56),
    "副部长": (34, 50),
    "主任": (36, 56),
    "科主任": (42, 57),
    "科长": (38, 55),
    "护理部主任": (42, 55),
    "护士长": (34, 52),
    "主任医师": (45, 58),
    "副主任医师": (38, 52),
    "主治医师": (30, 45),
    "住院医师": (24, 33),
    "护士": (21, 30),
    "护师": (25, 38),
    "主管护师": (32, 52),
    "工程师": (28, 50),
    "助理工程师": (23, 32),
    "技术员": (22, 40),
    "质量工程师": (27, 48),
}

RETAINED_NOTES = ("停薪留职，保留会籍", "长期病休，保留会籍")


_NOT_MODEL_FIELDS = frozenset({"union_code", "branch", "is_leader", "is_fixed"})


@dataclass
class DemoMember:
    """One roster row; `branch` is the branch name inside the member's union."""

    union_code: str
    branch: str
    name: str
    gender: str
    birth_date: dt.date
    id_number: str
    phone: str
    ethnicity: str
    political_status: str
    education: str
    household: str
    employment: str
    is_migrant_worker: bool
    department: str
    job_title: str
    joined_on: dt.date
    card_number: str = ""
    status: str = MembershipStatus.ACTIVE
    status_date: dt.date | None = None
    model_worker_level: str = ""
    notes: str = ""
    is_leader: bool = field(default=False, repr=False)
    is_fixed: bool = field(default=False, repr=False)

    def model_fields(self) -> dict[str, Any]:
        """Keyword arguments for `Member`, without union and branch."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_MODEL_FIELDS}

    def age_in(self, year: int) -> int:
        return year - self.birth_date.year


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _quota(rng: random.Random, n: int, share: float, yes: Any, no: Any) -> list[Any]:
    k = round(n * share)
    values = [yes] * k + [no] * (n - k)
    rng.shuffle(values)
    return values


def _anniversary(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class RosterGenerator:
    """Draws people for one demo; shares ID numbers, phones and names across its unions."""

    def __init__(self, ctx: DemoContext, rng: random.Random) -> None:
        self.ctx = ctx
        self.rng = rng
        self.names = NameGenerator(rng)
        self.id_numbers: set[str] = set()
        self.phones: set[str] = set()

    # -- one union ---------------------------------------------------------------------
    def roster(self, plan: UnionPlan) -> list[DemoMember]:
        for branch in plan.branches:
            for dept in branch.departments:
                for person in dept.fixed:
                    self.names.taken.add(person.name)
        people: list[DemoMember] = []
        for branch in plan.branches:
            for dept in branch.departments:
                people.extend(self._department(plan, branch.name, dept))
        self._end_memberships(plan, people)
        self._model_workers(plan, people)
        self._card_numbers(plan, people)
        return people

    def _department(self, plan: UnionPlan, branch: str, dept: Department) -> list[DemoMember]:
        # Shares are met as quotas, not coin tosses, so that the figures a reader checks
        # (女职工 and 农民工 shares) come out as planned whatever the seed.
        rng = self.rng
        drawn = dept.headcount - len(dept.fixed)
        genders = _quota(rng, drawn, dept.female_share, "F", "M")
        leaders = [title for title, count in dept.leaders for _ in range(count)]
        staff_count = drawn - len(leaders)
        migrants = _quota(rng, staff_count, dept.migrant_share, True, False)

        people = [self._person(plan, branch, dept, p.job_title, fixed=p) for p in dept.fixed]
        for title in leaders:
            people.append(self._person(plan, branch, dept, title, gender=genders.pop(), leader=True))
        for _ in range(staff_count):
            title = _weighted(rng, dept.staff)
            people.append(
                self._person(plan, branch, dept, title, gender=genders.pop(), migrant=migrants.pop())
            )
        return people

    def _person(
        self,
        plan: UnionPlan,
        branch: str,
        dept: Department,
        title: str,
        *,
        gender: str = "M",
        leader: bool = False,
        migrant: bool = False,
        fixed: FixedPerson | None = None,
    ) -> DemoMember:
        rng, year = self.rng, self.ctx.year
        if fixed:
            gender, birth = fixed.gender, fixed.birth_date
        else:
            low, high = TITLE_AGES.get(title, dept.ages)
            # Keep birth years inside the demo's range without piling people up at its ends.
            low, high = max(low, year - BIRTH_LAST_YEAR), min(high, year - BIRTH_FIRST_YEAR)
            birth_year = year - rng.randint(low, max(low, high))
            birth = dt.date(birth_year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        age = year - birth.year

        roll = rng.random()
        ethnicity = (
            "汉族" if roll < 0.97 else "畲族" if roll < 0.985 else rng.choice(("回族", "土家族", "苗族"))
        )
        rural = migrant or rng.random() < 0.15
        area = SHE_AREA if ethnicity == "畲族" else rng.choice(RURAL_AREAS if rural else URBAN_AREAS)

        if migrant:
            employment = Employment.MIGRANT if rng.random() < 0.7 else Employment.DISPATCHED
        else:
            employment = Employment.CONTRACT if leader or rng.random() < 0.96 else Employment.DISPATCHED

        if fixed and fixed.education:
            education = fixed.education
        else:
            profile = "migrant" if migrant else TITLE_EDUCATION.get(title, dept.education)
            education = _weighted(rng, EDUCATION_PROFILES[profile])

        political = (
            fixed.political_status
            if fixed and fixed.political_status
            else self._political(dept, age, leader, migrant)
        )

        return DemoMember(
            union_code=plan.code,
            branch=branch,
            name=fixed.name if fixed else self.names.name(gender, birth.year),
            gender=gender,
            birth_date=birth,
            id_number=self._id_number(area, birth, gender),
            phone=self._phone(),
            ethnicity=ethnicity,
            political_status=political,
            education=education,
            household=Household.RURAL if rural else Household.URBAN,
            employment=employment,
            is_migrant_worker=migrant,
            department=dept.name,
            job_title=title,
            joined_on=self._joined_on(plan, birth),
            is_leader=leader,
            is_fixed=fixed is not None,
        )

    def _political(self, dept: Department, age: int, leader: bool, migrant: bool) -> str:
        share = dept.party_share * (3 if leader else 1) * (0.3 if migrant else 1)
        roll = self.rng.random()
        if roll < share:
            return PoliticalStatus.CPC
        if roll < share + 0.01:
            return PoliticalStatus.CPC_PROBATION
        if roll > 0.995 and not migrant:
            return PoliticalStatus.DEMOCRATIC_PARTY
        if age <= 28 and self.rng.random() < 0.4:
            return PoliticalStatus.LEAGUE
        return PoliticalStatus.MASSES

    def _id_number(self, area: str, birth: dt.date, gender: str) -> str:
        while True:
            # 001-999: odd for men, even for women.
            sequence = 2 * self.rng.randint(0, 499) + 1 if gender == "M" else 2 * self.rng.randint(1, 499)
            number = compose(area, birth, sequence)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def _phone(self) -> str:
        while True:
            phone = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _joined_on(self, plan: UnionPlan, birth: dt.date) -> dt.date:
        ctx = self.ctx
        earliest = max(plan.founded, _anniversary(birth, MIN_JOIN_AGE))
        year_start = dt.date(ctx.year, 1, 1)
        if earliest >= year_start or self.rng.random() < plan.new_share:
            # New this year (本年新发展会员).
            return ctx.random_day(self.rng, max(earliest, year_start), dt.date(ctx.year, 12, 31))
        return ctx.random_day(self.rng, earliest, year_start - dt.timedelta(days=1))

    # -- after the whole union is drawn --------------------------------------------------
    def _end_memberships(self, plan: UnionPlan, people: list[DemoMember]) -> None:
        """Retirements, transfers and 保留会籍, all dated in the demo year."""
        rng, ctx = self.rng, self.ctx
        year_start, year_end = dt.date(ctx.year, 1, 1), dt.date(ctx.year, 12, 31)
        settled = [p for p in people if not p.is_fixed and p.joined_on < year_start]

        # Women retire at 50 (workers) or 55 (cadres); the demo's men are all under 60.
        retiring = sorted(
            (p for p in settled if p.gender == "F" and p.age_in(ctx.year) >= 50),
            key=lambda p: p.birth_date,
        )[: plan.retired]
        for person in retiring:
            person.status = MembershipStatus.RETIRED
            person.status_date = ctx.random_day(rng, year_start, year_end)
            person.notes = "办理退休手续"

        movable = [p for p in settled if p.status == MembershipStatus.ACTIVE and not p.is_leader]
        for person in rng.sample(movable, plan.transferred):
            person.status = MembershipStatus.TRANSFERRED
            person.status_date = ctx.random_day(rng, year_start, year_end)
            person.notes = rng.choice(plan.transfer_notes)

        movable = [p for p in movable if p.status == MembershipStatus.ACTIVE]
        for person in rng.sample(movable, plan.retained):
            person.status = MembershipStatus.RETAINED
            person.status_date = ctx.random_day(rng, year_start, year_end)
            person.notes = rng.choice(RETAINED_NOTES)

    def _model_workers(self, plan: UnionPlan, people: list[DemoMember]) -> None:
        rng, year = self.rng, self.ctx.year
        candidates = [
            p
            for p in people
            if p.status == MembershipStatus.ACTIVE
            and p.job_title in plan.model_worker_titles
            and p.age_in(year) >= 35
            and p.joined_on.year < year - 3
        ]
        labels = {ModelWorkerLevel.COUNTY: f"{COUNTY_NAME}劳动模范", ModelWorkerLevel.CITY: "市级劳动模范"}
        for level, count in plan.model_workers:
            for person in rng.sample(candidates, count):
                candidates.remove(person)
                person.model_worker_level = level
                person.notes = (
                    f"{rng.randint(max(person.joined_on.year + 2, year - 8), year - 1)}年度{labels[level]}"
                )

    def _card_numbers(self, plan: UnionPlan, people: list[DemoMember]) -> None:
        """Card numbers run per year of joining: QS2019-0001, QS2019-0002, …"""
        counters: dict[int, int] = {}
        for person in sorted(people, key=lambda p: p.joined_on):
            counters[person.joined_on.year] = counters.get(person.joined_on.year, 0) + 1
            person.card_number = (
                f"{plan.card_prefix}{person.joined_on.year}-{counters[person.joined_on.year]:04d}"
            )


def generate_rosters(ctx: DemoContext) -> dict[str, list[DemoMember]]:
    """Every demo union's roster, keyed by union code, in creation order."""
    generator = RosterGenerator(ctx, ctx.rng("members"))
    return {plan.code: generator.roster(plan) for plan in GRASSROOTS}
