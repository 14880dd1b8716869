"""Rights-protection ledgers (维权台账) for the import framework: mediation, legal aid, petitions."""

from __future__ import annotations

import datetime as dt

from imports import cells
from imports.registry import register
from imports.spec import BOOL, DATE, NUMBER, Column, RecordType, choice_column

from .choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel
from .models import LegalAid, MediationCase, Petition


@register
class MediationImport(RecordType):
    key = "mediation"
    title = "劳动争议调解"
    model = MediationCase
    columns = (
        Column("received_on", "受理日期", cells.date, kind=DATE, aliases=("日期", "受理时间"), required=True,
               example=dt.date(2024, 5, 6)),
        Column("parties", "当事人", cells.text(200), aliases=("申请人", "当事人姓名"), required=True, example="张伟"),
        Column("subject", "争议事项", cells.text(200), aliases=("事项", "争议内容", "案由"), required=True, example="加班费"),
        choice_column("dispute_type", "争议类型", DisputeType, {"工资": DisputeType.PAY, "劳动报酬争议": DisputeType.PAY,
                      "合同": DisputeType.CONTRACT, "社保": DisputeType.INSURANCE}, aliases=("类型",)),
        Column("workers_involved", "涉及职工人数", cells.count, kind=NUMBER, aliases=("涉及人数", "人数")),
        choice_column("outcome", "处理结果", MediationOutcome, {"成功": MediationOutcome.SUCCESS, "调解成功结案": MediationOutcome.SUCCESS,
                      "不成功": MediationOutcome.FAILED, "未结": MediationOutcome.PENDING}, aliases=("调解结果", "结果")),
        Column("closed_on", "结案日期", cells.date, kind=DATE),
        Column("amount_recovered", "追讨金额（元）", cells.money, kind=NUMBER, aliases=("追回金额", "追讨工资", "涉及金额")),
        Column("notes", "备注", cells.text(5000)),
    )  # fmt: skip
    preview_keys = ("received_on", "parties", "subject", "outcome", "amount_recovered")


@register
class LegalAidImport(RecordType):
    key = "legal-aid"
    title = "法律援助"
    model = LegalAid
    columns = (
        Column("date", "日期", cells.date, kind=DATE, aliases=("时间", "咨询日期"), required=True, example=dt.date(2024, 7, 2)),
        choice_column("kind", "类型", LegalAidKind, {"咨询": LegalAidKind.CONSULTATION, "代理": LegalAidKind.REPRESENTATION,
                      "法律咨询服务": LegalAidKind.CONSULTATION}, aliases=("援助类型",)),
        Column("persons", "人次", cells.count, kind=NUMBER, aliases=("人数", "咨询人次")),
        Column("subject", "事项", cells.text(200), aliases=("咨询事项", "内容", "案由"), required=True, example="工伤认定"),
        Column("outcome", "处理结果", cells.text(5000), aliases=("结果",)),
        Column("amount_recovered", "追讨金额（元）", cells.money, kind=NUMBER, aliases=("追回金额",)),
    )  # fmt: skip
    preview_keys = ("date", "kind", "persons", "subject")


@register
class PetitionImport(RecordType):
    key = "petitions"
    title = "来信来访"
    model = Petition
    columns = (
        Column("date", "日期", cells.date, kind=DATE, aliases=("来访日期", "时间"), required=True, example=dt.date(2024, 8, 9)),
        choice_column("channel", "方式", PetitionChannel, {"信访": PetitionChannel.LETTER, "来电": PetitionChannel.PHONE,
                      "网上": PetitionChannel.ONLINE}, aliases=("来信来访方式", "形式")),
        Column("cases", "件次", cells.count, kind=NUMBER, aliases=("件数",)),
        Column("persons", "人次", cells.count, kind=NUMBER, aliases=("人数",)),
        Column("subject", "反映事项", cells.text(200), aliases=("事项", "反映问题", "内容"), required=True, example="食堂价格"),
        Column("handling", "办理情况", cells.text(5000), aliases=("处理情况",)),
        Column("resolved", "已办结", cells.yes_no, kind=BOOL, aliases=("是否办结", "办结")),
    )  # fmt: skip
    preview_keys = ("date", "channel", "cases", "persons", "subject")
