"""What the preview page shows of a plan, as plain JSON kept with the upload.

A 50,000-row file must not make a 50,000-row page: the first rows of each kind are kept
(the counts are always complete), and the full error list is the error workbook.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..models import Member
from ..privacy import birth_year, scrub_ids, shown_id
from .plan import ImportPlan

SAMPLE_LIMIT = 200
EMPTY = "（空）"

_FIELDS = {f.attname: f for f in Member._meta.concrete_fields}


def field_label(attname: str) -> str:
    return str(_FIELDS[attname].verbose_name)


def display(attname: str, value: Any, plan: ImportPlan) -> str:
    """A stored value as the roster shows it: labels for choices, branch names, 是/否."""
    if value is None or value == "":
        return EMPTY
    if attname == "branch_id":
        return plan.branch_names.get(value, f"#{value}")
    model_field = _FIELDS[attname]
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def shown_rows(rows: list[dict[str, Any]], *, full: bool) -> list[dict[str, Any]]:
    """Summary rows as one viewer may see them: `id_shown`, and for a viewer without full-ID
    rights a masked number and birth dates as years (members.privacy)."""
    birth = field_label("birth_date")
    shown = []
    for row in rows:
        row = {**row, "id_shown": shown_id(row.get("id_number", ""), full=full)}
        if not full:
            row.pop("id_number", None)
            row["name"] = scrub_ids(row.get("name", ""))
            if "problems" in row:  # messages may quote a cell, an ID typed in the wrong column
                row["problems"] = [[column, scrub_ids(text)] for column, text in row["problems"]]
            if "changes" in row:
                row["changes"] = [
                    [label, *(birth_year(v) if v != EMPTY else v for v in values)]
                    if label == birth
                    else [label, *values]
                    for label, *values in row["changes"]
                ]
        shown.append(row)
    return shown


def plan_summary(plan: ImportPlan, limit: int = SAMPLE_LIMIT) -> dict[str, Any]:
    layout = plan.layout
    return {
        "sheet": layout.sheet_title,
        "header_row": layout.header_row,
        "columns": [layout.headers[index] for index, _ in layout.columns],
        "ignored_columns": list(layout.ignored),
        "limit": limit,
        "adds": [
            {
                "row": add.row,
                "name": add.values.get("name", ""),
                "id_number": add.values.get("id_number", ""),
                "gender": display("gender", add.values.get("gender"), plan),
                "branch": display("branch_id", add.values.get("branch_id"), plan),
                "joined_on": display("joined_on", add.values.get("joined_on"), plan),
                "status": display(
                    "status", add.values.get("status", Member._meta.get_field("status").default), plan
                ),
            }
            for add in plan.adds[:limit]
        ],
        "updates": [
            {
                "row": update.row,
                "name": update.name,
                "id_number": update.id_number,
                "changes": [
                    [field_label(name), display(name, old, plan), display(name, new, plan)]
                    for name, (old, new) in update.changes.items()
                ],
            }
            for update in plan.updates[:limit]
        ],
        "errors": [
            {
                "row": bad.row,
                "name": bad.name,
                "id_number": bad.id_number,
                "problems": [list(p) for p in bad.problems],
            }
            for bad in plan.invalid[:limit]
        ],
    }
