"""Load the demo into the database: unions, branches, members and demo accounts, then two
years of records (the last complete year and the current one up to today) and a draft
annual summary.

Everything is written through the models' validation (`full_clean`) and the apps'
services, inside one transaction. The organisation and the roster are logged as "演示数据";
the year's records are logged under the accounts that would have entered them (the clerk
enters, the chairman approves), so the audit log reads like a union's real year. A failure
leaves nothing behind.

The records are planned first, without the database (`plan_year`): the same context gives
the same plan, which the tests compare between two generations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from audit.context import acting_as
from members.services import member_create
from unions.models import Branch, Role, Union, UnionLevel, UnionRole

from .activities import ActivityPlan, HonourPlan, load_activities, load_honours, plan_activities, plan_honours
from .cadres import load_cadres
from .cast import Cast, Roster
from .context import DemoContext
from .county import ON_SYSTEM, load_county
from .democracy import DemocracyPlan, load_democracy, plan_democracy
from .funds import FundsPlan, load_funds, plan_funds
from .organisations import COUNTY, GRASSROOTS, FederationPlan, UnionPlan
from .people import DemoMember, generate_rosters
from .report import load_report
from .returns import load_returns
from .rights import RightsPlan, load_rights, plan_rights
from .welfare import WelfareLoader, WelfarePlan, plan_welfare
from .works import MODELS as WORKS_MODELS
from .works import WorksPlan, load_works, plan_works

DEMO_UNION_CODE = "demo"
DEMO_PASSWORD = "demo12345"  # noqa: S105 - printed for everyone to see; demo only
AUDIT_LABEL = "演示数据"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    union_code: str
    role: str
    description: str


ACCOUNTS = (
    DemoAccount("clerk", "王晓红", "demo", Role.CLERK, "干事：查看、录入和修改"),
    DemoAccount("leader", "陈建国", "demo", Role.LEADER, "工会主席：另可审批、定稿"),
    DemoAccount("admin", "李明", "demo", Role.ADMIN, "管理员：另可管理用户、导出、查看完整身份证号"),
    DemoAccount("county", "张卫东", "demo-county", Role.ADMIN, "县总工会：只读查看下属工会"),
)
# The hospital union's own staff: they enter and approve its records, but nobody logs in
# as them (no password), so the printed list of accounts stays short.
HOSPITAL_STAFF = (
    DemoAccount("yy-clerk", "沈雅琴", "demo-hospital", Role.CLERK, "县人民医院工会干事"),
    DemoAccount("yy-leader", "俞慧芳", "demo-hospital", Role.LEADER, "县人民医院工会主席"),
)


class DemoConflictError(Exception):
    """Something the demo would create already exists."""


@dataclass(frozen=True)
class DemoSummary:
    unions: int
    branches: int
    members: dict[str, int]  # per union code
    accounts: int
    year: int = 0  # the last complete year, which the draft report covers
    records: dict[str, int] = field(default_factory=dict)  # kind -> how many, both years


@dataclass(frozen=True)
class YearPlan:
    """Every record of the demo's two years, before it is written."""

    activities: tuple[ActivityPlan, ...]
    honours: tuple[HonourPlan, ...]
    welfare: WelfarePlan
    democracy: DemocracyPlan
    rights: RightsPlan
    funds: tuple[FundsPlan, ...]  # per union
    works: WorksPlan

    def counts(self) -> dict[str, int]:
        w, d, r = self.welfare, self.democracy, self.rights
        return {
            "活动": len(self.activities),
            "荣誉": len(self.honours),
            "困难职工档案": len(w.files),
            "帮扶慰问发放": sum(len(b.members) for b in w.batches) + len(w.grants),
            "捐款活动": len(w.donations),
            "职代会": len(d.congresses),
            "提案": len(d.proposals),
            "厂务公开": len(d.disclosures),
            "集体合同": len(d.contracts),
            "合理化建议": len(d.suggestions),
            "党政工联席会": len(d.meetings),
            "劳动争议调解": len(r.mediations),
            "法律援助": len(r.legal_aid),
            "来信来访": len(r.petitions),
            "经费收支": sum(len(f.entries) for f in self.funds),
            **{str(m._meta.verbose_name): self.works.count(name) for name, m in WORKS_MODELS.items()},
        }


def rosters_of(people: dict[str, list[DemoMember]]) -> dict[str, Roster]:
    return {code: Roster(code, tuple(members)) for code, members in people.items()}


def plan_year(ctx: DemoContext, rosters: dict[str, Roster] | None = None) -> YearPlan:
    """The demo's records for the last complete year and the current one, up to today."""
    rosters = rosters or rosters_of(generate_rosters(ctx))
    activities = plan_activities(ctx, rosters)
    welfare = plan_welfare(ctx, rosters)
    democracy = plan_democracy(ctx, rosters)
    return YearPlan(
        activities=activities,
        honours=plan_honours(ctx, rosters),
        welfare=welfare,
        democracy=democracy,
        rights=plan_rights(ctx, rosters),
        funds=plan_funds(ctx, rosters, activities, welfare, democracy),
        works=plan_works(ctx, rosters),
    )


def demo_exists() -> bool:
    return Union.objects.filter(code=DEMO_UNION_CODE).exists()


