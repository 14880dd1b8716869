"""Load the demo into the database: unions, branches, members and demo accounts.

Everything is written through the models' validation (`full_clean`) and the member
service, inside one transaction and with the audit actor "演示数据", so the audit log
shows where the rows came from and a failure leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from audit.context import acting_as
from members.services import member_create
from unions.models import Branch, Role, Union, UnionLevel, UnionRole

from .context import DemoContext
from .organisations import COUNTY, GRASSROOTS, FederationPlan, UnionPlan
from .people import generate_rosters

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


class DemoConflictError(Exception):
    """Something the demo would create already exists."""


@dataclass(frozen=True)
class DemoSummary:
    unions: int
    branches: int
    members: dict[str, int]  # per union code
    accounts: int


def demo_exists() -> bool:
    return Union.objects.filter(code=DEMO_UNION_CODE).exists()


def account_lines() -> list[str]:
    lines = [f"演示账号（密码均为 {DEMO_PASSWORD}，仅供演示，请勿用于真实数据）："]
    lines += [f"  {a.username:<7} {a.full_name:<4}  {a.description}" for a in ACCOUNTS]
    return lines


def _check_conflicts() -> None:
    codes = [COUNTY.code] + [plan.code for plan in GRASSROOTS]
    unions = list(Union.objects.filter(code__in=codes).values_list("code", flat=True))
    if unions:
        raise DemoConflictError(f"以下工会代码已被占用：{'、'.join(sorted(unions))}。演示数据未载入。")
    usernames = [a.username for a in ACCOUNTS]
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


def _account(account: DemoAccount, union: Union) -> None:
    user = get_user_model().objects.create_user(
        username=account.username, password=DEMO_PASSWORD, first_name=account.full_name
    )
    role = UnionRole(user=user, union=union, role=account.role)
    role.full_clean()
    role.save()


@transaction.atomic
def load_demo(*, ctx: DemoContext | None = None) -> DemoSummary:
    """Create the demo. Raises DemoConflictError, changing nothing, if any of it exists."""
    ctx = ctx or DemoContext()
    _check_conflicts()
    rosters = generate_rosters(ctx)
    with acting_as(None, label=AUDIT_LABEL):
        county = _union(COUNTY, None)
        unions = {COUNTY.code: county}
        branch_count = 0
        member_counts: dict[str, int] = {}
        for plan in GRASSROOTS:
            union = unions[plan.code] = _union(plan, county)
            branches = {b.name: _branch(union, b.name) for b in plan.branches}
            branch_count += len(branches)
            for person in rosters[plan.code]:
                member_create(union=union, branch=branches[person.branch], **person.model_fields())
            member_counts[plan.code] = len(rosters[plan.code])
        for account in ACCOUNTS:
            _account(account, unions[account.union_code])
    return DemoSummary(
        unions=len(unions), branches=branch_count, members=member_counts, accounts=len(ACCOUNTS)
    )
