"""Democratic-management ledgers (民主管理台账) for the import framework: congresses, proposals,
disclosures, collective contracts, suggestions. Each is its columns; the model's own
validation (the same as the record pages') decides what is valid."""

from __future__ import annotations

import datetime as dt
from typing import Any

from imports import cells
from imports.registry import register
from imports.spec import BOOL, DATE, NUMBER, Built, Column, RecordType, Row, choice_column

from .choices import CongressKind, ContractKind, DisclosureChannel, ProposalStatus
from .models import CollectiveContract, Congress, Disclosure, Proposal, Suggestion

NOTES = Column("notes", "备注", cells.text(5000), width=20)


@register
class CongressImport(RecordType):
    key = "congresses"
    title = "职代会"
    model = Congress
    columns = (
        Column("session", "届次", cells.text(40), aliases=("会议届次", "届次名称"), required=True, example="第三届第二次"),
        Column("date", "召开日期", cells.date, kind=DATE, aliases=("日期", "会议日期", "时间"), required=True,
               example=dt.date(2024, 3, 20)),
        choice_column("kind", "会议类型", CongressKind, {"职代会": CongressKind.WORKERS, "教代会": CongressKind.STAFF},
                      aliases=("类型",)),
        Column("delegates_total", "代表总数", cells.count, kind=NUMBER, aliases=("应到代表", "代表人数"), required=True,
               example=120),
        Column("delegates_present", "出席代表", cells.count, kind=NUMBER, aliases=("实到代表", "出席人数"), required=True,
               example=112),
        Column("delegates_women", "女代表", cells.count, kind=NUMBER, aliases=("女代表人数", "其中女代表")),
        Column("items", "审议事项", cells.text(5000), aliases=("审议内容", "议题")),
        Column("resolutions", "形成决议", cells.text(5000), aliases=("决议",)),
        NOTES,
    )  # fmt: skip
    preview_keys = ("session", "date", "kind", "delegates_total", "delegates_present")


@register
class ProposalImport(RecordType):
    key = "proposals"
    title = "提案"
    model = Proposal
    columns = (
        Column("number", "提案编号", cells.text(30), aliases=("编号", "提案号"), as_text=True),
        Column("title", "案由", cells.text(200), aliases=("提案名称", "提案标题", "标题"), required=True, example="改善职工食堂"),
        Column("submitted_on", "提出日期", cells.date, kind=DATE, aliases=("日期", "提交日期"), required=True,
               example=dt.date(2024, 3, 20)),
        Column("submitter", "提案人", cells.text(100), aliases=("提出人", "联名人"), required=True, example="王芳"),
        Column("congress", "所属会议", cells.text(40), aliases=("会议届次", "届次"), note="填写系统中已有职代会的届次，如“第三届第二次”。"),
        Column("content", "提案内容", cells.text(5000), aliases=("内容",)),
        choice_column("status", "办理状态", ProposalStatus, {"已办结": ProposalStatus.CLOSED, "已立案": ProposalStatus.ACCEPTED},
                      aliases=("状态", "处理情况")),
        Column("department", "承办部门", cells.text(100), aliases=("办理部门",)),
        Column("reply", "答复意见", cells.text(5000), aliases=("答复", "办理结果")),
        Column("replied_on", "答复日期", cells.date, kind=DATE),
    )  # fmt: skip
    preview_keys = ("number", "title", "submitted_on", "submitter", "status")

    def context(self, *, union: Any) -> dict[str, Congress]:
        return {"".join(c.session.split()): c for c in Congress.objects.live().filter(union=union)}

    def build(self, row: Row, *, union: Any, context: dict[str, Congress]) -> Built:
        values = dict(row.values)
        session = values.pop("congress", "")
        congress = context.get("".join(session.split())) if session else None
        if session and congress is None:
            return Built(errors={"congress": f"系统中没有届次为“{session}”的职代会，请先录入该次会议。"})
        return self.checked(Proposal(union=union, congress=congress, **values), exclude=["congress"])


@register
class DisclosureImport(RecordType):
    key = "disclosures"
    title = "厂务公开"
    model = Disclosure
    columns = (
        Column("date", "公开日期", cells.date, kind=DATE, aliases=("日期", "时间"), required=True, example=dt.date(2024, 4, 1)),
        Column("topic", "公开事项", cells.text(200), aliases=("事项", "公开内容摘要", "主题"), required=True, example="年度福利方案"),
        choice_column("channel", "公开形式", DisclosureChannel, {"公示栏": DisclosureChannel.BOARD, "OA": DisclosureChannel.OA,
                      "内网": DisclosureChannel.OA}, aliases=("公开方式", "形式")),
        Column("content", "公开内容", cells.text(5000), aliases=("内容",)),
    )  # fmt: skip
    preview_keys = ("date", "topic", "channel")


@register
class ContractImport(RecordType):
    key = "contracts"
    title = "集体合同"
    model = CollectiveContract
    columns = (
        choice_column("kind", "合同类型", ContractKind, {"综合性": ContractKind.GENERAL, "工资": ContractKind.WAGE,
                      "女职工专项": ContractKind.WOMEN, "安全卫生专项": ContractKind.SAFETY}, aliases=("类型",)),
        Column("title", "合同名称", cells.text(200), aliases=("名称",), required=True, example="2024年集体合同"),
        Column("signed_on", "签订日期", cells.date, kind=DATE, aliases=("签订时间",), required=True, example=dt.date(2024, 1, 15)),
        Column("start_date", "生效日期", cells.date, kind=DATE, aliases=("起始日期", "开始日期"), required=True,
               example=dt.date(2024, 2, 1)),
        Column("end_date", "终止日期", cells.date, kind=DATE, aliases=("到期日期", "结束日期"), required=True,
               example=dt.date(2027, 1, 31)),
        Column("workers_covered", "覆盖职工人数", cells.count, kind=NUMBER, aliases=("覆盖人数", "覆盖职工"), required=True,
               example=860),
        Column("wage_growth", "约定工资增幅（%）", cells.percent, kind=NUMBER, aliases=("工资增幅", "工资增长幅度")),
        Column("negotiation_rounds", "工资集体协商次数", cells.count, kind=NUMBER, aliases=("协商次数",)),
        NOTES,
    )  # fmt: skip
    preview_keys = ("title", "kind", "signed_on", "start_date", "end_date", "workers_covered")


@register
class SuggestionImport(RecordType):
    key = "suggestions"
    title = "合理化建议"
    model = Suggestion
    columns = (
        Column("title", "建议名称", cells.text(200), aliases=("建议", "名称", "项目名称"), required=True, example="改进包装工序"),
        Column("date", "提出日期", cells.date, kind=DATE, aliases=("日期",), required=True, example=dt.date(2024, 6, 1)),
        Column("submitter", "建议人", cells.text(100), aliases=("提出人", "姓名"), required=True, example="李强"),
        Column("content", "建议内容", cells.text(5000), aliases=("内容",)),
        Column("adopted", "是否采纳", cells.yes_no, kind=BOOL, aliases=("已采纳", "采纳")),
        Column("adopted_on", "采纳日期", cells.date, kind=DATE),
        Column("benefit", "创造效益（元）", cells.money, kind=NUMBER, aliases=("经济效益", "效益", "创造效益")),
    )  # fmt: skip
    preview_keys = ("title", "date", "submitter", "adopted", "benefit")
