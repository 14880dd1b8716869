"""Sections fed by activities: competitions, culture and sport, women, self-building."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from activities.choices import ActivityCategory, HonourLevel
from activities.selectors import (
    CategoryTotal,
    activities_by_category,
    activities_in,
    honour_counts_by_level,
)
from democracy.choices import ContractKind
from democracy.selectors import contract_summary
from members.selectors import membership_figures

from ..figures import Figure, Figures, percent
from .base import Block, Section, SectionContext, join_clauses, p

MAX_NAMED = 5  # event names quoted in a sentence


def _by_category(ctx: SectionContext, previous: bool = False) -> dict[str, CategoryTotal]:
    period = ctx.previous if previous else ctx.period
    key = "activities-by-category" + ("-prev" if previous else "")
    rows = ctx.once(key, lambda: activities_by_category(union=ctx.union, period=period))
    return {row.category: row for row in rows}


def _category_figures(ctx: SectionContext, category: str, name: str) -> Figures:
    now = _by_category(ctx).get(category)
    before = _by_category(ctx, previous=True).get(category)
    titles = list(
        activities_in(union=ctx.union, period=ctx.period, category=category).values_list("title", flat=True)[
            :MAX_NAMED
        ]
    )
    return {
        f"{name}次数": Figure(f"{name}次数", now.count if now else 0, "次", before.count if before else None),
        f"{name}人次": Figure(
            f"{name}人次", now.participants if now else 0, "人次", before.participants if before else None
        ),
        f"{name}经费": Figure(f"{name}经费", now.cost if now else Decimal("0"), "元"),
        f"{name}名称": Figure(f"{name}名称", "、".join(titles)),
    }


class CompetitionSection(Section):
    key = "competition"
    title = "深化劳动竞赛，推动技术创新"

    def figures(self, ctx: SectionContext) -> Figures:
        figures = {
            **_category_figures(ctx, ActivityCategory.LABOUR_COMPETITION, "劳动竞赛"),
            **_category_figures(ctx, ActivityCategory.SKILL_CONTEST, "技能比武"),
            **_category_figures(ctx, ActivityCategory.SAFETY, "安全生产"),
        }
        members = ctx.once("membership", lambda: membership_figures(union=ctx.union, period=ctx.period))
        figures["劳模人数"] = Figure("劳模人数", members.model_workers, "人")
        return figures

    def has_records(self, figures: Figures) -> bool:
        return any(figures[k].value for k in ("劳动竞赛次数", "技能比武次数", "安全生产次数"))

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["劳动竞赛次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"围绕生产经营中心任务，{ctx.words}组织开展劳动竞赛【劳动竞赛次数】，参赛职工【劳动竞赛人次】",
                        "【劳动竞赛人次同比】" if f["劳动竞赛人次"].change else "",
                        "主要有【劳动竞赛名称】等" if f["劳动竞赛名称"].value else "",
                    )
                )
            )
        if f["技能比武次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        "广泛开展岗位练兵和技能比武【技能比武次数】，参与职工【技能比武人次】",
                        "包括【技能比武名称】等" if f["技能比武名称"].value else "",
                        "促进了职工技能素质的提升",
                    )
                )
            )
        if f["安全生产次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        "深入开展“安康杯”竞赛和安全生产活动【安全生产次数】，参与职工【安全生产人次】",
                    )
                )
            )
        if f["劳模人数"].value:
            blocks.append(p("注重发挥劳模示范引领作用，现有各级劳动模范【劳模人数】。"))
        return blocks


class CultureSection(Section):
    key = "culture"
    title = "丰富职工文化生活，增强队伍凝聚力"

    def figures(self, ctx: SectionContext) -> Figures:
        return {
            **_category_figures(ctx, ActivityCategory.SPORTS_CULTURE, "文体活动"),
            **_category_figures(ctx, ActivityCategory.VOLUNTEER, "志愿公益"),
        }

    def has_records(self, figures: Figures) -> bool:
        return bool(figures["文体活动次数"].value or figures["志愿公益次数"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["文体活动次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"坚持以职工喜闻乐见的形式丰富业余文化生活，{ctx.words}举办文体活动【文体活动次数】",
                        "参与职工【文体活动人次】",
                        "【文体活动人次同比】" if f["文体活动人次"].change else "",
                        "投入经费【文体活动经费】" if f["文体活动经费"].value else "",
                        "先后举办了【文体活动名称】等活动" if f["文体活动名称"].value else "",
                    )
                )
            )
        if f["志愿公益次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        "组织职工志愿服务和公益活动【志愿公益次数】，参与【志愿公益人次】",
                    )
                )
            )
        return blocks


class WomenSection(Section):
    key = "women"
    title = "做好女职工工作，维护女职工特殊权益"

    def figures(self, ctx: SectionContext) -> Figures:
        members = ctx.once("membership", lambda: membership_figures(union=ctx.union, period=ctx.period))
        contracts = ctx.once(
            "contracts", lambda: contract_summary(union=ctx.union, period=ctx.period, today=dt.date.today())
        )
        women_contract = contracts.for_kind(ContractKind.WOMEN)
        return {
            "女会员": Figure("女会员", members.women, "人"),
            "女会员占比": Figure("女会员占比", percent(members.women, members.total) or 0, "%"),
            **_category_figures(ctx, ActivityCategory.WOMEN, "女职工活动"),
            **_category_figures(ctx, ActivityCategory.HEALTH_CHECK, "职工体检"),
            "女职工专项合同": Figure("女职工专项合同", women_contract.contracts, "份"),
            "女职工专项覆盖": Figure("女职工专项覆盖", women_contract.workers_covered, "人"),
        }

    def has_records(self, figures: Figures) -> bool:
        keys = ("女职工活动次数", "职工体检次数", "女职工专项合同")
        return any(figures[k].value for k in keys)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["女职工活动次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        "本会现有女会员【女会员】，占会员总数的【女会员占比】",
                        f"{ctx.words}开展女职工活动【女职工活动次数】，参与【女职工活动人次】",
                        "包括【女职工活动名称】等" if f["女职工活动名称"].value else "",
                    )
                )
            )
        if f["女职工专项合同"].value:
            blocks.append(
                p(
                    "签订女职工权益保护专项集体合同【女职工专项合同】，覆盖女职工【女职工专项覆盖】，维护女职工特殊权益。"
                )
            )
        if f["职工体检次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        "关心职工身心健康，组织职工体检【职工体检次数】，受检职工【职工体检人次】",
                    )
                )
            )
        return blocks


class SelfBuildingSection(Section):
    key = "self_building"
    title = "加强工会自身建设，提升服务水平"

    def figures(self, ctx: SectionContext) -> Figures:
        levels = ctx.once("honour-levels", lambda: honour_counts_by_level(union=ctx.union, period=ctx.period))
        total = sum(row.count for row in levels)
        high = sum(row.count for row in levels if row.level in (HonourLevel.NATIONAL, HonourLevel.PROVINCIAL))
        return {
            **_category_figures(ctx, ActivityCategory.STUDY_TRAINING, "学习培训"),
            "获得荣誉": Figure("获得荣誉", total, "项"),
            "省部级以上荣誉": Figure("省部级以上荣誉", high, "项"),
        }

    def has_records(self, figures: Figures) -> bool:
        return bool(figures["学习培训次数"].value or figures["获得荣誉"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["学习培训次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"加强工会干部和职工的学习培训，{ctx.words}举办学习培训【学习培训次数】，参训【学习培训人次】",
                        "内容包括【学习培训名称】等" if f["学习培训名称"].value else "",
                    )
                )
            )
        if f["获得荣誉"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.this_words}本会及会员共获得各级荣誉【获得荣誉】",
                        "其中省部级以上荣誉【省部级以上荣誉】" if f["省部级以上荣誉"].value else "",
                    )
                )
            )
        return blocks
