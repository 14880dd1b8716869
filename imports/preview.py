"""What the preview page shows of a plan, as plain JSON kept with the upload; and the same
rows as one viewer may see them (members.privacy: ID numbers masked without full-ID rights)."""

from __future__ import annotations

from typing import Any

from members.privacy import birth_year, scrub_ids, shown_id

from .headers import GUESS
from .plan import SHOWN_ROWS, Plan

SAMPLE_LIMIT = SHOWN_ROWS  # rows beyond have no preview cells


def plan_summary(plan: Plan, limit: int = SAMPLE_LIMIT) -> dict[str, Any]:
    layout = plan.layout
    record_type = plan.record_type
    headers = {c.key: c.header for c in record_type.columns}
    return {
        "sheet": layout.sheet_title,
        "header_rows": list(layout.header_rows),
        "header_row": layout.header_row,
        "ignored_columns": layout.ignored,
        "columns": [
            {
                "index": index,
                "header": header,
                "key": layout.mapping.get(index, ""),
                "field": headers.get(layout.mapping.get(index, ""), ""),
                "guess": layout.how.get(index) == GUESS,
                "how": layout.how.get(index, ""),
            }
            for index, header in enumerate(layout.headers)
            if header
        ],
        "duplicates": list(layout.duplicates),
        "missing": list(plan.missing),
        "skipped_totals": plan.skipped.totals[:50],
        "skipped_footers": plan.skipped.footers[:50],
        "limit": limit,
        "preview_headers": [headers[k] for k in record_type.preview_keys],
        "valid": [
            {"row": number, "cells": [built.shown.get(headers[k], "") for k in record_type.preview_keys]}
            | ({"note": built.extra["note"]} if built.extra.get("note") else {})
            for number, built in plan.valid[:limit]
        ],
        "errors": [
            {
                "row": bad.row,
                "label": bad.label,
                "id_number": bad.id_number,
                "problems": [list(p) for p in bad.problems],
            }
            for bad in plan.invalid[:limit]
        ],
        "pending": [
            {
                "row": item.row,
                "key": key,
                "label": item.label,
                "id_number": item.id_number,
                "question": question,
                "candidates": [list(c) for c in candidates],
            }
            for item in plan.pending[:limit]
            for key, question, candidates in item.built.keyed_questions(item.row)
        ],
    } | record_type.summarize(plan, limit)


EMPTY = "（空）"


def shown_rows(
    rows: list[dict[str, Any]], *, full: bool, years_only: frozenset[str] = frozenset({"出生日期"})
) -> list[dict[str, Any]]:
    """Summary rows for one viewer: ID numbers masked (also inside messages) without full
    rights, and in the changes of an update the `years_only` fields (birth dates) as years."""
    shown = []
    for row in rows:
        row = {**row, "id_shown": shown_id(row.get("id_number", ""), full=full)}
        if not full:
            row.pop("id_number", None)
            row["label"] = scrub_ids(row.get("label", ""))
            if "problems" in row:
                row["problems"] = [[column, scrub_ids(text)] for column, text in row["problems"]]
            if "cells" in row:
                row["cells"] = [scrub_ids(text) for text in row["cells"]]
            if "name" in row:
                row["name"] = scrub_ids(row["name"])
            if "changes" in row:
                row["changes"] = [
                    [label, *(birth_year(v) if v != EMPTY else v for v in values)]
                    if label in years_only
                    else [label, *values]
                    for label, *values in row["changes"]
                ]
        shown.append(row)
    return shown
