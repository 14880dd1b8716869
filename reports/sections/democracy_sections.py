"""Sections fed by democratic management and rights records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from democracy.choices import ContractKind
from democracy.selectors import (
    adopted_suggestions,
    congress_summary,
    contract_summary,
    contracts_carried_over,
    disclosure_counts,
    disclosure_topics,
    joint_meeting_count,
    proposal_counts,
    suggestion_summary,
)
from rights.selectors import rights_summary

from ..figures import Figure, Figures, money_text, percent
from .base import Block, Section, SectionContext, Table, h, join_clauses, p
from .phrases import book_title, name_list
from .typical import rights_cases, suggestion_cases

CHANNEL_WORDS = {"board": "公开栏", "oa": "OA平台", "congress": "职代会", "assembly": "职工大会"}


def carried(ctx: SectionContext) -> dict[str, int]:
    return ctx.once(
        "contracts-carried",
        lambda: contracts_carried_over(union=ctx.union, period=ctx.period, today=dt.date.today()),
    )


class DemocracySection(Section):
    key = "democracy"
    title = "推进民主管理，保障职工民主权利"

    def figures(self, ctx: SectionContext) -> Figures:
        congress = congress_summary(union=ctx.union, period=ctx.period)
        latest = congress.latest
        proposals = proposal_counts(union=ctx.union, period=ctx.period)
        proposals_before = proposal_counts(union=ctx.union, period=ctx.previous)
        disclosures = disclosure_counts(union=ctx.union, period=ctx.period)
        disclosures_before = disclosure_counts(union=ctx.union, period=ctx.previous)
        contracts = ctx.once(
            "contracts", lambda: contract_summary(union=ctx.union, period=ctx.period, today=dt.date.today())
        )
        suggestions = ctx.once("suggestions", lambda: suggestion_summary(union=ctx.union, period=ctx.period))
        wage = contracts.for_kind(ContractKind.WAGE)
        women = contracts.for_kind(ContractKind.WOMEN)
        covered = max((line.workers_covered for line in contracts.in_force), default=0)
        return {
            "职代会次数": Figure("职代会次数", congress.count, "次"),
            "职代会名称": Figure("职代会名称", "、".join(s.label for s in congress.sessions)),
            "代表总数": Figure("代表总数", latest.delegates_total if latest else 0, "名"),
            "实到代表": Figure("实到代表", latest.delegates_present if latest else 0, "名"),
            "女代表": Figure("女代表", latest.delegates_women if latest else 0, "名"),
            "审议事项": Figure("审议事项", name_list(congress.items, limit=8)),
            "提案数": Figure("提案数", proposals.received, "件", proposals_before.received or None),
            "立案数": Figure("立案数", proposals.accepted, "件"),
            "办结数": Figure("办结数", proposals.closed, "件"),
            "提案办结率": Figure("提案办结率", percent(proposals.closed, proposals.accepted) or 0, "%"),
            "公开事项": Figure("公开事项", disclosures.count, "项", disclosures_before.count or None),
            "公开内容": Figure(
                "公开内容",
                name_list(disclosure_topics(union=ctx.union, period=ctx.period), total=disclosures.count),
            ),
            "公开渠道": Figure(
                "公开渠道",
                "、".join(
                    CHANNEL_WORDS[c.channel] for c in disclosures.by_channel if c.channel in CHANNEL_WORDS
                ),
            ),
            "签订合同": Figure("签订合同", contracts.signed, "份"),
            "继续履行合同": Figure("继续履行合同", sum(carried(ctx).values()), "份"),
            "有效合同": Figure("有效合同", contracts.in_force_total, "份"),
            "覆盖职工": Figure("覆盖职工", covered, "人"),
            "工资专项合同": Figure("工资专项合同", wage.contracts, "份"),
            "女职工专项合同": Figure("女职工专项合同", women.contracts, "份"),
            "工资协商次数": Figure("工资协商次数", contracts.negotiation_rounds, "次"),
            "工资增长": Figure("工资增长", contracts.wage_growth_average or Decimal("0"), "%"),
            "合理化建议": Figure("合理化建议", suggestions.submitted, "条"),
            "采纳建议": Figure("采纳建议", suggestions.adopted, "条"),
            "建议效益": Figure("建议效益", suggestions.benefit, "元"),
            "联席会": Figure("联席会", joint_meeting_count(union=ctx.union, period=ctx.period), "次"),
        }

    def has_records(self, f: Figures) -> bool:
        keys = ("职代会次数", "提案数", "公开事项", "有效合同", "签订合同", "合理化建议", "联席会")
        return any(f[k].value for k in keys)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks: list[Block] = []
        if f["职代会次数"].value or f["提案数"].value:
            blocks.append(h("坚持和完善职工代表大会制度"))
            if f["职代会次数"].value:
                blocks.append(
                    p(
                        join_clauses(
                            "召开【职代会名称】"
                            if f["职代会次数"].value == 1
                            else f"{ctx.period_words}召开职工代表大会【职代会次数】，分别为【职代会名称】",
                            "应到代表【代表总数】，实到【实到代表】" if f["代表总数"].value else "",
                            "其中女代表【女代表】" if f["女代表"].value else "",
                            "审议通过了【审议事项】" if f["审议事项"].value else "",
                        )
                    )
                )
            if f["提案数"].value:
                blocks.append(
                    p(
                        join_clauses(
                            "共收到职工代表提案【提案数】"
                            + ("，【提案数同比】" if f["提案数"].change else "")
                            + "，立案【立案数】",
                            "办结【办结数】，办结率【提案办结率】" if f["办结数"].value else "",
                        )
                    )
                )
        if f["公开事项"].value or f["联席会"].value:
            blocks.append(h(f"深化{ctx.words.disclosure}"))
            blocks.append(
                p(
                    join_clauses(
                        self._disclosure(ctx, f) if f["公开事项"].value else "",
                        "召开党政工联席会【联席会】，共同研究涉及职工切身利益的事项"
                        if f["联席会"].value
                        else "",
                    )
                )
            )
        if f["有效合同"].value or f["签订合同"].value:
            blocks.append(h("推行集体协商和集体合同制度"))
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.this_words}签订（续签）集体合同【签订合同】" if f["签订合同"].value else "",
                        "开展工资集体协商【工资协商次数】" if f["工资协商次数"].value else "",
                        self._in_force(f),
                        "其中工资专项集体合同【工资专项合同】" if f["工资专项合同"].value else "",
                        "女职工权益保护专项集体合同【女职工专项合同】"
                        if f["女职工专项合同"].value and ctx.first_mention("女职工专项合同")
                        else "",
                        "约定职工工资平均增长【工资增长】" if f["工资增长"].value else "",
                    )
                )
            )
        if f["合理化建议"].value:
            blocks.append(h("广泛征集合理化建议"))
            blocks.append(
                p(
                    join_clauses(
                        "征集职工合理化建议【合理化建议】，采纳【采纳建议】",
                        "创造经济效益【建议效益】" if f["建议效益"].value else "",
                    )
                )
            )
            named = self._suggestions(ctx)
            if named:
                blocks.append(p(named))
            blocks += [p(t) for t in suggestion_cases(ctx)]
        return blocks

    def _in_force(self, f: Figures) -> str:
        """The verb fits the period: contracts signed earlier and in force now 继续履行."""
        if not f["有效合同"].value:
            return ""
        carried, total = f["继续履行合同"].value, f["有效合同"].value
        if carried and carried == total and not f["签订合同"].value:
            return "以前年度签订的集体合同【有效合同】在有效期内继续履行，覆盖职工【覆盖职工】"
        if carried:
            return (
                "以前年度签订的【继续履行合同】继续履行，现行有效集体合同【有效合同】，覆盖职工【覆盖职工】"
            )
        return "现行有效集体合同【有效合同】，覆盖职工【覆盖职工】"

    def _disclosure(self, ctx: SectionContext, f: Figures) -> str:
        channels = f"通过{f['公开渠道'].value}" if f["公开渠道"].value else ""
        topics = str(f["公开内容"].value)
        change = "，【公开事项同比】" if f["公开事项"].change else ""
        if topics and not topics.endswith("等"):
            return f"坚持{ctx.words.disclosure}制度，{channels}公开了{topics}，共【公开事项】{change}"
        return f"坚持{ctx.words.disclosure}制度，{channels}公开事项【公开事项】{change}" + (
            f"，主要有{topics}" if topics else ""
        )

    def _suggestions(self, ctx: SectionContext) -> str:
        """The adopted suggestions with the largest benefits, by submitter and title."""
        rows = ctx.once("adopted", lambda: adopted_suggestions(union=ctx.union, period=ctx.period))
        shown = rows[:3]
        if not shown:
            return ""
        parts = []
        for s in shown:
            who = ctx.person(s.submitter)
            title = book_title(s.title)
            named = f"{who}提出的{title}" if who else title
            parts.append(f"{named}创造效益{money_text(s.benefit)}" if s.benefit else named)
        listed = "；".join(parts)
        if len(rows) > len(shown):
            return f"其中效益较大的有：{listed}。"
        return f"被采纳的建议有：{listed}。" if len(rows) > 1 else f"被采纳的是{listed}。"

    def tables(self, ctx: SectionContext, f: Figures) -> list[Table]:
        rows = [
            ["职工代表大会（次）", f["职代会次数"].text],
            ["职工代表（名）", f["代表总数"].text],
            ["其中女代表（名）", f["女代表"].text],
            ["收到提案（件）", f["提案数"].text],
            ["立案 / 办结（件）", f"{f['立案数'].text} / {f['办结数'].text}"],
            [f"{ctx.words.disclosure}事项（项）", f["公开事项"].text],
            ["现行有效集体合同（份）", f["有效合同"].text],
            ["集体合同覆盖职工（人）", f["覆盖职工"].text],
            ["合理化建议 / 采纳（条）", f"{f['合理化建议'].text} / {f['采纳建议'].text}"],
        ]
        return [Table("民主管理主要数据", ["项目", "数量"], rows)]


# How each channel of 来信来访 is counted (figure, words, what counts, unit), in the order the
# seeds list them: visits in persons, calls and letters by number.
CHANNEL_PHRASES = (
    ("visit", "来访人次", "接待来访职工", "persons", "人次"),
    ("phone", "来电次数", "来电", "cases", "次"),
    ("letter", "来信件数", "来信", "cases", "件"),
    ("online", "网上反映件数", "网上反映", "cases", "件"),
)


class RightsSection(Section):
    key = "rights"
    title = "依法维护职工合法权益"

    def figures(self, ctx: SectionContext) -> Figures:
        now = rights_summary(union=ctx.union, period=ctx.period)
        before = rights_summary(union=ctx.union, period=ctx.previous)
        figures = {
            "调解案件": Figure("调解案件", now.mediation_received, "件", before.mediation_received or None),
            "调解成功": Figure("调解成功", now.mediation_successful, "件"),
            "调解成功率": Figure(
                "调解成功率", percent(now.mediation_successful, now.mediation_received) or 0, "%"
            ),
            "涉及职工": Figure("涉及职工", now.mediation_workers, "人"),
            "调解追回": Figure("调解追回", now.mediation_recovered, "元"),
            "法律咨询": Figure("法律咨询", now.consultation_persons, "人次"),
            "代理案件": Figure("代理案件", now.represented_cases, "件"),
            "代理涉及职工": Figure("代理涉及职工", now.represented_workers, "名"),
            "代理涉及农民工": Figure("代理涉及农民工", now.represented_migrants, "名"),
            "法律援助追回": Figure("法律援助追回", now.legal_aid_recovered, "元"),
            "来信来访件次": Figure("来信来访件次", now.petition_cases, "件次", before.petition_cases or None),
            "来信来访人次": Figure("来信来访人次", now.petition_persons, "人次"),
            "集体访": Figure("集体访", now.collective_visits, "起"),
            "集体访人数": Figure("集体访人数", now.collective_persons, "人"),
            "追回金额": Figure("追回金额", now.total_recovered, "元", before.total_recovered or None),
        }
        by_channel = {line.channel: line for line in now.petition_by_channel}
        for channel, label, _, attr, unit in CHANNEL_PHRASES:
            line = by_channel.get(channel)
            figures[label] = Figure(label, getattr(line, attr) if line else 0, unit)
        return figures

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        # Both kinds recovered money: each sentence says its own, then the total; otherwise the
        # total sentence alone says it (a figure is stated once).
        apart = bool(f["调解追回"].value and f["法律援助追回"].value)
        if f["调解案件"].value:
            blocks.append(
                p(
                    join_clauses(
                        "发挥劳动争议调解委员会作用，受理劳动争议【调解案件】",
                        "【调解案件同比】" if f["调解案件"].change else "",
                        "涉及职工【涉及职工】" if f["涉及职工"].value else "",
                        "调解成功【调解成功】，调解成功率【调解成功率】" if f["调解成功"].value else "",
                        "为职工追回工资及补偿【调解追回】" if apart else "",
                    )
                )
            )
        if f["法律咨询"].value or f["代理案件"].value:
            blocks.append(
                p(
                    join_clauses(
                        "开展法律援助和普法服务",
                        "为职工提供法律咨询【法律咨询】" if f["法律咨询"].value else "",
                        "代理职工维权案件【代理案件】" if f["代理案件"].value else "",
                        self._represented(f) if f["代理案件"].value else "",
                        "为职工追讨工资及补偿【法律援助追回】" if apart else "",
                    )
                )
            )
        if f["追回金额"].value:
            blocks.append(
                p(
                    join_clauses(
                        "两项合计为职工追回【追回金额】"
                        if apart
                        else "通过调解和法律援助，为职工追回工资及各项补偿【追回金额】",
                        "【追回金额同比】" if f["追回金额"].change else "",
                    )
                )
            )
        if f["来信来访件次"].value:
            blocks.append(
                p(
                    join_clauses(
                        "认真做好职工来信来访工作，受理来信来访【来信来访件次】、【来信来访人次】",
                        "【来信来访件次同比】" if f["来信来访件次"].change else "",
                        self._channels(f),
                        "其中集体访【集体访】、【集体访人数】" if f["集体访"].value else "",
                        "做到件件有回音",
                    )
                )
            )
        blocks += [p(t) for t in rights_cases(ctx)]
        return blocks

    @staticmethod
    def _represented(f: Figures) -> str:
        """涉及农民工208名 / 涉及职工30名，其中农民工12名."""
        workers, migrants = f["代理涉及职工"].value, f["代理涉及农民工"].value
        if not workers:
            return ""
        if migrants == workers:
            return "涉及农民工【代理涉及农民工】"
        return "涉及职工【代理涉及职工】" + ("，其中农民工【代理涉及农民工】" if migrants else "")

    @staticmethod
    def _channels(f: Figures) -> str:
        """接待来访职工952人次、来电1042次、来信12件: the channels apart, when there are several
        (visits alone are already the total)."""
        present = [
            (channel, label, words) for channel, label, words, _, _ in CHANNEL_PHRASES if f[label].value
        ]
        if not present or [channel for channel, _, _ in present] == ["visit"]:
            return ""
        return "其中" + "、".join(f"{words}【{label}】" for _, label, words in present)
