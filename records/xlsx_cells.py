"""openpyxl's sheet cell parser with a fast path for the cells uploads are made of.

A ledger of 50,000 rows is a million `<c>` elements; openpyxl's `parse_cell` spends most of
its time on the general case (a regex per coordinate, a formula lookup per cell). Plain
numbers, dates and shared, inline or literal strings without a formula are read here with
the same result; every other cell (formulas, booleans, errors, ISO dates) goes to openpyxl's
own code. tests/records/test_xlsx_cells.py compares the two on every cell kind.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import column_index_from_string
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._reader import INLINE_STRING, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

_T_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"
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
    def parse_cell(self, element: Any) -> dict[str, Any]:
        data_type = element.get("t", "n")
        coordinate = element.get("r")
        children = list(element)
        inline = data_type == "inlineStr" and not self.rich_text and len(children) == 1
        if inline and children[0].tag == INLINE_STRING and coordinate and coordinate[-1:].isdigit():
            letters = coordinate.rstrip(_DIGITS)
            self.col_counter = column = _column(letters)
            return {"row": int(coordinate[len(letters) :]), "column": column,
                    "value": string_content(children[0]), "data_type": "s",
                    "style_id": int(element.get("s", 0) or 0)}  # fmt: skip
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