def account_lines() -> list[str]:
    lines = [f"演示账号（密码均为 {DEMO_PASSWORD}，仅供演示，请勿用于真实数据）："]
    lines += [f"  {a.username:<7} {a.full_name:<4}  {a.description}" for a in ACCOUNTS]
    return lines


def _check_conflicts() -> None:
    codes = [COUNTY.code] + [plan.code for plan in GRASSROOTS] + [plan.code for plan in ON_SYSTEM]
    unions = list(Union.objects.filter(code__in=codes).values_list("code", flat=True))
    if unions:
        raise DemoConflictError(f"以下工会代码已被占用：{'、'.join(sorted(unions))}。演示数据未载入。")
    usernames = [a.username for a in ACCOUNTS + HOSPITAL_STAFF]
    users = list(get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True))
    if users:
        raise DemoConflictError(f"以下用户名已被占用：{'、'.join(sorted(users))}。演示数据未载入。")


def _union(plan: FederationPlan | UnionPlan, parent: Union | None) -> Union:
    level = plan.level if isinstance(plan, FederationPlan) else UnionLevel.GRASSROOTS
    union = Union(name=plan.name, code=plan.code, level=level, parent=parent)
    union.full_clean()
    union.save()
    return union


def _branch(union: Union, name: str) -> Branch:
    branch = Branch(union=union, name=name)
    branch.full_clean()
    branch.save()
    return branch


def _account(account: DemoAccount, union: Union, *, can_log_in: bool = True) -> object:
    user = get_user_model().objects.create_user(
        username=account.username,
        password=DEMO_PASSWORD if can_log_in else None,  # None: an unusable password
        first_name=account.full_name,
    )
    role = UnionRole(user=user, union=union, role=account.role)
    role.full_clean()
    role.save()
    return user


def _load_year(ctx: DemoContext, cast: Cast, plan: YearPlan) -> None:
    """Write the year's records as the union's staff would have: each union's clerk enters,
    its chairman approves and writes the report."""
    users = cast.users
    staff = {
        "demo": (users["clerk"], users["leader"]),
        "demo-hospital": (users["yy-clerk"], users["yy-leader"]),
    }
    for code, (clerk, _) in staff.items():
        with acting_as(clerk):
            load_activities(cast, tuple(a for a in plan.activities if a.union_code == code))
            load_honours(cast, tuple(h for h in plan.honours if h.union_code == code))
    WelfareLoader(cast, staff).load(plan.welfare)
    with acting_as(users["clerk"]):
        load_cadres(ctx, cast)
        load_democracy(cast, plan.democracy)
        load_rights(cast, plan.rights)
        load_works(cast, plan.works)
    for funds in plan.funds:
        with acting_as(staff[funds.union_code][0]):
            load_funds(cast, funds)
    with acting_as(users["clerk"]):
        load_returns(
            ctx,
            cast,
            filler={"demo": users["clerk"].first_name, "demo-hospital": users["yy-clerk"].first_name},
            head={"demo": users["leader"].first_name, "demo-hospital": users["yy-leader"].first_name},
        )
    with acting_as(users["leader"]):
        load_report(ctx, union=cast.unions["demo"], leader=users["leader"])


@transaction.atomic
def load_demo(*, ctx: DemoContext | None = None, records: bool = True) -> DemoSummary:
    """Create the demo. Raises DemoConflictError, changing nothing, if any of it exists.

    `records=False` stops after the organisation, the rosters and the accounts (tests of
    the roster alone need no year of records)."""
    ctx = ctx or DemoContext()
    _check_conflicts()
    rosters = generate_rosters(ctx)
    year = plan_year(ctx, rosters_of(rosters)) if records else None
    with acting_as(None, label=AUDIT_LABEL):
        county = _union(COUNTY, None)
        cast = Cast(unions={COUNTY.code: county})
        member_counts: dict[str, int] = {}
        for plan in GRASSROOTS:
            union = cast.unions[plan.code] = _union(plan, county)
            branches = cast.branches[plan.code] = {b.name: _branch(union, b.name) for b in plan.branches}
            cast.members[plan.code] = {
                person.card_number: member_create(
                    union=union, branch=branches[person.branch], **person.model_fields()
                )
                for person in rosters[plan.code]
            }
            member_counts[plan.code] = len(rosters[plan.code])
        for account in ACCOUNTS:
            cast.users[account.username] = _account(account, cast.unions[account.union_code])
        for account in HOSPITAL_STAFF:
            cast.users[account.username] = _account(
                account, cast.unions[account.union_code], can_log_in=False
            )
    county_counts: dict[str, int] = {}
    if year is not None:
        _load_year(ctx, cast, year)
        users = cast.users
        county_counts = load_county(
            ctx,
            county=county,
            admin=users["county"],
            leader_of={"demo": users["leader"], "demo-hospital": users["yy-leader"]},
        )
    return DemoSummary(
        unions=len(cast.unions) + county_counts.get("下级工会", 0),
        branches=sum(len(b) for b in cast.branches.values()),
        members=member_counts,
        accounts=len(ACCOUNTS),
        year=ctx.year,
        records={**year.counts(), **county_counts} if year is not None else {},
    )
