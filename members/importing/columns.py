"""The roster columns an import understands: member field, Chinese header, cell parser,
aliases — a record type's columns (imports.spec), read by the one template, reader, header
mapping and error workbook of every import.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from imports import cells
from imports.spec import BOOL, CHOICE, DATE, Column
from unions.models import Branch

from ..choices import (
    ETHNICITY_CHOICES,
    Education,
    Employment,
    Gender,
    Household,
    MembershipStatus,
    ModelWorkerLevel,
    PoliticalStatus,
)
from ..id_numbers import compose
from ..models import Member


def _max(field: str) -> int:
    return Member._meta.get_field(field).max_length


def _choice(enum: Any, aliases: dict[str, str] | None = None) -> cells.Parser:
    return cells.choice(enum.choices, aliases)


ETHNICITY_ALIASES = {name.removesuffix("族"): name for name, _ in ETHNICITY_CHOICES if name.endswith("族")}

COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "姓名",
        cells.text(_max("name")),
        aliases=("会员姓名",),
        required=True,
        cell_required=False,  # blank is fine for an update; a new member's is checked in rows
        example="王芳",
    ),
    Column(
        "id_number",
        "身份证号",
        cells.id_number,
        aliases=("身份证号码", "公民身份号码", "身份证", "证件号码"),
        required=True,
        cell_required=False,  # "身份证号不能为空。", with the roster's other ID checks
        personal=True,
        note="18位，末位可为X。请保持“文本”格式，否则 Excel 会丢失末几位。",
        width=22,
        as_text=True,
    ),
    Column(
        "gender",
        "性别",
        _choice(Gender, {"男性": Gender.MALE, "女性": Gender.FEMALE}),
        kind=CHOICE,
        allowed=tuple(cells.labels_of(Gender)),
        note="可不填，按身份证号识别。",
        width=6,
        example="女",
    ),
    Column(
        "ethnicity",
        "民族",
        cells.choice(ETHNICITY_CHOICES, ETHNICITY_ALIASES),
        kind=CHOICE,
        allowed=tuple(cells.labels_of(ETHNICITY_CHOICES)),
        note="不填时新会员按汉族。",
        width=8,
        example="汉族",
    ),
    Column(
        "birth_date",
        "出生日期",
        cells.date,
        kind=DATE,
        aliases=("生日",),
        hidden_when_masked=True,  # read from the ID number again when left blank
        note="可不填，按身份证号识别。",
    ),
    Column(
        "phone",
        "手机",
        cells.phone,
        aliases=("手机号", "手机号码", "联系电话", "电话", "联系方式"),
        note="11位手机号，或带区号的座机号。",
        width=14,
        as_text=True,
        example="13812345678",
    ),
    Column(
        "political_status",
        "政治面貌",
        _choice(
            PoliticalStatus,
            {
                "党员": PoliticalStatus.CPC,
                "预备党员": PoliticalStatus.CPC_PROBATION,
                "团员": PoliticalStatus.LEAGUE,
                "共青团员": PoliticalStatus.LEAGUE,
            },
        ),
        kind=CHOICE,
        allowed=tuple(cells.labels_of(PoliticalStatus)),
        width=12,
        example="中共党员",
    ),
    Column(
        "education",
        "学历",
        _choice(
            Education,
            {
                "本科": Education.BACHELOR,
                "硕士": Education.POSTGRADUATE,
                "博士": Education.POSTGRADUATE,
                "硕士研究生": Education.POSTGRADUATE,
                "博士研究生": Education.POSTGRADUATE,
                "专科": Education.COLLEGE,
                "大学专科": Education.COLLEGE,
                "中专": Education.SECONDARY,
                "高中": Education.SECONDARY,
                "职高": Education.SECONDARY,
                "技校": Education.SECONDARY,
                "初中": Education.JUNIOR,
                "小学": Education.JUNIOR,
            },
        ),
        kind=CHOICE,
        aliases=("文化程度",),
        allowed=tuple(cells.labels_of(Education)),
        example="大学本科",
    ),
    Column(
        "household",
        "户籍类型",
        _choice(
            Household,
            {
                "城镇户口": Household.URBAN,
                "农村户口": Household.RURAL,
                "非农业": Household.URBAN,
                "农业": Household.RURAL,
            },
        ),
        kind=CHOICE,
        aliases=("户籍", "户口性质", "户籍性质"),
        allowed=tuple(cells.labels_of(Household)),
        width=10,
        example="城镇",
    ),
    Column(
        "employment",
        "用工形式",
        _choice(Employment, {"合同工": Employment.CONTRACT, "派遣": Employment.DISPATCHED}),
        kind=CHOICE,
        aliases=("就业状态", "用工性质"),
        allowed=tuple(cells.labels_of(Employment)),
        note="不填时新会员按合同制。",
        width=10,
        example="合同制",
    ),
    Column(
        "is_migrant_worker",
        "是否农民工",
        cells.yes_no,
        kind=BOOL,
        aliases=("农民工",),
        allowed=("是", "否"),
        width=10,
        example="否",
    ),
    Column(
        "branch",
        "分会",
        cells.text(Branch._meta.get_field("name").max_length),
        aliases=("分会名称", "所属分会", "工会小组"),
        note="须是系统中已有的分会名称；不会自动新建分会。",
        width=14,
    ),
    Column(
        "department",
        "单位/部门",
        cells.text(_max("department")),
        aliases=("部门", "单位", "所在部门", "工作单位", "单位部门"),
        width=14,
        example="办公室",
    ),
    Column("job_title", "职务", cells.text(_max("job_title")), aliases=("岗位",), example="科员"),
    Column(
        "joined_on",
        "入会时间",
        cells.date,
        kind=DATE,
        aliases=("入会日期",),
        required_text="新会员必填",
        note="新会员必填。日期如 2020-01-05。",
        example=dt.date(2015, 3, 1),
    ),
    Column(
        "card_number",
        "会员证号",
        cells.text(_max("card_number")),
        aliases=("会员证编号",),
        width=14,
        as_text=True,
    ),
    Column(
        "status",
        "会籍状态",
        _choice(MembershipStatus, {"正常": MembershipStatus.ACTIVE, "保留会籍": MembershipStatus.RETAINED}),
        kind=CHOICE,
        aliases=("状态",),
        allowed=tuple(cells.labels_of(MembershipStatus)),
        note="不填时新会员按在册。转出、退休、除名须填状态日期。",
        width=10,
        example="在册",
    ),
    Column("status_date", "状态日期", cells.date, kind=DATE, aliases=("会籍状态日期", "会籍变动日期")),
    Column(
        "model_worker_level",
        "劳模级别",
        _choice(
            ModelWorkerLevel, {"全国劳模": ModelWorkerLevel.NATIONAL, "省级": ModelWorkerLevel.PROVINCIAL}
        ),
        kind=CHOICE,
        aliases=("劳模",),
        allowed=tuple(cells.labels_of(ModelWorkerLevel)),
        width=10,
    ),
    Column("notes", "备注", cells.text(2000), width=20),
)

# The template's example row; a file that still contains it is refused on that row.
EXAMPLE_ID_NUMBER = compose("110105", dt.date(1990, 5, 12), 402)
