"""Every record type: a good file is written whole, a bad file writes nothing, and a file
with the union's own headers is mapped once and recognised next time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from activities.models import Activity
from audit.models import AuditEntry
from democracy.models import CollectiveContract, Congress, Disclosure, Proposal, Suggestion
from funds.models import FundEntry
from imports import registry
from imports.apply import apply_import
from imports.headers import REMEMBERED, normalize
from imports.models import HeaderMapping
from imports.services import record_import_remap
from rights.models import LegalAid, MediationCase, Petition
from tests.factories import MemberFactory
from welfare.models import Disbursement, HardshipFile
from works.models import DuesCollection, Innovation, Publicity, SafetyInspection, WorkersHome

from .files import problems, upload, xlsx

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    model: Any
    headers: list[str]
    good: list[list[Any]]
    bad: list[Any]  # one row with one wrong cell
    bad_column: str  # the header the message names
    own: dict[str, str]  # the union's own header -> column key, for columns matched by no alias


def _members(union: Any) -> None:
    MemberFactory(union=union, name="王芳", id_number="11010519491231002X")
    MemberFactory(union=union, name="李强")


D = dt.date(2025, 3, 8)
TODAY = dt.date.today()  # disbursements of the current period come in as drafts
CASES = {
    "activities": Case(
        Activity,
        ["活动名称", "类别", "开始日期", "参加人次", "参加人员", "经费（元）"],
        [["篮球赛", "文体活动", D, 20, "王芳、李强", 1500], ["安全培训", "学习培训", D, 35, None, "800"]],
        ["拔河", "文体活动", D, 1, "王芳、李强", 0],
        "参加人次",
        {"赛事": "title"},
    ),
    "hardship-files": Case(
        HardshipFile,
        ["姓名", "身份证号", "困难类别", "主要致困原因", "家庭人口", "家庭年收入（元）", "建档日期"],
        [
            ["王芳", "11010519491231002X", "相对困难", "重特大疾病", 3, 36000, D],
            ["李强", None, "深度困难", "下岗失业", 2, 9000, D],
        ],
        ["王芳", None, "很困难", "重特大疾病", 3, 36000, D],
        "困难类别",
        {"困难程度": "category"},
    ),
    "congresses": Case(
        Congress,
        ["届次", "召开日期", "代表总数", "出席代表", "女代表"],
        [["第三届第二次", D, 120, 112, 40], ["第三届第三次", D, 118, 110, 41]],
        ["第三届第四次", D, 100, 130, 10],
        "出席代表",
        {"实到人数": "delegates_present"},
    ),
    "proposals": Case(
        Proposal,
        ["提案编号", "案由", "提出日期", "提案人", "办理状态"],
        [["T01", "改善食堂", D, "王芳", "立案"], ["T02", "增设车棚", D, "李强", "收到"]],
        ["T03", "延长午休", D, "王芳", "办结"],
        "答复意见",
        {"提案题目": "title"},
    ),
    "disclosures": Case(
        Disclosure,
        ["公开日期", "公开事项", "公开形式"],
        [[D, "年度福利方案", "公开栏"], [D, "招聘计划", "OA/内网"]],
        [D, "评优结果", "广播"],
        "公开形式",
        {"公开项目": "topic"},
    ),
    "contracts": Case(
        CollectiveContract,
        ["合同名称", "合同类型", "签订日期", "生效日期", "终止日期", "覆盖职工人数", "约定工资增幅（%）"],
        [
            ["集体合同", "综合", D, D, dt.date(2028, 3, 7), 860, 5.5],
            ["女职工专项合同", "女职工权益保护专项", D, D, dt.date(2028, 3, 7), 300, None],
        ],
        ["工资专项", "工资专项", D, D, dt.date(2024, 1, 1), 500, 3],
        "终止日期",
        {"涵盖人数": "workers_covered"},
    ),
    "suggestions": Case(
        Suggestion,
        ["建议名称", "提出日期", "建议人", "是否采纳", "创造效益（元）"],
        [["改进包装", D, "李强", "是", 20000], ["节约用电", D, "王芳", "否", None]],
        ["优化排班", D, "李强", "否", 500],
        "创造效益（元）",
        {"建议题目": "title"},
    ),
    "mediation": Case(
        MediationCase,
        ["受理日期", "当事人", "争议事项", "处理结果", "结案日期", "追讨金额（元）"],
        [[D, "张伟", "加班费", "调解成功", D, 12000], [D, "赵敏", "解除合同", "处理中", None, None]],
        [D, "孙丽", "工伤待遇", "处理中", D, None],
        "结案日期",
        {"申请人员": "parties"},
    ),
    "legal-aid": Case(
        LegalAid,
        ["日期", "类型", "人次", "事项"],
        [[D, "法律咨询", 6, "劳动合同"], [D, "代理案件", 1, "工伤认定"]],
        [D, "法律咨询", -2, "社保"],
        "人次",
        {"咨询内容": "subject"},
    ),
    "petitions": Case(
        Petition,
        ["日期", "方式", "件次", "人次", "反映事项", "已办结"],
        [[D, "来访", 1, 3, "食堂价格", "是"], [D, "来信", 2, 2, "班车线路", "否"]],
        ["2025-02-30", "来访", 1, 1, "宿舍", "否"],
        "日期",
        {"诉求": "subject"},
    ),
    "funds": Case(
        FundEntry,
        ["日期", "科目", "收入（元）", "支出（元）", "摘要", "凭证号"],
        [[D, "会费", 12800, None, "3月会费", "001"], [D, "职工活动", None, 1500, "篮球赛", "002"]],
        [D, "会费", None, 300, "退会费", "003"],
        "科目",
        {"经济事项": "description"},
    ),
    "publicity": Case(
        Publicity,
        ["日期", "类型", "主题", "参加人次", "采用级别", "报送数", "采用数"],
        [
            [D, "政治理论学习", "学习工会法", 30, None, None, None],
            [D, "工会信息", "工运信息", None, "市级", 12, 5],
        ],
        [D, "工会信息", "调研文章", None, "市级", 3, 4],
        "采用篇（条）数",
        {"学习主题": "title"},
    ),
    "workers-homes": Case(
        WorkersHome,
        ["名称", "类型", "建成日期", "命名级别", "命名日期", "藏书（册）"],
        [["机修车间职工之家", "职工之家", D, "省级", D, None], ["职工书屋", "职工书屋", D, None, None, 2600]],
        ["老之家", "职工之家", D, "市级", None, None],
        "命名日期",
        {"阵地名称": "name"},
    ),
    "dues": Case(
        DuesCollection,
        ["日期", "项目", "缴纳单位（分会）", "应缴金额（元）", "实缴金额（元）"],
        [[D, "会员会费", "机关分会", 12000, 11800], [D, "拨缴经费", "一车间", 410000, None]],
        [D, "会员会费", "二车间", 0, 100],
        "应缴金额（元）",
        {"交费单位": "payer"},
    ),
    "safety-inspections": Case(
        SafetyInspection,
        ["日期", "检查名称", "发现隐患（处）", "已整改（处）", "整改措施"],
        [[D, "安全生产月大检查", 31, 29, 36], [D, "节前检查", None, None, None]],
        [D, "汛期检查", 3, 5, None],
        "已整改（处）",
        {"检查项目": "title"},
    ),
    "innovations": Case(
        Innovation,
        ["认定日期", "成果名称", "级别", "经济效益（万元）"],
        [[D, "转炉煤气回收改造", "省部级", 280.5], [D, "刀具快换装置", "单位级", None]],
        [D, "巡检优化", "世界级", 1],
        "级别",
        {"创新项目": "title"},
    ),
    "disbursements": Case(
        Disbursement,
        ["日期", "类型", "节日", "姓名", "身份证号", "现金（元）", "资金来源"],
        [
            [TODAY, "节日慰问", "春节", "王芳", "11010519491231002X", 500, "工会经费"],
            [TODAY, "生活救助", None, "李强", None, 800, "工会经费"],
        ],
        [TODAY, "节日慰问", None, "李强", None, 500, "工会经费"],
        "节日",
        {"领取人": "name"},
    ),
}


def test_every_record_type_has_a_case():
    # The roster (update-or-create by ID number) has its own cases in tests/members/test_import*.py.
    assert set(CASES) == {t.key for t in registry.all_types()} - {"roster"}


def _entries(model: Any) -> Any:
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), action="create")


@pytest.mark.parametrize("kind", list(CASES))
def test_a_good_file_is_written_whole_with_audit_entries(kind, union, clerk):
    _members(union)
    case = CASES[kind]
    record_import = upload(union, clerk, kind, xlsx([case.headers, *case.good]))
    assert problems(record_import) == []
    assert record_import.valid_count == len(case.good)
    outcome = apply_import(record_import, clerk)
    assert outcome.applied, outcome.message
    assert case.model.objects.filter(union=union).count() == len(case.good)
    created = _entries(case.model).filter(actor=clerk)
    assert created.count() == len(case.good)
    assert AuditEntry.objects.filter(action="imports.records.imported", actor=clerk).count() == 1


@pytest.mark.parametrize("kind", list(CASES))
def test_a_bad_row_is_named_and_nothing_is_written(kind, union, clerk):
    _members(union)
    case = CASES[kind]
    content = xlsx([case.headers, *case.good, case.bad])
    record_import = upload(union, clerk, kind, content)
    found = problems(record_import)
    assert {row for row, _, _ in found} == {len(case.good) + 2}, found
    assert case.bad_column in {column for _, column, _ in found}, found
    assert all(message for *_, message in found)
    outcome = apply_import(record_import, clerk)
    assert not outcome.applied
    assert case.model.objects.count() == 0
    assert _entries(case.model).count() == 0


@pytest.mark.parametrize("kind", list(CASES))
def test_the_unions_own_headers_are_mapped_once_and_remembered(kind, union, clerk):
    _members(union)
    case = CASES[kind]
    ((own, key),) = case.own.items()
    header = case.model._meta.get_field(key).verbose_name if key != "name" else "姓名"
    position = next(
        i for i, h in enumerate(case.headers) if registry.get(kind).column(key).header == h or h == header
    )
    headers = [own if i == position else h for i, h in enumerate(case.headers)]
    title_row = [f"{union.name}{registry.get(kind).title}台账"]
    content = xlsx([title_row, headers, *case.good, ["合计", None, None], [None]])

    first = upload(union, clerk, kind, content, name="本会台账.xlsx")
    assert first.summary["header_rows"] == [2]
    column = next(c for c in first.summary["columns"] if c["header"] == own)
    assert column["key"] != key or column["guess"]  # not known yet
    record_import_remap(record_import=first, user=clerk, chosen={normalize(own): key})
    first.refresh_from_db()
    assert first.valid_count == len(case.good), first.summary
    assert first.summary["skipped_totals"] == [len(case.good) + 3]
    assert HeaderMapping.objects.get(union=union, kind=kind).mapping[normalize(own)] == key

    second = upload(union, clerk, kind, content, name="本会台账2.xlsx")
    column = next(c for c in second.summary["columns"] if c["header"] == own)
    assert (column["key"], column["how"]) == (key, REMEMBERED)
    assert second.can_confirm
    assert apply_import(second, clerk).applied
    assert case.model.objects.filter(union=union).count() == len(case.good)
