"""The funds ledger (经费收支台账) for the import framework. A row gives 收支 and 金额, or the
amount in a 收入 or a 支出 column (as cash books do); 收支 is read from the 科目 when absent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from imports import cells
from imports.registry import register
from imports.spec import DATE, NUMBER, Built, Column, RecordType, Row, choice_column

from .choices import CATEGORIES_BY_DIRECTION, Category, Direction
from .models import FundEntry

CATEGORY_ALIASES = {"拨缴经费": Category.ALLOCATION, "2%经费": Category.ALLOCATION, "会员会费": Category.DUES,
                    "行政补助收入": Category.ADMIN_SUBSIDY, "上级补助收入": Category.HIGHER_SUBSIDY,
                    "职工活动支出": Category.ACTIVITIES, "维权支出": Category.RIGHTS, "业务支出": Category.BUSINESS,
                    "行政支出": Category.ADMINISTRATION, "资本性支出": Category.CAPITAL, "帮扶": Category.ASSISTANCE}  # fmt: skip
_DIRECTION_OF = {
    category: direction for direction, cats in CATEGORIES_BY_DIRECTION.items() for category in cats
}


@register
class FundEntryImport(RecordType):
    key = "funds"
    title = "经费收支"
    model = FundEntry
    columns = (
        Column("date", "日期", cells.date, kind=DATE, aliases=("记账日期", "时间"), required=True, example=dt.date(2024, 1, 31)),
        choice_column("direction", "收支", Direction, {"收": Direction.INCOME, "支": Direction.SPENDING}, aliases=("收支类型",),
                      note="可不填：按科目确定。"),
        choice_column("category", "科目", Category, CATEGORY_ALIASES, aliases=("会计科目", "收支科目", "类别"), required=True,
                      example="会费"),
        Column("amount", "金额（元）", cells.money, kind=NUMBER, aliases=("金额",), example=12800),
        Column("income", "收入（元）", cells.money, kind=NUMBER, aliases=("收入金额", "收入")),
        Column("spending", "支出（元）", cells.money, kind=NUMBER, aliases=("支出金额", "支出")),
        Column("description", "摘要", cells.text(200), aliases=("说明", "内容"), required=True, example="1月会费"),
        Column("voucher", "凭证号", cells.text(40), aliases=("凭证编号", "凭证"), as_text=True),
    )  # fmt: skip
    one_of = (("amount", "income", "spending"),)
    preview_keys = ("date", "direction", "category", "amount", "description")

    def build(self, row: Row, *, union: Any, context: Any) -> Built:
        values = dict(row.values)
        income, spending = values.pop("income", None), values.pop("spending", None)
        given = [(d, v) for d, v in ((Direction.INCOME, income), (Direction.SPENDING, spending)) if v]
        if len(given) > 1 or (given and "amount" in values):
            return Built(errors={"amount": "同一行只能填一个金额（金额、收入或支出中的一项）。"})
        if given:
            direction, values["amount"] = given[0]
            if values.setdefault("direction", direction) != direction:
                return Built(errors={"direction": "“收支”与填写金额的列（收入/支出）不一致。"})
        if "amount" not in values:
            return Built(errors={"amount": "请填写金额。"})
        values.setdefault("direction", _DIRECTION_OF.get(values["category"], Direction.SPENDING))
        built = self.checked(FundEntry(union=union, **values))
        if built.record is not None:
            record = built.record
            built.shown = {"日期": record.date.isoformat(), "收支": str(record.get_direction_display()),
                           "科目": str(record.get_category_display()), "金额（元）": format(record.amount, "f"),
                           "摘要": record.description}  # fmt: skip
        return built
