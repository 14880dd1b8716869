"""From a ledger's rows to records to write, or to Chinese messages per cell, or to questions.

Each cell is parsed by its column (types, vocabularies, lengths); the record type then makes
the row a record and validates it as the web form does. A row is valid, invalid (messages
with the column they concern), or pending (an ambiguous recipient the clerk must choose).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

from . import cells
from .errors import FileRefused
from .gcpause import gc_paused
from .headers import Layout
from .reader import LedgerSheet, Skipped
from .spec import Built, Column, RecordType, Row

_PLAIN = (int, float, dt.date, dt.time, dt.timedelta)
# Valid rows whose preview cells are kept (imports.preview); labels cost time at 50,000 rows.
SHOWN_ROWS = 200


@dataclass
class Invalid:
    row: int
    problems: list[tuple[str, str]]  # (column header, message)
    label: str
    id_number: str


@dataclass
class Pending:
    row: int
    built: Built
    label: str
    id_number: str


@dataclass
class Plan:
    record_type: RecordType
    layout: Layout
    missing: list[str] = field(default_factory=list)  # required columns no header maps to
    row_count: int = 0
    valid: list[tuple[int, Built]] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    skipped: Skipped = field(default_factory=Skipped)
    unchanged: int = 0  # valid rows that change nothing
    updated: int = 0  # valid rows that change an existing record
    context: Any = None  # what the record type looked up for the file

    @property
    def ready(self) -> bool:
        return not self.missing and not self.invalid and not self.pending and bool(self.valid)

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.row_count,
            "valid": len(self.valid),
            "invalid": len(self.invalid),
            "pending": len(self.pending),
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def missing_columns(record_type: RecordType, layout: Layout) -> list[str]:
    mapped = set(layout.mapping.values())
    missing = [c.header for c in record_type.columns if c.required and c.key not in mapped]
    for group in record_type.one_of:
        if not mapped & set(group):
            missing.append("或".join(f"“{record_type.header_of(k)}”" for k in group))
    return missing


def parse_cells(
    values: tuple[Any, ...], columns: Iterable[tuple[int, Column]]
) -> tuple[dict[str, Any], dict[str, str]]:
    return read_cells(values, cell_readers(columns))


_BLANK = object()
_MISS = object()
# Distinct texts remembered per column: a vocabulary (性别, 分会, 学历) fits many times over;
# a column of ID numbers fills it and then is parsed cell by cell, as without it.
CACHE_LIMIT = 4096


def cell_readers(columns: Iterable[tuple[int, Column]]) -> list[tuple[int, str, Any, dict | None]]:
    """(index, key, parser, cache) per mapped column, made once per file: a pure parser's
    answers for texts seen before are looked up rather than worked out again, which at
    50,000 rows is most cells (cells.pure)."""
    return [
        (index, column.key, column.parse, {} if getattr(column.parse, "pure", False) else None)
        for index, column in columns
    ]


def _read_cell(raw: Any, parse: Any) -> tuple[bool, Any]:
    """(True, value), (True, _BLANK) or (False, message) for a non-empty cell value."""
    if isinstance(raw, str):
        raw = raw.strip()
        if not raw:
            return True, _BLANK
        if raw[0] == "=":
            return False, cells.FORMULA_MESSAGE
        if raw[0] == "#" and raw in cells.EXCEL_ERROR_VALUES:
            return False, f"单元格显示错误值 {raw}，请改为正确的内容。"
    elif not isinstance(raw, _PLAIN):
        return False, cells.FORMULA_MESSAGE
    try:
        return True, parse(raw)
    except cells.CellError as exc:
        return False, exc.message


def read_cells(
    values: tuple[Any, ...], readers: list[tuple[int, str, Any, dict | None]]
) -> tuple[dict[str, Any], dict[str, str]]:
    parsed: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for index, key, parse, cache in readers:
        raw = values[index]  # rows are read as wide as the header (LedgerSheet.rows)
        if raw is None:
            continue
        if cache is not None and raw.__class__ is str:
            outcome = cache.get(raw, _MISS)
            if outcome is _MISS:
                outcome = _read_cell(raw, parse)
                if len(cache) < CACHE_LIMIT:
                    cache[raw] = outcome
        else:
            outcome = _read_cell(raw, parse)
        ok, value = outcome
        if not ok:
            errors[key] = value
        elif value is not _BLANK:
            parsed[key] = value
    return parsed, errors


def display(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _shown(record: Any, key: str, parsed: dict[str, Any]) -> str:
    """A preview cell: choice labels from the record, other values as parsed."""
    try:
        field_ = record._meta.get_field(key)
    except Exception:
        field_ = None
    if field_ is not None and getattr(field_, "choices", None):
        return str(dict(field_.flatchoices).get(getattr(record, field_.attname), ""))
    return display(parsed.get(key))


def _raw_text(values: tuple[Any, ...], index: int | None) -> str:
    value = None if index is None else values[index]
    return "" if value is None else cells.as_text(value).strip()[:60]


def _read_ahead(
    rows: Iterator[tuple[int, tuple[Any, ...]]], size: int = 2000
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The sheet's rows read a couple of thousand at a time: reading and checking then take
    turns by the batch rather than by the row, each with its own code and data in the CPU's
    caches, which measured a tenth faster at 50,000 rows. A refusal is raised as before."""
    while batch := list(islice(rows, size)):
        yield from batch


