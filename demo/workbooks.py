"""Statistics workbooks of unions that are not on this system, as another installation of the
product would export them (unsigned): the 说明 sheet with the check digest and the 统计指标
sheet. The demo and the tests import them through `workbook.importing`, the path a county
federation takes with the files its units send in."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal

from openpyxl import Workbook

from workbook import format as fmt
from workbook.codes import CODE_OF
from workbook.indicators import BY_KEY, INDICATORS, Value, digest


def indicator_workbook(
    *, name: str, code: str, year: int, values: Mapping[str, int | Decimal | str], unit_kind: str = ""
) -> bytes:
    """The bytes of an annual workbook of `name` for the calendar `year`; indicators not in
    `values` are zero; `unit_kind` is the 单位类型 label (国有企业…), blank when not given."""
    full: dict[str, Value] = {d.key: d.zero for d in INDICATORS}
    for key, value in values.items():
        full[key] = Decimal(str(value)).quantize(Decimal("0.01")) if BY_KEY[key].is_money else int(value)
    book = Workbook()
    about = book.active
    about.title = fmt.ABOUT_SHEET
    about.append(fmt.ABOUT_HEADER)
    for item in (
        (fmt.ITEM_PRODUCT, fmt.PRODUCT),
        (fmt.ITEM_KIND, fmt.KIND_ANNUAL),
        (fmt.ITEM_VERSION, fmt.FORMAT_VERSION),
        (fmt.ITEM_UNION_NAME, name),
        (fmt.ITEM_UNION_CODE, code),
        (fmt.ITEM_YEAR, year),
        (fmt.ITEM_PERIOD_START, dt.date(year, 1, 1)),
        (fmt.ITEM_PERIOD_END, dt.date(year, 12, 31)),
        (fmt.ITEM_EXPORTED_AT, f"{year + 1}-01-10 09:00:00"),
        (fmt.ITEM_UNITS, 1),
        (fmt.ITEM_UNIT_KIND, unit_kind),
        (fmt.ITEM_DIGEST, digest(union_code=code, year=year, values=full)),
    ):
        about.append(item)
    sheet = book.create_sheet(fmt.INDICATOR_SHEET)
    sheet.append(fmt.INDICATOR_HEADER)
    for d in INDICATORS:
        value = full[d.key]
        sheet.append((CODE_OF[d.key], d.label, d.unit, float(value) if d.is_money else value))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
