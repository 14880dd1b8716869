"""openpyxl's sheet cell parser with a fast path for the cells uploads are made of.

A ledger of 50,000 rows is a million `<c>` elements; openpyxl's `parse_cell` spends most of
its time on the general case (a regex per coordinate, a formula lookup per cell). Plain
numbers, dates and shared or literal strings without a formula are read here with the same
result; every other cell (formulas, inline strings, booleans, errors, ISO dates) goes to
openpyxl's own code. tests/records/test_xlsx_cells.py compares the two on every cell kind.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import column_index_from_string
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

_DIGITS = "0123456789"
_FAST_TYPES = frozenset({"n", "s", "str"})
_column_of: dict[str, int] = {}


def _column(letters: str) -> int:
    column = _column_of.get(letters)
    if column is None:
        column = column_index_from_string(letters)  # refuses what is not a column name
        if len(_column_of) < 20_000:
            _column_of[letters] = column
    return column


class FastCellParser(WorkSheetParser):
    def parse_cell(self, element: Any) -> dict[str, Any]:
        data_type = element.get("t", "n")
        coordinate = element.get("r")
        children = list(element)
        if (
            data_type not in _FAST_TYPES
            or len(children) > 1
            or (children and children[0].tag != VALUE_TAG)
            or (coordinate and not coordinate[-1:].isdigit())
        ):
            return super().parse_cell(element)
        style_id: Any = element.get("s", 0)
        if style_id:
            style_id = int(style_id)
        value: Any = (children[0].text or None) if children else None
        if coordinate:
            letters = coordinate.rstrip(_DIGITS)
            row, column = int(coordinate[len(letters) :]), _column(letters)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        if value is not None:
            if data_type == "n":
                value = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
                if style_id in self.date_formats:
                    try:
                        value = from_excel(value, self.epoch, timedelta=style_id in self.timedelta_formats)
                    except (OverflowError, ValueError):
                        return super().parse_cell(element)  # openpyxl's warning and "#VALUE!"
                    data_type = "d"
            elif data_type == "s":
                value = self.shared_strings[int(value)]
            else:
                data_type = "s"
        return {"row": row, "column": column, "value": value, "data_type": data_type, "style_id": style_id}