def build_plan(
    *, record_type: RecordType, sheet: LedgerSheet, union: Any, resolutions: dict[str, str] | None = None
) -> Plan:
    layout = sheet.layout
    plan = Plan(record_type=record_type, layout=layout, missing=missing_columns(record_type, layout))
    resolutions = resolutions or {}
    readers = cell_readers((index, record_type.column(key)) for index, key in sorted(layout.mapping.items()))
    index_of = layout.index_of
    label_index = next((index_of[k] for k in record_type.preview_keys if k in index_of), None)
    id_index = next((index_of[c.key] for c in record_type.columns if c.personal and c.key in index_of), None)
    labels = {c.key: c.header for c in record_type.columns}
    required = [c for c in record_type.columns if c.must_fill]
    order = {key: position for position, (_, key) in enumerate(sorted(layout.mapping.items()))}
    with_errors = record_type.build_with_errors
    context = None if plan.missing else record_type.context(union=union)
    plan.context = context
    with gc_paused():
        for number, values in _read_ahead(sheet.rows()):
            plan.row_count += 1
            if plan.missing:
                continue
            parsed, errors = read_cells(values, readers)
            for column in required:
                if column.key not in parsed and column.key not in errors:
                    errors[column.key] = f"“{column.header}”不能为空。"
            label, id_text = _raw_text(values, label_index), _raw_text(values, id_index)
            if not errors or with_errors:
                if resolutions:
                    prefix = f"{number}-"
                    choices = {k[len(prefix) :]: v for k, v in resolutions.items() if k.startswith(prefix)}
                    row = Row(number, parsed, resolutions.get(str(number)), choices, errors or None)
                else:
                    row = Row(number, parsed, None, {}, errors or None)
                built = record_type.build(row, union=union, context=context)
                if built.asks and not built.errors:
                    plan.pending.append(Pending(number, built, label, id_text))
                    continue
                if not built.writes and not built.errors:
                    plan.unchanged += 1
                    continue
                if not built.errors:
                    if built.is_update:
                        plan.updated += 1
                    if len(plan.valid) >= SHOWN_ROWS:
                        built.show = None
                    elif built.show is not None:
                        built.shown = built.show()
                    elif not built.shown:
                        built.shown = {
                            labels[k]: _shown(built.record, k, parsed) for k in record_type.preview_keys
                        }
                    plan.valid.append((number, built))
                    continue
                errors = built.errors
            # In the file's column order; messages about no one column last.
            keys = sorted(errors, key=lambda key: order.get(key, len(order)))
            problems = [(record_type.header_of(key) if key else "整行", errors[key]) for key in keys]
            plan.invalid.append(Invalid(number, problems, label, id_text))
    plan.skipped = sheet.skipped
    if record_type.empty_message and not plan.row_count:
        raise FileRefused(record_type.empty_message)
    return plan
