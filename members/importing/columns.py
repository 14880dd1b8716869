"""The roster columns an import understands: Chinese header, member field, cell parser, aliases.

The template, the reader, the validation and the error workbook all read this one list, so
a column added here appears everywhere at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

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
from . import cells

TEXT = "text"
DATE = "date"
CHOICE = "choice"
BOOL = "bool"


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the Member field it fills
    parse: cells.Parser
    kind: str = TEXT
    aliases: tuple[str, ...] = ()
    required: bool = False  # the header must be present in the file
    allowed: tuple[str, ...] = ()  # labels offered in the template's dropdowns and notes
    note: str = ""
    width: int = 12
    as_text: bool = False  # formatted as text ('@') so Excel keeps every digit
    example: Any = None


def _max(field: str) -> int:
    return Member._meta.get_field(field).max_length


def _choice(enum: Any, aliases: dict[str, str] | None = None) -> cells.Parser:
    return cells.choice(enum.choices, aliases)


ETHNICITY_ALIASES = {name.removesuffix("族"): name for name, _ in ETHNICITY_CHOICES if name.endswith("族")}

COLUMNS: tuple[Column, ...] = (
    Column("姓名", "name", cells.text(_max("name")), aliases=("会员姓名",), required=True, example="王芳"),
    Column(
        "身份证号",
        "id_number",
        cells.id_number,
        aliases=("身份证号码", "公民身份号码", "身份证", "证件号码"),
        required=True,
        note="18位，末位可为X。请保持“文本”格式，否则 Excel 会丢失末几位。",
        width=22,
        as_text=True,
    ),
    Column(
        "性别",
        "gender",
        _choice(Gender, {"男性": Gender.MALE, "女性": Gender.FEMALE}),
        kind=CHOICE,
        allowed=tuple(cells.labels_of(Gender)),
        note="可不填，按身份证号识别。",
        width=6,
        example="女",
    ),
    Column(
        "民族",
        "ethnicity",
        cells.choice(ETHNICITY_CHOICES, ETHNICITY_ALIASES),
        kind=CHOICE,
        allowed=tuple(cells.labels_of(ETHNICITY_CHOICES)),
        note="不填时新会员按汉族。",
        width=8,
        example="汉族",
    ),
    Column(
        "出生日期",
        "birth_date",
        cells.date,
        kind=DATE,
        aliases=("生日",),
        note="可不填，按身份证号识别。",
    ),
    Column(
        "手机",
        "phone",
        cells.phone,
        aliases=("手机号", "手机号码", "联系电话", "电话", "联系方式"),
        note="11位手机号，或带区号的座机号。",
        width=14,
        as_text=True,
        example="13812345678",
    ),
    Column(
        "政治面貌",
        "political_status",
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
        "学历",
        "education",
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
        "户籍类型",
        "household",
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
        "用工形式",
        "employment",
        _choice(Employment, {"合同工": Employment.CONTRACT, "派遣": Employment.DISPATCHED}),
        kind=CHOICE,
        aliases=("就业状态", "用工性质"),
        allowed=tuple(cells.labels_of(Employment)),
        note="不填时新会员按合同制。",
        width=10,
        example="合同制",
    ),
    Column(
        "是否农民工",
        "is_migrant_worker",
        cells.yes_no,
        kind=BOOL,
        aliases=("农民工",),
        allowed=("是", "否"),
        width=10,
        example="否",
    ),
    Column(
        "分会",
        "branch",
        cells.text(Branch._meta.get_field("name").max_length),
        aliases=("分会名称", "所属分会", "工会小组"),
        note="须是系统中已有的分会名称；不会自动新建分会。",
        width=14,
    ),
    Column(
        "单位/部门",
        "department",
        cells.text(_max("department")),
        aliases=("部门", "单位", "所在部门", "工作单位", "单位部门"),
        width=14,
        example="办公室",
    ),
    Column("职务", "job_title", cells.text(_max("job_title")), aliases=("岗位",), example="科员"),
    Column(
        "入会时间",
        "joined_on",
        cells.date,
        kind=DATE,
        aliases=("入会日期",),
        note="新会员必填。日期如 2020-01-05。",
        example=dt.date(2015, 3, 1),
    ),
    Column(
        "会员证号",
        "card_number",
        cells.text(_max("card_number")),
        aliases=("会员证编号",),
        width=14,
        as_text=True,
    ),
    Column(
        "会籍状态",
        "status",
        _choice(MembershipStatus, {"正常": MembershipStatus.ACTIVE, "保留会籍": MembershipStatus.RETAINED}),
        kind=CHOICE,
        aliases=("状态",),
        allowed=tuple(cells.labels_of(MembershipStatus)),
        note="不填时新会员按在册。转出、退休、除名须填状态日期。",
        width=10,
        example="在册",
    ),
    Column("状态日期", "status_date", cells.date, kind=DATE, aliases=("会籍状态日期", "会籍变动日期")),
    Column(
        "劳模级别",
        "model_worker_level",
        _choice(
            ModelWorkerLevel, {"全国劳模": ModelWorkerLevel.NATIONAL, "省级": ModelWorkerLevel.PROVINCIAL}
        ),
        kind=CHOICE,
        aliases=("劳模",),
        allowed=tuple(cells.labels_of(ModelWorkerLevel)),
        width=10,
    ),
    Column("备注", "notes", cells.text(2000), width=20),
)

# The template's example row; a file that still contains it is refused on that row.
EXAMPLE_ID_NUMBER = compose("110105", dt.date(1990, 5, 12), 402)

BY_FIELD: dict[str, Column] = {column.field: column for column in COLUMNS}
REQUIRED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.required)

# Columns our own error workbook adds; a corrected error file can be uploaded as it is.
HELPER_HEADERS = frozenset({"原行号", "错误说明"})

_NOISE = re.compile(r"[\s\u3000*＊]|[（(]必填[)）]")


def normalize_header(value: Any) -> str:
    """'  *身份证号码（必填）' and '单位／部门' match their columns."""
    if value is None:
        return ""
    return _NOISE.sub("", cells.as_text(value)).replace("／", "/")


_LOOKUP: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases):
        _LOOKUP[normalize_header(_name)] = _column


def column_for(header: Any) -> Column | None:
    return _LOOKUP.get(normalize_header(header))


def header_of(field: str) -> str:
    column = BY_FIELD.get(field)
    return column.header if column else str(Member._meta.get_field(field).verbose_name)
