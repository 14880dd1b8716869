"""One roster row against the roster: a member to add, a member to update (with the fields
that change), a member as already recorded, or Chinese messages per cell.

Rows are matched to existing members by ID number within the union. For an update, blank
cells keep the stored value: only filled cells change anything. Two queries per file: the
union's branches and its members, the latter as plain tuples to keep memory low at 50,000
rows. The cross-field rules are the member form's (members/validation.py), applied to the
values the member will have after the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from imports.plan import Plan
from imports.spec import Built, Row
from unions.models import Branch, Union

from ..choices import MembershipStatus
from ..models import Member
from ..validation import identity_errors, lifecycle_errors
from .columns import EXAMPLE_ID_NUMBER

ATTNAMES: tuple[str, ...] = tuple(f.attname for f in Member._meta.concrete_fields)
_INDEX = {name: i for i, name in enumerate(ATTNAMES)}
# Never set from a file: the key, the owner and the bookkeeping timestamps.
_NOT_FROM_FILE = frozenset({"id", "union_id", "id_number", "created_at", "updated_at"})
COMPARED: tuple[str, ...] = tuple(name for name in ATTNAMES if name not in _NOT_FROM_FILE)
_BRANCH_AT = _INDEX["branch_id"]
# A row that changes nothing: most rows of a re-imported roster; never changed by the plan.
_UNCHANGED = Built(writes=False)


@dataclass(slots=True)
class PlannedAdd:
    row: int
    values: dict[str, Any]  # attname -> value; model defaults fill the rest


@dataclass(slots=True)
class PlannedUpdate:
    row: int
    before: tuple[Any, ...]  # the stored member, in ATTNAMES order
    changes: dict[str, tuple[Any, Any]]  # attname -> (old, new)

    @property
    def pk(self) -> int:
        return self.before[_INDEX["id"]]

    @property
    def name(self) -> str:
        after = self.changes.get("name")
        return after[1] if after else self.before[_INDEX["name"]]

    @property
    def id_number(self) -> str:
        return self.before[_INDEX["id_number"]]


@dataclass
class RosterContext:
    """What a file is checked against, looked up once."""

    union: Union
    branches: dict[str, Branch]
    existing: dict[str, tuple[Any, ...]]  # ID number -> stored member, in ATTNAMES order
    first_row_of: dict[str, int] = field(default_factory=dict)  # ID number -> its first row

    @property
    def branch_names(self) -> dict[int, str]:
        return {branch.pk: branch.name for branch in self.branches.values()}


def load_existing(union: Union) -> dict[str, tuple[Any, ...]]:
    """The union's members keyed by ID number, in one query, as tuples in ATTNAMES order."""
    rows = Member.objects.filter(union=union).order_by().values_list(*ATTNAMES)
    key = _INDEX["id_number"]
    return {row[key]: row for row in rows.iterator(chunk_size=5000)}


def roster_context(union: Union) -> RosterContext:
    branches = {branch.name: branch for branch in Branch.objects.filter(union=union)}
    return RosterContext(union=union, branches=branches, existing=load_existing(union))


def _branch_error(name: str, branches: dict[str, Branch]) -> str:
    active = [branch.name for branch in branches.values() if branch.is_active]
    if not active:
        return f"分会“{name}”不存在。本工会尚未设置分会，请先在系统中添加分会，或将此格留空。"
    shown = "、".join(active[:30]) + ("等" if len(active) > 30 else "")
    return f"分会“{name}”不存在。现有分会：{shown}。如需新分会，请先在系统中添加。"


def member_errors(values: dict[str, Any], *, is_new: bool, id_ok: bool) -> dict[str, str]:
    """Rules across fields, on the member's values after the import (`values` is updated
    with the birth date and gender read from the ID number, as Member.clean() does)."""
    errors: dict[str, str] = {}
    if id_ok:
        resident, errors = identity_errors(
            values["id_number"], values.get("birth_date"), values.get("gender")
        )
        if resident is not None:
            values["birth_date"] = values.get("birth_date") or resident.birth_date
            values["gender"] = values.get("gender") or resident.gender
    if is_new:
        if not values.get("name"):
            errors["name"] = "新会员须填写姓名。"
        if not values.get("joined_on"):
            errors["joined_on"] = "新会员须填写入会时间。"
    status = values.get("status") or MembershipStatus.ACTIVE
    for name, message in lifecycle_errors(
        status, values.get("status_date"), values.get("joined_on"), values.get("birth_date")
    ).items():
        errors.setdefault(name, message)
    return errors


def build_row(row: Row, context: RosterContext) -> Built:
    """The row's values (the parsed dict itself: at 50,000 rows copies would cost tens of
    MB) become the planned member."""
    errors = row.errors or {}
    values = row.values
    number = values.get("id_number") or ""
    if number == EXAMPLE_ID_NUMBER:
        errors["id_number"] = "这是导入模板中的示例行，请删除后再导入。"
    if "id_number" not in errors:
        if not number:
            errors["id_number"] = "身份证号不能为空。"
        elif number in context.first_row_of:
            errors["id_number"] = f"身份证号与第{context.first_row_of[number]}行重复。"
        else:
            context.first_row_of[number] = row.number
    before = context.existing.get(number) if number else None

    if "branch" in values:
        branch_name = values.pop("branch")
        branch = context.branches.get(branch_name)
        if branch is None:
            errors["branch"] = _branch_error(branch_name, context.branches)
        elif not branch.is_active and (before is None or before[_BRANCH_AT] != branch.pk):
            errors["branch"] = f"分会“{branch.name}”已停用，请选择在用的分会。"
        else:
            values["branch_id"] = branch.pk

    id_ok = "id_number" not in errors
    if before is None:
        merged = values
        # As the member form does: an 在册 newcomer has no status date.
        if merged.get("status", MembershipStatus.ACTIVE) == MembershipStatus.ACTIVE:
            merged.pop("status_date", None)
    else:
        merged = dict(zip(ATTNAMES, before, strict=True))
        merged.update(values)
    for name, message in member_errors(merged, is_new=before is None, id_ok=id_ok).items():
        errors.setdefault(name, message)

    if errors:
        return Built(errors=errors)
    if before is None:
        return Built(item=PlannedAdd(row.number, merged))
    changes = {
        name: (before[_INDEX[name]], merged[name])
        for name in COMPARED
        if merged[name] != before[_INDEX[name]]
    }
    if changes:
        return Built(item=PlannedUpdate(row.number, before, changes), is_update=True)
    return _UNCHANGED


def adds(plan: Plan) -> list[PlannedAdd]:
    return [built.item for _, built in plan.valid if not built.is_update]


def updates(plan: Plan) -> list[PlannedUpdate]:
    return [built.item for _, built in plan.valid if built.is_update]
