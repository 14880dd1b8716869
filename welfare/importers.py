"""Welfare ledgers the import framework understands: disbursements (帮扶慰问台账) and
hardship files (困难职工档案)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from audit.models import register_event_labels
from imports import cells
from imports.members import Match, MemberIndex
from imports.registry import register
from imports.spec import BOOL, CHOICE, DATE, NONMEMBER, NUMBER, Built, Column, RecordType, Row, choice_column
from records.money import ZERO, format_amount
from records.periods import Period, current_period

from .archive_models import INCOME_SOURCE_FIELDS
from .choices import (
    DisabilityGrade,
    DisabilityKind,
    DisbursementKind,
    DisbursementStatus,
    Festival,
    FundingSource,
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
    HealthStatus,
    HousingStatus,
    MedicalInsurance,
)
from .import_services import IMPORTED_PAID_EVENT, disbursements_import
from .models import Disbursement, HardshipFile, choice_label
from .services import HARDSHIP_FIELDS, hardship_file_create

register_event_labels({IMPORTED_PAID_EVENT: "按往期台账导入（已发放）"})

ID_COLUMN = Column(
    "id_number",
    "身份证号",
    cells.id_number,
    aliases=("身份证号码", "公民身份号码", "身份证", "证件号码"),
    note="会员按身份证号匹配；不填时按姓名（和分会）匹配。请保持“文本”格式。",
    width=22,
    as_text=True,
    personal=True,
)
BRANCH_COLUMN = Column(
    "branch", "分会", cells.text(100), aliases=("所在分会", "工会小组", "部门", "单位/部门")
)

KIND_ALIASES = {
    "节日": DisbursementKind.FESTIVAL,
    "春节慰问": DisbursementKind.FESTIVAL,
    "中秋慰问": DisbursementKind.FESTIVAL,
    "端午慰问": DisbursementKind.FESTIVAL,
    "困难救助": DisbursementKind.LIVING,
    "大病": DisbursementKind.MEDICAL,
    "助学": DisbursementKind.STUDENT,
    "生病慰问": DisbursementKind.SICKNESS,
    "住院慰问": DisbursementKind.SICKNESS,
    "结婚慰问": DisbursementKind.WEDDING_BIRTH,
    "生育慰问": DisbursementKind.WEDDING_BIRTH,
    "丧葬": DisbursementKind.FUNERAL,
}
FESTIVAL_ALIASES = {"中秋节": Festival.MID_AUTUMN, "端午节": Festival.DRAGON_BOAT, "元宵节": Festival.LANTERN,
                    "国庆节": Festival.NATIONAL_DAY, "三八节": Festival.WOMENS_DAY, "妇女节": Festival.WOMENS_DAY}  # fmt: skip
SOURCE_ALIASES = {"经费": FundingSource.UNION_FUNDS, "行政": FundingSource.ADMINISTRATION,
                  "上级专项": FundingSource.HIGHER_UNION, "上级工会": FundingSource.HIGHER_UNION, "捐赠": FundingSource.DONATION}  # fmt: skip
_FESTIVAL_OF_KIND = {
    "春节慰问": Festival.SPRING,
    "中秋慰问": Festival.MID_AUTUMN,
    "端午慰问": Festival.DRAGON_BOAT,
}
_kind_label = cells.choice(DisbursementKind.choices, KIND_ALIASES)


def _kind(raw: Any) -> tuple[str, str]:
    """The kind, and the festival a label like 春节慰问 implies."""
    text = "".join(cells.as_text(raw).split())
    return _kind_label(raw), _FESTIVAL_OF_KIND.get(text, "")


# Fields the import sets itself; the rest are validated as the form validates them.
_NOT_FROM_ROW = [
    "member",
    "hardship_file",
    "batch",
    "union",
    "submitted_by",
    "approved_by",
    "rejected_by",
    "paid_by",
]


@dataclass
class WelfareContext:
    members: MemberIndex
    period: Period
    open_files: dict[int, HardshipFile]


def _context(union: Any) -> WelfareContext:
    open_files = {
        f.member_id: f
        for f in HardshipFile.objects.live()
        .filter(union=union, status=HardshipStatus.OPEN)
        .only("pk", "member_id")
    }
    return WelfareContext(MemberIndex(union), current_period(union), open_files)


@register
class DisbursementImport(RecordType):
    key = "disbursements"
    title = "帮扶慰问发放"
    model = Disbursement
    columns = (
        Column("date", "日期", cells.date, kind=DATE, aliases=("发放日期", "慰问日期", "时间"), required=True,
               example=dt.date(2024, 2, 5)),
        Column("kind", "类型", _kind, kind=CHOICE, aliases=("慰问类型", "帮扶类型", "发放类型", "项目"),
               allowed=tuple(cells.labels_of(DisbursementKind)), required=True, example="节日慰问",
               note="也可写“春节慰问”“中秋慰问”等，节日随之确定。"),
        choice_column("festival", "节日", Festival, FESTIVAL_ALIASES, note="节日慰问时填写。", example="春节", width=8),
        Column("name", "姓名", cells.text(50), aliases=("受助人", "受助人姓名", "会员姓名", "慰问对象", "发放对象"),
               example="王芳"),
        ID_COLUMN,
        BRANCH_COLUMN,
        Column("is_member", "是否会员", cells.yes_no, kind=BOOL, note="填“否”时按非会员受助人登记（如退休职工、家属）。", width=8),
        Column("recipient_relation", "受助人说明", cells.text(100), aliases=("人员类别", "身份", "与会员关系"),
               note="非会员受助人填写，如：退休职工、某某的家属。"),
        Column("cash_amount", "现金（元）", cells.money, kind=NUMBER,
               aliases=("金额", "现金", "慰问金", "发放金额", "慰问金额", "金额(元)", "救助金额"), example=500),
        Column("goods_description", "慰问物品", cells.text(200), aliases=("物品", "物品名称")),
        Column("goods_value", "物品折价（元）", cells.money, kind=NUMBER, aliases=("物品金额", "物品价值", "物品折价")),
        choice_column("funding_source", "资金来源", FundingSource, SOURCE_ALIASES, aliases=("经费来源",),
                      required=True, example="工会经费"),
        Column("approver", "审批人", cells.text(50), aliases=("批准人", "审批领导"),
               note="往期（本报告期之前）的发放按已发放导入，须填写审批人；本期的按草稿导入，走正常审批。"),
        Column("notes", "备注", cells.text(2000), width=20),
    )  # fmt: skip
    notes = (
        "受助人：填写身份证号的按身份证号匹配本会会员；不填时按姓名（和分会）匹配。同名会员无法区分的行，预览时请逐行选择。",
        "非会员受助人（退休职工、家属等）：“是否会员”填“否”，或在“受助人说明”中注明。",
        "本报告期之前的发放按“已发放”导入，记录中注明台账记载的审批人；本报告期内的按“草稿”导入，须提交审批。",
    )
    error_columns = {"member": "name", "recipient_name": "name", "hardship_file": "name"}
    one_of = (("id_number", "name"),)
    preview_keys = ("date", "name", "kind", "cash_amount", "goods_value", "funding_source", "approver")

    def context(self, *, union: Any) -> WelfareContext:
        return _context(union)

    def build(self, row: Row, *, union: Any, context: WelfareContext) -> Built:
        values = row.values
        built = Built()
        member, nonmember = self._recipient(row, context, built)
        if built.errors or built.candidates:
            return built
        kind, implied_festival = values["kind"]
        festival = values.get("festival", "") or (
            implied_festival if kind == DisbursementKind.FESTIVAL else ""
        )
        past = values["date"] < context.period.start
        approver = values.get("approver", "")
        if past and not approver:
            built.errors["approver"] = (
                f"日期在本报告期（{context.period.label}）之前，按已发放导入，须填写审批人（按台账记载）。"
            )
            return built
        record = Disbursement(
            union=union,
            date=values["date"],
            kind=kind,
            festival=festival,
            member=member,
            recipient_name=values.get("name", "") if nonmember else "",
            recipient_relation=values.get("recipient_relation", ""),
            hardship_file=context.open_files.get(member.pk) if member else None,
            cash_amount=values.get("cash_amount", ZERO),
            goods_description=values.get("goods_description", ""),
            goods_value=values.get("goods_value", ZERO),
            funding_source=values["funding_source"],
            notes=values.get("notes", ""),
            status=DisbursementStatus.PAID if past else DisbursementStatus.DRAFT,
            paid_on=values["date"] if past else None,
        )
        built = self.checked(
            record, built, exclude=_NOT_FROM_ROW, validate_unique=False, validate_constraints=False
        )
        if built.record is not None:
            name = member.name if member else f"{record.recipient_name}（非会员）"
            status = f"已发放（审批人：{approver}）" if past else "草稿"
            built.show = lambda: {
                "日期": values["date"].isoformat(),
                "姓名": name,
                "类型": record.kind_display,
                "现金（元）": format(record.cash_amount, "f"),
                "物品折价（元）": format(record.goods_value, "f"),
                "资金来源": choice_label(FundingSource, record.funding_source),
                "审批人": status,
            }
            built.extra["approver"] = approver
        return built

    def _recipient(self, row: Row, context: WelfareContext, built: Built) -> tuple[Any, bool]:
        values = row.values
        name, id_number = values.get("name", ""), values.get("id_number", "")
        declared_nonmember = values.get("is_member") is False
        if declared_nonmember:
            if id_number:
                built.errors["id_number"] = (
                    "非会员受助人不登记身份证号，请清空该单元格，或把“是否会员”改为“是”。"
                )
            elif not name:
                built.errors["name"] = "非会员受助人须填写姓名。"
            return None, True
        if row.resolution == NONMEMBER:
            return None, True
        if row.resolution:
            member = context.members.get(row.resolution)
            if member is not None:
                return member, False
        match = context.members.find(id_number=id_number, name=name, branch=values.get("branch", ""))
        if match.member is not None:
            return match.member, False
        if match.candidates:
            built.candidates = [(str(m.pk), context.members.label(m)) for m in match.candidates]
            built.candidates.append((NONMEMBER, f"{name}不是会员（按非会员受助人登记）"))
            built.question = f"本会有 {len(match.candidates)} 名会员叫“{name}”，请选择受助人。"
            return None, False
        if not id_number and name and (values.get("recipient_relation") or values.get("is_member") is False):
            return None, True  # a named person who is not a member, as the ledger says
        key = "id_number" if id_number else "name"
        hint = (
            ""
            if id_number
            else "如受助人不是会员，请在“受助人说明”中注明（如退休职工），或“是否会员”填“否”。"
        )
        built.errors[key] = match.error + hint
        return None, False

    def write(self, built: Sequence[Built], *, union: Any, actor: Any) -> int:
        records = [item.record for item in built]
        approvers = {i: item.extra.get("approver", "") for i, item in enumerate(built)}
        return disbursements_import(union=union, records=records, approvers=approvers)  # type: ignore[arg-type]


CAUSE_ALIASES = {"有劳动能力而未就业": HardshipCause.UNEMPLOYED_ABLE, "未参加社会保险": HardshipCause.UNINSURED,
                 "社保待遇落实不到位": HardshipCause.BENEFITS_UNPAID, "患重特大疾病": HardshipCause.SERIOUS_ILLNESS,
                 "大病": HardshipCause.SERIOUS_ILLNESS, "遭受自然灾害": HardshipCause.NATURAL_DISASTER,
                 "遭受意外事故": HardshipCause.ACCIDENT, "子女上学": HardshipCause.SCHOOLING}  # fmt: skip
CATEGORY_ALIASES = {"深度": HardshipCategory.DEEP, "相对": HardshipCategory.RELATIVE, "意外": HardshipCategory.ACCIDENT,
                    "特困职工": HardshipCategory.LEGACY_SEVERE, "一般": HardshipCategory.LEGACY_GENERAL}  # fmt: skip


HOUSING_ALIASES = {"自有": HousingStatus.OWNED, "自有房": HousingStatus.OWNED, "租房": HousingStatus.RENTED,
                   "公租房": HousingStatus.PUBLIC, "廉租房": HousingStatus.PUBLIC}  # fmt: skip
HEALTH_ALIASES = {"良好": HealthStatus.HEALTHY, "慢性病": HealthStatus.CHRONIC, "大病": HealthStatus.SERIOUS,
                  "重特大疾病": HealthStatus.SERIOUS, "无劳动能力": HealthStatus.NO_WORK_CAPACITY}  # fmt: skip
DISABILITY_ALIASES = {label.removesuffix("残疾"): value for value, label in DisabilityKind.choices}
GRADE_ALIASES = {"1级": DisabilityGrade.FIRST, "2级": DisabilityGrade.SECOND, "3级": DisabilityGrade.THIRD,
                 "4级": DisabilityGrade.FOURTH}  # fmt: skip
INSURANCE_ALIASES = {"城镇职工医保": MedicalInsurance.EMPLOYEE, "职工基本医疗保险": MedicalInsurance.EMPLOYEE,
                     "居民医保": MedicalInsurance.RESIDENT, "城乡居民基本医疗保险": MedicalInsurance.RESIDENT,
                     "未参保": MedicalInsurance.NONE}  # fmt: skip


def _cause(key: str, header: str, **kw: Any) -> Column:
    return choice_column(key, header, HardshipCause, CAUSE_ALIASES, **kw)


@register
class HardshipFileImport(RecordType):
    key = "hardship-files"
    title = "困难职工档案"
    model = HardshipFile
    columns = (
        Column("name", "姓名", cells.text(50), aliases=("职工姓名", "会员姓名"), example="王芳"),
        ID_COLUMN,
        BRANCH_COLUMN,
        choice_column("category", "困难类别", HardshipCategory, CATEGORY_ALIASES, aliases=("类别", "困难类型"),
                      required=True, example="相对困难"),
        _cause("main_cause", "主要致困原因", aliases=("致困原因", "主要原因"), required=True, example="重特大疾病"),
        _cause("other_cause_1", "其他致困原因一", aliases=("其他原因一", "次要原因1")),
        _cause("other_cause_2", "其他致困原因二", aliases=("其他原因二", "次要原因2")),
        _cause("other_cause_3", "其他致困原因三", aliases=("其他原因三", "次要原因3")),
        Column("household_size", "家庭人口", cells.count, kind=NUMBER, aliases=("家庭人口数", "家庭成员数"), example=3),
        Column("annual_household_income", "家庭年收入（元）", cells.money, kind=NUMBER, aliases=("家庭年收入", "年收入"),
               example=36000),
        Column("wage_income", "工资性收入（元/年）", cells.money, kind=NUMBER, aliases=("工资性收入", "工资收入")),
        Column("business_income", "经营性收入（元/年）", cells.money, kind=NUMBER, aliases=("经营性收入", "经营收入")),
        Column("property_income", "财产性收入（元/年）", cells.money, kind=NUMBER, aliases=("财产性收入", "财产收入")),
        Column("transfer_income", "转移性收入（元/年）", cells.money, kind=NUMBER,
               aliases=("转移性收入", "养老金", "转移性收入/养老金")),
        Column("other_income", "其他收入（元/年）", cells.money, kind=NUMBER, aliases=("其他收入",)),
        Column("local_minimum_living_line", "当地低保标准（元/月）", cells.money, kind=NUMBER, aliases=("低保标准",)),
        choice_column("housing", "住房情况", HousingStatus, HOUSING_ALIASES, aliases=("住房",)),
        choice_column("health", "本人健康状况", HealthStatus, HEALTH_ALIASES, aliases=("健康状况",)),
        choice_column("disability_kind", "残疾类别", DisabilityKind, DISABILITY_ALIASES, aliases=("残疾类型",)),
        choice_column("disability_grade", "残疾等级", DisabilityGrade, GRADE_ALIASES, aliases=("残疾级别",)),
        choice_column("medical_insurance", "医疗保险", MedicalInsurance, INSURANCE_ALIASES, aliases=("医保", "医保类型")),
        Column("zero_employment", "零就业家庭", cells.yes_no, kind=BOOL, aliases=("是否零就业家庭",), width=8),
        choice_column("status", "档案状态", HardshipStatus, {"已脱困": HardshipStatus.CLOSED}, aliases=("状态",)),
        Column("opened_on", "建档日期", cells.date, kind=DATE, aliases=("建档时间",), required=True, example=dt.date(2024, 3, 1)),
        Column("closed_on", "脱困日期", cells.date, kind=DATE),
        Column("last_reviewed_on", "最近复核日期", cells.date, kind=DATE, aliases=("复核日期",)),
        Column("notes", "备注", cells.text(2000), width=20),
    )  # fmt: skip
    notes = (
        "会员按身份证号匹配；不填时按姓名（和分会）匹配；同名会员无法区分的行，预览时请逐行选择。一名会员只能有一份在档档案。",
    )
    error_columns = {"member": "name"}
    one_of = (("id_number", "name"),)
    preview_keys = (
        "name",
        "category",
        "main_cause",
        "household_size",
        "annual_household_income",
        "opened_on",
    )

    def context(self, *, union: Any) -> dict[str, Any]:
        return {"members": MemberIndex(union), "seen": {}}

    def build(self, row: Row, *, union: Any, context: dict[str, Any]) -> Built:
        values = row.values
        built = Built()
        members = context["members"]
        match = members.find(
            id_number=values.get("id_number", ""),
            name=values.get("name", ""),
            branch=values.get("branch", ""),
        )
        chosen = members.get(row.resolution) if row.resolution else None
        if match.candidates and chosen in match.candidates:
            match = Match(member=chosen)
        if match.candidates:  # namesakes: the clerk chooses in the preview
            built.candidates = [(str(m.pk), members.label(m)) for m in match.candidates]
            built.question = (
                f"本会有 {len(match.candidates)} 名会员叫“{values.get('name')}”，请选择建档的会员。"
            )
            return built
        if match.member is None:
            built.errors["id_number" if values.get("id_number") else "name"] = match.error
            return built
        fields = {k: v for k, v in self.model_values(values).items() if k != "union"}
        record = HardshipFile(union=union, member=match.member, **fields)
        sources = sum((values.get(name) or ZERO for name in INCOME_SOURCE_FIELDS), ZERO)
        total = values.get("annual_household_income")
        if sources > ZERO and total not in (None, ZERO) and total != sources:
            built.errors["annual_household_income"] = (
                f"家庭年收入应等于各项收入之和（{format_amount(sources)}元），或不填由分项合计。"
            )
            return built
        built = self.checked(record, built)
        if built.record is not None and record.status == HardshipStatus.OPEN:
            earlier = context["seen"].get(match.member.pk)
            if earlier:
                built.record = None
                built.errors["name"] = f"与第 {earlier} 行是同一会员，一名会员只能有一份在档档案。"
            context["seen"][match.member.pk] = row.number
        if built.record is not None:
            built.shown = {
                "姓名": match.member.name,
                "困难类别": str(record.get_category_display()),
                "主要致困原因": str(record.get_main_cause_display()),
                "家庭人口": str(record.household_size),
                "家庭年收入（元）": format(record.annual_household_income, "f"),
                "建档日期": record.opened_on.isoformat(),
            }
        return built

    def write(self, built: Sequence[Built], *, union: Any, actor: Any) -> int:
        for item in built:
            record = item.record
            assert isinstance(record, HardshipFile)
            fields = {name: getattr(record, name) for name in HARDSHIP_FIELDS}
            hardship_file_create(union=union, **fields)
        return len(built)
