"""Sheet XML read fast: the C ElementTree parser, and cells read straight into row values.

A ledger of 50,000 rows is a million `<c>` elements. openpyxl's read-only path spends its
time on two things: the parser (with defusedxml installed, a CairoSVG dependency, openpyxl
takes the pure-Python expat callbacks of `xml.etree`, four times slower than the C parser)
and `parse_cell`, which builds a dict per cell through the general case (a regex per
coordinate, a formula lookup per cell).

Here parts are parsed by the C parser (`end_events`), with defusedxml's refusals checked on
the prolog first (`EntityGuard`), and `FastCellParser.row_values` reads a row's plain
numbers, dates and shared, inline or literal strings without a formula straight into its
values; every other cell (formulas, booleans, errors, ISO dates, odd markup) goes through
openpyxl's own `parse_cell`, so the result is the same. tests/records/test_xlsx_cells.py
compares the two on every cell kind.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator
from pyexpat import ExpatError, ParserCreate
from typing import IO, Any

from openpyxl.utils import column_index_from_string
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._reader import INLINE_STRING, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from .text import clean_text

_T_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"
_DIGITS = "0123456789"
_FAST_TYPES = frozenset({None, "n", "s", "str"})  # no t attribute means a number
CHUNK = 64 * 1024
ENTITY_MESSAGE = "文件内容包含实体声明（DOCTYPE/ENTITY），不是 Excel 保存的工作簿，已拒绝导入。"
_column_of: dict[str, int] = {}


class EntityDeclared(Exception):
    message = ENTITY_MESSAGE


def _column(letters: str) -> int:
    column = _column_of.get(letters)
    if column is None:
        column = column_index_from_string(letters)  # refuses what is not a column name
        if len(_column_of) < 20_000:
            _column_of[letters] = column
    return column


class EntityGuard:
    """defusedxml's refusals, on the prolog of a part (everything before the root element,
    where a DOCTYPE goes, so the only place an entity can be declared): an entity declaration
    or an external entity reference raises `EntityDeclared`. Excel and WPS write no DOCTYPE."""

    def __init__(self) -> None:
        self._expat: Any = ParserCreate()
        self._expat.EntityDeclHandler = self._refuse
        self._expat.UnparsedEntityDeclHandler = self._refuse
        self._expat.ExternalEntityRefHandler = self._refuse
        self._expat.StartElementHandler = self._root

    def _refuse(self, *args: Any) -> None:
        raise EntityDeclared(ENTITY_MESSAGE)

    def _root(self, *args: Any) -> None:
        self._expat.StartElementHandler = None
        self.done = True

    done = False

    def check(self, data: bytes) -> None:
        if self.done:
            return
        try:
            self._expat.Parse(data, not data)
        except ExpatError:
            self.done = True  # malformed XML: the parse proper says so


def end_events(source: IO[bytes]) -> Iterator[deque[tuple[str, Any]]]:
    """The end events of a part, a queue per chunk read; elements are complete when their
    end event comes. What is left in the queue is dropped before the next chunk: a caller
    may iterate over it, or pop the events (popleft), which frees each one once it is read.

    What `XMLPullParser` does, without its `read_events` generator: that is pure Python, one
    resumption per element, two million of them in a 50,000-row roster. The C parser queues
    the events and the caller pops them, each freed as soon as it is read. A syntax error
    raises after the events parsed before it, as `read_events` would raise it."""
    queue: deque[tuple[str, Any]] = deque()
    parser = ET.XMLParser(target=ET.TreeBuilder())  # noqa: S314 - EntityGuard refuses entities
    parser._setevents(queue, ("end",))  # what XMLPullParser and iterparse call
    guard = EntityGuard()
    while data := source.read(CHUNK):
        guard.check(data)
        try:
            parser.feed(data)
        except SyntaxError:
            yield queue
            raise
        yield queue
        queue.clear()
    guard.check(b"")
    parser.close()  # raises on a truncated part
    yield queue


def string_content(node: Any) -> str:
    """What openpyxl's `Text.from_tree(node).content` gives (plain text, then the text of each
    rich-text run; phonetic runs left out), without building its objects: five times faster,
    which matters for a table of a million strings or a sheet of inline strings."""
    plain = None
    runs = []
    for child in node:
        if child.tag == _T_TAG:
            plain = child.text
        elif child.tag == _RUN_TAG:
            text = None
            for part in child:
                if part.tag == _T_TAG:
                    text = part.text
            if text is not None:
                runs.append(text)
    return "".join([plain, *runs] if plain is not None else runs)


class FastCellParser(WorkSheetParser):
    """openpyxl's sheet parser (its state: counters, shared formulae, date styles), reading
    whole rows. `shared_strings` are expected clean (records.text); other text is cleaned."""

    def row_number(self, row: Any) -> int:
        """The row's number as openpyxl's `parse_row` reads it; resets the column counter."""
        number = row.get("r")
        if number is None:
            self.row_counter += 1
        else:
            try:
                self.row_counter = int(number)
            except ValueError:
                value = float(number)
                if not value.is_integer():
                    raise ValueError(f"{number} is not a valid row number") from None
                self.row_counter = int(value)
        self.col_counter = 0
        return self.row_counter

    def row_cells(self, row: Any) -> tuple[list[int], list[Any]]:
        """The columns and values of a row's cells, in document order (after `row_number`)."""
        columns: list[int] = []
        values: list[Any] = []
        strings = self.shared_strings
        dates = self.date_formats
        column = self.col_counter
        for cell in row:
            data_type = cell.get("t")
            coordinate = cell.get("r")
            size = len(cell)
            fast = size < 2 and data_type in _FAST_TYPES and (not coordinate or coordinate[-1] in _DIGITS)
            child = cell[0] if size == 1 else None
            if fast and (child is None or child.tag == VALUE_TAG):
                if coordinate:
                    letters = coordinate.rstrip(_DIGITS)
                    column = _column_of.get(letters) or _column(letters)
                else:
                    column += 1
                style = cell.get("s")
                if style:
                    style = int(style)  # refuses what openpyxl refuses
                value = child.text if child is not None else None
                if value:
                    if data_type == "s":
                        value = strings[int(value)]
                    elif data_type == "str":
                        value = clean_text(value)
                    else:
                        value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
                        if style and style in dates:
                            self.col_counter = column
                            value = self._date(cell, value, style)
                else:
                    value = None
            elif (
                data_type == "inlineStr"
                and child is not None
                and child.tag == INLINE_STRING
                and not self.rich_text
                and coordinate
                and coordinate[-1] in _DIGITS
            ):
                letters = coordinate.rstrip(_DIGITS)
                column = _column_of.get(letters) or _column(letters)
                value = clean_text(string_content(child))
            else:
                self.col_counter = column
                parsed = self.parse_cell(cell)  # openpyxl's general case
                column = parsed["column"]  # = self.col_counter
                value = parsed["value"]
                if type(value) is str:
                    value = clean_text(value)
            columns.append(column)
            values.append(value)
        self.col_counter = column
        return columns, values

    def _date(self, cell: Any, value: float, style: int) -> Any:
        try:
            return from_excel(value, self.epoch, timedelta=style in self.timedelta_formats)
        except (OverflowError, ValueError):
            return self.parse_cell(cell)["value"]  # openpyxl's warning and "#VALUE!"
