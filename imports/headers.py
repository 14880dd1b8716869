"""Finding the header of a ledger and which column feeds which field.

Unions' own sheets put a title above the header, split a header over two rows with merged
cells (金额 over 现金 and 物品折价), and name columns their own way. The header is the row
(or pair of rows) among the first ones that names the most columns; each header is then
mapped, in this order: the clerk's choice for this file, the mapping the union chose before
for this record type, an exact header or alias, a guess by containment (shown as a guess).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .cells import as_text
from .spec import RecordType

HEADER_SEARCH_ROWS = 12
MAX_COLUMNS = 300
# Columns our own error workbook adds, and numbering columns: never data.
HELPER_HEADERS = frozenset({"原行号", "错误说明", "序号", "编号", "行号", "no", "no."})
CHOSEN, REMEMBERED, EXACT, GUESS = "chosen", "remembered", "exact", "guess"

_NOISE = re.compile(r"[\s\u3000*＊:：]|[(]必填[)]")
_BRACKETS = re.compile(r"[(\[【][^)\]】]*[)\]】]")


def normalize(value: Any) -> str:
    """'  *身份证号码（必填）', '身份证号码' and '身份证 号码' are one header."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", as_text(value)).replace("／", "/")
    return _NOISE.sub("", text).lower()


def bare(value: str) -> str:
    """A normalised header without what brackets say: '现金(元)' → '现金'."""
    return _BRACKETS.sub("", value)


@dataclass
class Layout:
    sheet_title: str
    header_rows: tuple[int, ...]
    headers: list[str]  # per column index, as shown ("慰问金额·现金" for a two-row header)
    mapping: dict[int, str] = field(default_factory=dict)  # column index -> column key
    how: dict[int, str] = field(default_factory=dict)  # column index -> CHOSEN/REMEMBERED/EXACT/GUESS
    duplicates: list[str] = field(default_factory=list)

    @property
    def data_start(self) -> int:
        return self.header_rows[-1] + 1

    @property
    def width(self) -> int:
        return len(self.headers)

    @property
    def index_of(self) -> dict[str, int]:
        return {key: index for index, key in self.mapping.items()}

    def normalized(self, index: int) -> str:
        return normalize(self.headers[index])

    @property
    def header_row(self) -> int:
        return self.header_rows[-1]

    @property
    def ignored(self) -> list[str]:
        """Named columns that feed nothing (numbering and our error columns aside)."""
        return [
            header
            for index, header in enumerate(self.headers)
            if header and index not in self.mapping and normalize(header) not in HELPER_HEADERS
        ]


class Matcher:
    """Header text → column key for one record type, with a union's remembered choices."""

    def __init__(
        self, record_type: RecordType, *, remembered: dict[str, str], chosen: dict[str, str]
    ) -> None:
        self.exact: dict[str, str] = {}
        self.bare: dict[str, str] = {}
        for column in record_type.columns:
            for name in (column.header, *column.aliases):
                self.exact.setdefault(normalize(name), column.key)
                self.bare.setdefault(bare(normalize(name)), column.key)
        self.record_type = record_type
        self.remembered = remembered
        self.chosen = chosen
        self.keys = {c.key for c in record_type.columns}

    def match(self, header: str) -> tuple[str, str] | None:
        """(column key or "" for left out, how), or None when nothing matches."""
        key = normalize(header)
        if not key:
            return None
        for source, how in ((self.chosen, CHOSEN), (self.remembered, REMEMBERED)):
            if key in source and (source[key] in self.keys or source[key] == ""):
                return source[key], how
        # "慰问金额·现金" (a two-row header) is the column 现金 first, the whole text second.
        parts = [key.split("·")[-1], key] if "·" in key else [key]
        if parts[0] in HELPER_HEADERS:
            return None
        for part in parts:
            if part in self.exact:
                return self.exact[part], EXACT
            if bare(part) in self.bare:
                return self.bare[bare(part)], EXACT
        return self._guess(bare(parts[0]))

    def _guess(self, key: str) -> tuple[str, str] | None:
        if len(key) < 2:
            return None
        best: tuple[int, str] | None = None
        for name, column_key in self.bare.items():
            if len(name) >= 2 and (name in key or key in name):
                score = min(len(name), len(key))
                if best is None or score > best[0]:
                    best = (score, column_key)
        return (best[1], GUESS) if best else None


def _texts(values: Sequence[Any]) -> list[str]:
    texts = ["" if v is None else as_text(v).strip() for v in values[:MAX_COLUMNS]]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _two_row_headers(top: list[str], bottom: list[str]) -> list[str]:
    """A group label merged over several columns is in its first cell only; the cells under
    it name the columns. A label merged down over both rows is in the top row only."""
    width = max(len(top), len(bottom))
    top = top + [""] * (width - len(top))
    bottom = bottom + [""] * (width - len(bottom))
    headers = []
    group = ""
    for upper, lower in zip(top, bottom, strict=True):
        if upper:
            group = upper
        elif not lower:
            group = ""
        if not lower:
            headers.append(upper)
        elif group and group != lower:
            headers.append(f"{group}·{lower}")
        else:
            headers.append(lower)
    return headers


def _score(headers: list[str], matcher: Matcher) -> float:
    seen: set[str] = set()
    score = 0.0
    for header in headers:
        found = matcher.match(header) if header else None
        if found is None or not found[0] or found[0] in seen:
            continue
        seen.add(found[0])
        score += 0.5 if found[1] == GUESS else 1.0
    return score


def find_layout(
    sheet_title: str, top_rows: list[tuple[int, tuple[Any, ...]]], matcher: Matcher
) -> Layout | None:
    """The best header among the first rows, mapped; None when no row names any column."""
    rows = [(number, _texts(values)) for number, values in top_rows[:HEADER_SEARCH_ROWS]]
    best: tuple[float, tuple[int, ...], list[str]] | None = None
    single = {number: _score(texts, matcher) for number, texts in rows}
    for position, (number, texts) in enumerate(rows):
        if not any(texts):
            continue
        candidates = [((number,), texts, single[number])]
        if position + 1 < len(rows):
            below_number, below = rows[position + 1]
            if below_number == number + 1 and any(below):
                combined = _two_row_headers(texts, below)
                score = _score(combined, matcher)
                # Two rows only when they name more than either row alone (a title row above
                # the header names nothing more).
                if score > max(single[number], single[below_number]):
                    candidates.append(((number, below_number), combined, score))
        for header_rows, headers, score in candidates:
            if score > 0 and (best is None or score > best[0]):
                best = (score, header_rows, headers)
    if best is None:
        return None
    _, header_rows, headers = best
    return map_layout(Layout(sheet_title=sheet_title, header_rows=header_rows, headers=headers), matcher)


def map_layout(layout: Layout, matcher: Matcher) -> Layout:
    layout.mapping, layout.how, layout.duplicates = {}, {}, []
    taken: dict[str, int] = {}
    for index, header in enumerate(layout.headers):
        found = matcher.match(header)
        if found is None or not found[0]:
            continue
        key, how = found
        if key in taken:
            layout.duplicates.append(f"“{layout.headers[taken[key]]}”与“{header}”")
            continue
        taken[key] = index
        layout.mapping[index] = key
        layout.how[index] = how
    return layout
