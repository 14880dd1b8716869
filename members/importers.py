"""The roster (会员花名册) as a record type of the one import framework (imports.spec).

What the roster has beyond a ledger lives in these hooks: update-or-create by ID number
(members.importing.rows), bulk writes with their own audit entries (members.importing.apply),
a template with an example row and the union's branches as a dropdown, its own pages,
wording and audit event, and a refusal of files whose name or ID column is not recognised
for certain (a guessed ID column would decide which members are updated).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from imports.errors import FileRefused
from imports.headers import GUESS, Layout
from imports.plan import Plan
from imports.registry import register
from imports.spec import Built, Column, RecordType, Row

from .import_models import ROSTER
from .importing.apply import write_roster
from .importing.columns import COLUMNS, EXAMPLE_ID_NUMBER
from .importing.rows import RosterContext, adds, build_row, roster_context, updates
from .models import Member

EMPTY = "（空）"
_FIELDS = {f.attname: f for f in Member._meta.concrete_fields}

NOTES = (
    "第一行是表头，请不要修改列名；不需要的列可以删除，列的顺序可以调整。第2行是示例，导入前请删除。",
    "按“身份证号”匹配本工会已有会员：已有的会员更新为表中填写的内容，没有的会员新增。",
    "更新已有会员时，空白单元格不会清除系统中已有的内容；只有填写了内容的单元格才会修改。",
    "“身份证号”“手机”“会员证号”列是文本格式，请不要改成数值，否则 Excel 会丢失身份证号的末几位。",
    "日期可以是 Excel 日期，也可以写成 2020-01-05、2020/1/5、2020.1.5 或 20200105。",
    "分会须是系统中已有的分会名称，导入不会自动新建分会。",
    "也可以直接上传本会自己的花名册：列名不同的列在预览中指定一次对应关系，系统会记住。",
    "请不要使用公式；如从其他表格复制，请用“选择性粘贴 → 数值”。",
    "导入前会先预览：新增、更新和有错误的行（含行号与原因）会分别列出，确认后才写入；有错误时不会写入任何数据。",
)


def field_label(attname: str) -> str:
    return str(_FIELDS[attname].verbose_name)


def display(attname: str, value: Any, branch_names: dict[int, str]) -> str:
    """A stored value as the roster shows it: labels for choices, branch names, 是/否."""
    if value is None or value == "":
        return EMPTY
    if attname == "branch_id":
        return branch_names.get(value, f"#{value}")
    model_field = _FIELDS[attname]
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@register
class RosterType(RecordType):
    key = ROSTER
    title = "会员花名册"
    model = Member
    columns = COLUMNS
    preview_keys = ("name",)
    max_rows_setting = "ROSTER_IMPORT_MAX_ROWS"
    build_with_errors = True  # a row's cell messages and its roster messages are listed together
    empty_message = "文件中只有表头，没有会员数据。"
    import_action = "members.roster.imported"
    upload_url = "members:import"
    preview_url = "members:import-preview"
    template_sheet = "会员花名册"
    template_example_row = True  # refused by its ID number when left in
    template_freeze = "C2"
    general_notes = NOTES

    def check_layout(self, layout: Layout) -> None:
        mapped = {key for index, key in layout.mapping.items() if layout.how.get(index) != GUESS}
        missing = [c.header for c in self.columns if c.required and c.key not in mapped]
        if missing:
            where = f"工作表“{layout.sheet_title}”第 {layout.header_row} 行"
            raise FileRefused(
                f"缺少必需的列：{'、'.join(missing)}。表头应在第一行（{where}），列名可参照导入模板。"
            )
        if layout.duplicates:
            raise FileRefused(
                f"工作表“{layout.sheet_title}”的表头中，{'、'.join(layout.duplicates)} 是同一列，请只保留一列。"
            )

    def context(self, *, union: Any) -> RosterContext:
        return roster_context(union)

    def build(self, row: Row, *, union: Any, context: Any) -> Built:
        return build_row(row, context)

    def write(self, built: Sequence[Built], *, union: Any, actor: Any) -> int:
        result = write_roster(union=union, built=built)
        return result.added + result.updated

    def header_of(self, key: str) -> str:
        if key in _FIELDS or key == "branch":
            try:
                return self.column(key).header
            except KeyError:
                return field_label(key)
        return super().header_of(key)

    def summarize(self, plan: Plan, limit: int) -> dict[str, Any]:
        names = plan.context.branch_names if plan.context else {}
        status_default = Member._meta.get_field("status").default
        return {
            "adds": [
                {
                    "row": add.row,
                    "name": add.values.get("name", ""),
                    "id_number": add.values.get("id_number", ""),
                    "gender": display("gender", add.values.get("gender"), names),
                    "branch": display("branch_id", add.values.get("branch_id"), names),
                    "joined_on": display("joined_on", add.values.get("joined_on"), names),
                    "status": display("status", add.values.get("status", status_default), names),
                }
                for add in adds(plan)[:limit]
            ],
            "updates": [
                {
                    "row": update.row,
                    "name": update.name,
                    "id_number": update.id_number,
                    "changes": [
                        [field_label(name), display(name, old, names), display(name, new, names)]
                        for name, (old, new) in update.changes.items()
                    ],
                }
                for update in updates(plan)[:limit]
            ],
        }

    def event_extra(self, plan: Plan) -> dict[str, Any]:
        return {"added": len(plan.valid) - plan.updated, "updated": plan.updated, "unchanged": plan.unchanged}

    def done_message(self, plan: Plan, created: int) -> str:
        return f"导入完成：新增 {len(plan.valid) - plan.updated} 人，更新 {plan.updated} 人。"

    def counts_line(self, plan: Plan) -> str:
        return (
            f"共 {plan.row_count} 行；新增 {len(plan.valid) - plan.updated} 人，更新 {plan.updated} 人，"
            f"无变化 {plan.unchanged} 人，错误 {len(plan.invalid)} 行。"
        )

    def template_allowed(self, column: Column, *, union: Any) -> list[str]:
        if column.key == "branch":
            return _branch_names(union)
        return super().template_allowed(column, union=union)

    def template_example(self, column: Column, *, union: Any) -> Any:
        if column.key == "id_number":
            return EXAMPLE_ID_NUMBER
        if column.key == "branch":
            names = _branch_names(union)
            return names[0] if names else None
        return column.example


def _branch_names(union: Any) -> list[str]:
    if union is None:
        return []
    return list(union.branches.filter(is_active=True).order_by("name").values_list("name", flat=True))


def open_roster(source: Any, limits_: Any = None) -> Any:
    """A roster file opened with the roster's columns (no union's remembered mapping): for
    the benchmark and the tests that read a roster without a union."""
    from imports.headers import Matcher
    from imports.reader import open_ledger

    return open_ledger(source, Matcher(RosterType(), remembered={}, chosen={}), limits_)
