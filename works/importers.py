"""Ledgers of the works records for the import framework: publicity, 职工之家, dues, safety
inspections and innovation results. (劳模关爱 names roster members: entered on its page.)"""

from __future__ import annotations

import datetime as dt

from imports import cells
from imports.registry import register
from imports.spec import DATE, NUMBER, Column, RecordType, choice_column

from .choices import (
    DuesItem,
    HomeKind,
    HomeLevel,
    InnovationKind,
    InnovationLevel,
    InspectionKind,
    OutletLevel,
    PublicityKind,
)
from .models import DuesCollection, Innovation, Publicity, SafetyInspection, WorkersHome


@register
class PublicityImport(RecordType):
    key = "publicity"
    title = "宣传教育"
    model = Publicity
    columns = (
        Column("date", "日期", cells.date, kind=DATE, aliases=("时间", "学习日期", "报送日期"), required=True,
               example=dt.date(2024, 3, 6)),
        choice_column("kind", "类型", PublicityKind, {"学习": PublicityKind.STUDY, "政治学习": PublicityKind.STUDY,
                      "文章": PublicityKind.ARTICLE, "稿件": PublicityKind.ARTICLE, "信息": PublicityKind.INFO}),
        Column("title", "主题", cells.text(200), aliases=("题目", "学习内容", "内容"), required=True, example="学习新《工会法》"),
        Column("participants", "参加人次", cells.count, kind=NUMBER, aliases=("人次", "参加人数")),
        Column("outlet", "报送刊物或单位", cells.text(100), aliases=("刊物", "采用单位")),
        choice_column("outlet_level", "采用级别", OutletLevel, {"国家级": OutletLevel.NATIONAL, "全国": OutletLevel.NATIONAL,
                      "省": OutletLevel.PROVINCIAL, "市": OutletLevel.CITY, "县": OutletLevel.COUNTY}, aliases=("级别",)),
        Column("submitted", "报送篇（条）数", cells.count, kind=NUMBER, aliases=("报送数", "报送")),
        Column("adopted", "采用篇（条）数", cells.count, kind=NUMBER, aliases=("采用数", "采用")),
        Column("notes", "备注", cells.text(5000)),
    )  # fmt: skip
    preview_keys = ("date", "kind", "title", "participants", "submitted", "adopted")


@register
class WorkersHomeImport(RecordType):
    key = "workers-homes"
    title = "职工之家（书屋）"
    model = WorkersHome
    columns = (
        Column("name", "名称", cells.text(200), aliases=("职工之家名称",), required=True, example="机修车间职工之家"),
        choice_column("kind", "类型", HomeKind, {"之家": HomeKind.HOME, "书屋": HomeKind.LIBRARY}),
        Column("unit", "所在单位（分会）", cells.text(100), aliases=("所在单位", "分会", "单位")),
        Column("built_on", "建成日期", cells.date, kind=DATE, aliases=("建成时间", "日期"), required=True,
               example=dt.date(2024, 5, 1)),
        choice_column("level", "命名级别", HomeLevel, {"全国模范职工之家": HomeLevel.NATIONAL, "省": HomeLevel.PROVINCIAL,
                      "市": HomeLevel.CITY, "县": HomeLevel.COUNTY}, aliases=("级别", "模范级别")),
        Column("recognised_on", "命名日期", cells.date, kind=DATE, aliases=("命名时间",)),
        Column("books", "藏书（册）", cells.count, kind=NUMBER, aliases=("藏书", "图书（册）")),
        Column("notes", "备注", cells.text(5000)),
    )  # fmt: skip
    preview_keys = ("name", "kind", "built_on", "level", "books")


@register
class DuesImport(RecordType):
    key = "dues"
    title = "经费收缴"
    model = DuesCollection
    columns = (
        Column("date", "日期", cells.date, kind=DATE, aliases=("收缴日期", "时间"), required=True, example=dt.date(2024, 6, 30)),
        choice_column("item", "项目", DuesItem, {"会费": DuesItem.DUES, "工会经费": DuesItem.ALLOCATION,
                      "拨缴经费": DuesItem.ALLOCATION, "2%经费": DuesItem.ALLOCATION}),
        Column("payer", "缴纳单位（分会）", cells.text(100), aliases=("缴纳单位", "单位", "分会")),
        Column("due", "应缴金额（元）", cells.money, kind=NUMBER, aliases=("应缴", "应缴金额", "任务数"), required=True,
               example=12000),
        Column("paid", "实缴金额（元）", cells.money, kind=NUMBER, aliases=("实缴", "实缴金额", "已缴")),
        Column("notes", "备注", cells.text(5000)),
    )  # fmt: skip
    preview_keys = ("date", "item", "payer", "due", "paid")


@register
class SafetyInspectionImport(RecordType):
    key = "safety-inspections"
    title = "安全检查"
    model = SafetyInspection
    columns = (
        Column("date", "日期", cells.date, kind=DATE, aliases=("检查日期", "时间"), required=True, example=dt.date(2024, 6, 12)),
        choice_column("kind", "类型", InspectionKind, {"大检查": InspectionKind.GENERAL, "专项": InspectionKind.SPECIAL,
                      "监督检查": InspectionKind.SUPERVISION}),
        Column("title", "检查名称", cells.text(200), aliases=("名称", "检查内容", "事项"), required=True, example="安全生产月大检查"),
        Column("hazards_found", "发现隐患（处）", cells.count, kind=NUMBER, aliases=("发现隐患", "隐患")),
        Column("hazards_fixed", "已整改（处）", cells.count, kind=NUMBER, aliases=("已整改", "整改隐患")),
        Column("measures", "提出整改措施（条）", cells.count, kind=NUMBER, aliases=("整改措施",)),
        Column("notes", "备注", cells.text(5000)),
    )  # fmt: skip
    preview_keys = ("date", "title", "hazards_found", "hazards_fixed")


@register
class InnovationImport(RecordType):
    key = "innovations"
    title = "创新成果"
    model = Innovation
    columns = (
        Column("date", "认定日期", cells.date, kind=DATE, aliases=("日期", "时间"), required=True, example=dt.date(2024, 9, 1)),
        Column("title", "成果名称", cells.text(200), aliases=("名称", "项目名称", "成果"), required=True, example="刀具快换装置"),
        choice_column("kind", "类型", InnovationKind, {"革新": InnovationKind.TECHNICAL, "发明": InnovationKind.INVENTION,
                      "操作法": InnovationKind.METHOD}),
        choice_column("level", "级别", InnovationLevel, {"国家": InnovationLevel.NATIONAL, "省级": InnovationLevel.PROVINCIAL,
                      "市": InnovationLevel.CITY, "县": InnovationLevel.COUNTY, "企业级": InnovationLevel.INTERNAL},
                      aliases=("成果级别",)),
        Column("team", "完成人（团队）", cells.text(200), aliases=("完成人", "团队", "完成单位")),
        Column("benefit", "经济效益（万元）", cells.money, kind=NUMBER, aliases=("效益（万元）", "经济效益", "效益")),
        Column("notes", "备注", cells.text(5000)),
    )  # fmt: skip
    preview_keys = ("date", "title", "level", "benefit")
