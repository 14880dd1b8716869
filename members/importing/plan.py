"""What an import would do to a union's roster: rows to add, rows to update (and which fields
change), rows left unchanged, and invalid rows with their messages.

Rows are matched to existing members by ID number within the union. For an update, blank
cells keep the stored value: only filled cells change anything. Two queries: the union's
branches and its members, the latter as plain tuples to keep memory low at 50,000 rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unions.models import Branch, Union

from ..choices import MembershipStatus
from ..models import Member
from .columns import header_of
from .gcpause import gc_paused
from .reader import SheetLayout
from .validate import ParsedRow, ParsedSheet, member_errors

ATTNAMES: tuple[str, ...] = tuple(f.attname for f in Member._meta.concrete_fields)
_INDEX = {name: i for i, name in enumerate(ATTNAMES)}
# Never set from a file: the key, the owner and the bookkeeping timestamps.
_NOT_FROM_FILE = frozenset({"id", "union_id", "id_number", "created_at", "updated_at"})
COMPARED: tuple[str, ...] = tuple(name for name in ATTNAMES if name not in _NOT_FROM_FILE)


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


@dataclass(slots=True)
class InvalidRow:
    row: int
    name: str
    id_number: str  # as typed
    problems: list[tuple[str, str]]  # (column header, message), in column order


@dataclass
class ImportPlan:
    union: Union
    layout: SheetLayout
    adds: list[PlannedAdd] = field(default_factory=list)
    updates: list[PlannedUpdate] = field(default_factory=list)
    invalid: list[InvalidRow] = field(default_factory=list)
    unchanged: int = 0
    branch_names: dict[int, str] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return len(self.adds) + len(self.updates) + len(self.invalid) + self.unchanged

    @property
    def has_errors(self) -> bool:
        return bool(self.invalid)

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.row_count,
            "added": len(self.adds),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "invalid": len(self.invalid),
        }


def load_existing(union: Union) -> dict[str, tuple[Any, ...]]:
    """The union's members keyed by ID number, in one query, as tuples in ATTNAMES order."""
    rows = Member.objects.filter(union=union).order_by().values_list(*ATTNAMES)
    key = _INDEX["id_number"]
    return {row[key]: row for row in rows.iterator(chunk_size=5000)}


def _branch_error(name: str, branches: dict[str, Branch]) -> str:
    active = [branch.name for branch in branches.values() if branch.is_active]
    if not active:
        return f"分会“{name}”不存在。本工会尚未设置分会，请先在系统中添加分会，或将此格留空。"
    shown = "、".join(active[:30]) + ("等" if len(active) > 30 else "")
    return f"分会“{name}”不存在。现有分会：{shown}。如需新分会，请先在系统中添加。"


def build_plan(*, union: Union, parsed: ParsedSheet) -> ImportPlan:
    """Match, check and classify every parsed row. The rows' value dicts become the planned
    values (not copied: at 50,000 rows the copies would cost tens of MB), so `parsed` is
    used up by this call."""
    with gc_paused():
        return _build_plan(union, parsed)


def _build_plan(union: Union, parsed: ParsedSheet) -> ImportPlan:
    branches = {branch.name: branch for branch in Branch.objects.filter(union=union)}
    plan = ImportPlan(
        union=union, layout=parsed.layout, branch_names={b.pk: b.name for b in branches.values()}
    )
    existing = load_existing(union)
    order = {column.field: i for i, (_, column) in enumerate(parsed.layout.columns)}
    file_headers = {column.field: parsed.layout.headers[index] for index, column in parsed.layout.columns}
    first_row_of: dict[str, int] = {}
    branch_at = _INDEX["branch_id"]

    for row in parsed.rows:
        errors = row.errors or {}
        values = row.values
        number = values.get("id_number") or ""
        if "id_number" not in errors:
            if not number:
                errors["id_number"] = "身份证号不能为空。"
            elif number in first_row_of:
                errors["id_number"] = f"身份证号与第{first_row_of[number]}行重复。"
            else:
                first_row_of[number] = row.number
        before = existing.get(number) if number else None

        if "branch" in values:
            branch_name = values.pop("branch")
            branch = branches.get(branch_name)
            if branch is None:
                errors["branch"] = _branch_error(branch_name, branches)
            elif not branch.is_active and (before is None or before[branch_at] != branch.pk):
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
            plan.invalid.append(_invalid(row, errors, order, file_headers))
        elif before is None:
            plan.adds.append(PlannedAdd(row.number, merged))
        else:
            changes = {
                name: (before[_INDEX[name]], merged[name])
                for name in COMPARED
                if merged[name] != before[_INDEX[name]]
            }
            if changes:
                plan.updates.append(PlannedUpdate(row.number, before, changes))
            else:
                plan.unchanged += 1
    return plan


def _invalid(
    row: ParsedRow, errors: dict[str, str], order: dict[str, int], file_headers: dict[str, str]
) -> InvalidRow:
    fields = sorted(errors, key=lambda name: order.get(name, len(order)))
    problems = [(file_headers.get(name) or header_of(name), errors[name]) for name in fields]
    return InvalidRow(row=row.number, name=row.name, id_number=row.id_text, problems=problems)
