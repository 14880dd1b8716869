"""Sections fed by activities: competitions, culture and sport, women, self-building."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from activities.choices import ActivityCategory, HonourLevel
from activities.selectors import (
    CategoryTotal,
    Event,
    Ranking,
    activities_by_category,
    activities_ranked,
    activities_with_results,
    honour_counts_by_level,
)
from democracy.choices import ContractKind
from democracy.selectors import contract_summary

from ..figures import Figure, Figures, percent
from .base import Block, Section, SectionContext, join_clauses, p
from .democracy_sections import carried
from .honours import honour_sentences
from .phrases import MAX_NAMED, name_list, result_clause, with_noun
from .typical import activity_cases

A = ActivityCategory


def _by_category(ctx: SectionContext, previous: bool = False) -> dict[str, CategoryTotal]:
    period = ctx.previous if previous else ctx.period
    key = "activities-by-category" + ("-prev" if previous else "")
    rows = ctx.once(key, lambda: activities_by_category(union=ctx.union, period=period))
    return {row.category: row for row in rows}


def _ranking(ctx: SectionContext, category: str) -> Ranking:
    """The category's biggest events and titles, as many as a sentence names and one more to
    tell that the list is cut; every commendation, since each has its own sentence."""
    limit = None if category == A.COMMENDATION else MAX_NAMED + 1
    return ctx.once(
        f"events-{category}",
        lambda: activities_ranked(union=ctx.union, period=ctx.period, category=category, limit=limit),
    )


def _events(ctx: SectionContext, category: str) -> list[Event]:
    return _ranking(ctx, category).events


def _category_figures(ctx: SectionContext, category: str, name: str) -> Figures:
    now = _by_category(ctx).get(category)
    before = _by_category(ctx, previous=True).get(category)
    return {
        f"{name}次数": Figure(f"{name}次数", now.count if now else 0, "次", before.count if before else None),
        f"{name}人次": Figure(
            f"{name}人次", now.participants if now else 0, "人次", before.participants if before else None
        ),
        f"{name}经费": Figure(f"{name}经费", now.cost if now else Decimal("0"), "元"),
        # The biggest events first; 等 only when the list is cut.
        f"{name}名称": Figure(f"{name}名称", name_list(_ranking(ctx, category).titles)),
    }


def events_clause(f: Figures, name: str, verb: str, noun: str) -> str:
    """ "先后举办A、B、C，共3次" for a list that names every event; "举办文体活动12次，其中
    规模较大的有A、B等" when it is cut; "组织开展A" for a single event."""
    count, names = f[f"{name}次数"], f[f"{name}名称"].value
    if not names:
        return f"{verb}{noun}【{name}次数】"
    if count.value == 1:
        return f"{verb}{with_noun(str(names), noun)}"
    if str(names).endswith("等"):
        return f"{verb}{noun}【{name}次数】，其中规模较大的有【{name}名称】"
    return f"先后{verb}【{name}名称】，共【{name}次数】"


def people_clause(f: Figures, name: str, who: str) -> str:
    """ "参与职工120人次，比上年增加…"; nothing when the count was not recorded."""
    figure = f[f"{name}人次"]
    if not figure.value:
        return ""
    return f"{who}【{name}人次】" + ("，【" + name + "人次同比】" if figure.change else "")


def cost_clause(f: Figures, name: str) -> str:
    return f"投入经费【{name}经费】" if f[f"{name}经费"].value else ""


def per_event(events: list[Event], unit: str = "人次") -> str:
    """ "一线职工体检3400人次、总公司职工体检125人次" (events without a count are named bare)."""
    parts = [f"{e.title}{e.participants}{unit}" if e.participants else e.title for e in events[:MAX_NAMED]]
    return "、".join(parts) + ("等" if len(events) > MAX_NAMED else "")


RESULTS_NAMED = 3  # results quoted in one paragraph: each can be a long sentence of its own


def results_sentence(ctx: SectionContext, categories: tuple[str, ...], lead: str) -> str:
    """The recorded results (名次, 奖项) of this section's activities, biggest events first;
    when there are more, the lead says these are the main ones rather than ending in 等."""
    counted = tuple(c for c in categories if c != A.COMMENDATION)
    rows = ctx.once(
        f"results-{'-'.join(counted)}",
        lambda: activities_with_results(
            union=ctx.union, period=ctx.period, categories=counted, limit=RESULTS_NAMED + 1
        ),
    )
    if not rows:
        return ""
    parts = [result_clause(a.title, a.results) for a in rows[:RESULTS_NAMED]]
    which = "主要成绩有：" if len(rows) > RESULTS_NAMED else ""
    return f"{lead}{which}" + "；".join(parts) + "。"


class CompetitionSection(Section):
    key = "competition"
    title = "深化劳动竞赛，推动技术创新"
    categories = (A.LABOUR_COMPETITION, A.SKILL_CONTEST, A.SAFETY)

    def figures(self, ctx: SectionContext) -> Figures:
        figures = {
            **_category_figures(ctx, A.LABOUR_COMPETITION, "劳动竞赛"),
            **_category_figures(ctx, A.SKILL_CONTEST, "技能比武"),
            **_category_figures(ctx, A.SAFETY, "安全生产"),
        }
        commendations = _events(ctx, A.COMMENDATION)
        figures["表彰先进集体"] = Figure("表彰先进集体", sum(e.commended_groups for e in commendations), "个")
        figures["表彰先进个人"] = Figure("表彰先进个人", sum(e.commended_people for e in commendations), "名")
        members = ctx.membership()
        figures["劳模人数"] = Figure("劳模人数", members.model_workers, "人")
        levels = members.model_workers_by_level()
        figures["劳模级别"] = Figure("劳模级别", "、".join(f"{label}劳模{n}人" for label, n in levels))
        return figures

    def has_records(self, figures: Figures) -> bool:
        keys = ("劳动竞赛次数", "技能比武次数", "安全生产次数", "表彰先进集体", "表彰先进个人")
        return any(figures[k].value for k in keys)

    def _commendations(self, ctx: SectionContext) -> list[str]:
        sentences = []
        for event in _events(ctx, A.COMMENDATION):
            counts = "、".join(
                text
                for n, text in (
                    (event.commended_groups, f"先进集体{event.commended_groups}个"),
                    (event.commended_people, f"先进个人{event.commended_people}名"),
                )
                if n
            )
            if not counts and not event.results:
                continue
            names = event.results.strip().rstrip("。")
            few = event.commended_groups + event.commended_people <= MAX_NAMED
            detail = f"（{names}）" if names and few and counts else ""
            body = f"表彰{counts}{detail}" if counts else names
            verb = "召开" if event.title.endswith("会") else "开展"
            sentences.append(f"{verb}{event.title}，{body}。")
        return sentences

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["劳动竞赛次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.words.centre}，"
                        + events_clause(f, "劳动竞赛", "组织开展", ctx.words.competition),
                        people_clause(f, "劳动竞赛", f"参赛{ctx.words.staff}"),
                        cost_clause(f, "劳动竞赛"),
                    )
                )
            )
        if f["技能比武次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        events_clause(f, "技能比武", "开展", "岗位练兵和技能比武"),
                        people_clause(f, "技能比武", f"参与{ctx.words.staff}"),
                        "促进了职工技能素质的提升",
                    )
                )
            )
        if f["安全生产次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        "深入开展“安康杯”竞赛，" + events_clause(f, "安全生产", "组织", "安全生产活动"),
                        people_clause(f, "安全生产", f"参与{ctx.words.staff}"),
                    )
                )
            )
        results = results_sentence(ctx, self.categories, "职工在竞赛中奋勇争先，")
        if results:
            blocks.append(p(results))
        for sentence in self._commendations(ctx):
            blocks.append(p(sentence))
        blocks += [p(t) for t in activity_cases(ctx, (*self.categories, A.COMMENDATION))]
        if f["劳模人数"].value and ctx.first_mention("劳模人数"):
            levels = str(f["劳模级别"].value)
            single = levels.count("、") == 0 and levels
            blocks.append(
                p(
                    f"注重发挥劳模示范引领作用，现有{levels}。"
                    if single
                    else f"注重发挥劳模示范引领作用，现有各级劳动模范【劳模人数】，其中{levels}。"
                )
            )
        return blocks


class CultureSection(Section):
    key = "culture"
    title = "丰富职工文化生活，增强队伍凝聚力"

    def figures(self, ctx: SectionContext) -> Figures:
        return {
            **_category_figures(ctx, A.SPORTS_CULTURE, "文体活动"),
            **_category_figures(ctx, A.VOLUNTEER, "志愿公益"),
        }

    def has_records(self, figures: Figures) -> bool:
        return bool(figures["文体活动次数"].value or figures["志愿公益次数"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["文体活动次数"].value:
            events = _events(ctx, A.SPORTS_CULTURE)
            biggest = events[0] if len(events) > 1 and events[0].participants else None
            blocks.append(
                p(
                    join_clauses(
                        "坚持以职工喜闻乐见的形式丰富业余文化生活，"
                        + events_clause(f, "文体活动", "举办", "文体活动"),
                        people_clause(f, "文体活动", f"参与{ctx.words.staff}"),
                        cost_clause(f, "文体活动"),
                        f"其中{biggest.title}参与人数最多，达{biggest.participants}人次" if biggest else "",
                    )
                )
            )
            results = results_sentence(ctx, (A.SPORTS_CULTURE,), "积极组织职工参加上级和兄弟单位的文体比赛，")
            if results:
                blocks.append(p(results))
        blocks += [p(t) for t in activity_cases(ctx, (A.SPORTS_CULTURE, A.VOLUNTEER))]
        if f["志愿公益次数"].value:
            events = _events(ctx, A.VOLUNTEER)
            blocks.append(
                p(
                    join_clauses(
                        f"组织职工开展志愿服务和公益活动，{per_event(events)}"
                        if any(e.participants for e in events)
                        else events_clause(f, "志愿公益", "组织开展", "志愿服务和公益活动"),
                    )
                )
            )
        return blocks


class WomenSection(Section):
    key = "women"
    title = "做好女职工工作，维护女职工特殊权益"

    def figures(self, ctx: SectionContext) -> Figures:
        members = ctx.membership()
        contracts = ctx.once(
            "contracts", lambda: contract_summary(union=ctx.union, period=ctx.period, today=dt.date.today())
        )
        women_contract = contracts.for_kind(ContractKind.WOMEN)
        return {
            "女会员": Figure("女会员", members.women, "人"),
            "女会员占比": Figure("女会员占比", percent(members.women, members.total) or 0, "%"),
            **_category_figures(ctx, A.WOMEN, "女职工活动"),
            **_category_figures(ctx, A.HEALTH_CHECK, "职工体检"),
            "女职工专项合同": Figure("女职工专项合同", women_contract.contracts, "份"),
            "女职工专项覆盖": Figure("女职工专项覆盖", women_contract.workers_covered, "人"),
            "女职工专项继续履行": Figure("女职工专项继续履行", carried(ctx).get(ContractKind.WOMEN, 0), "份"),
        }

    def has_records(self, figures: Figures) -> bool:
        keys = ("女职工活动次数", "职工体检次数", "女职工专项合同")
        return any(figures[k].value for k in keys)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["女职工活动次数"].value:
            # Said once: when 组织建设 stated them, the document's registry leaves these out.
            blocks.append(
                p(
                    join_clauses(
                        "本会现有女会员【女会员】，占会员总数的【女会员占比】" if f["女会员"].value else "",
                        events_clause(f, "女职工活动", "开展", "女职工活动"),
                        people_clause(f, "女职工活动", "参与女职工"),
                    )
                )
            )
        if f["女职工专项合同"].value and not ctx.first_mention("女职工专项合同"):
            blocks.append(p("女职工权益保护专项集体合同覆盖女职工【女职工专项覆盖】，维护女职工特殊权益。"))
        elif f["女职工专项合同"].value:
            # Signed in an earlier year and in force now: 继续履行, not 签订 (the verb fits the period).
            signed = f["女职工专项合同"].value > f["女职工专项继续履行"].value
            verb = (
                "签订女职工权益保护专项集体合同【女职工专项合同】"
                if signed
                else ("女职工权益保护专项集体合同【女职工专项合同】在有效期内继续履行")
            )
            blocks.append(p(f"{verb}，覆盖女职工【女职工专项覆盖】，维护女职工特殊权益。"))
        if f["职工体检次数"].value:
            events = _events(ctx, A.HEALTH_CHECK)
            listed = per_event(events) if any(e.participants for e in events) else ""
            blocks.append(
                p(
                    join_clauses(
                        f"关心职工身心健康，组织{listed}"
                        if listed
                        else "关心职工身心健康，组织职工体检【职工体检次数】",
                        "合计受检【职工体检人次】" if listed and len(events) > 1 else "",
                        cost_clause(f, "职工体检"),
                    )
                )
            )
        blocks += [p(t) for t in activity_cases(ctx, (A.WOMEN, A.HEALTH_CHECK))]
        return blocks


class SelfBuildingSection(Section):
    key = "self_building"
    title = "加强工会自身建设，提升服务水平"

    def figures(self, ctx: SectionContext) -> Figures:
        levels = ctx.once("honour-levels", lambda: honour_counts_by_level(union=ctx.union, period=ctx.period))
        total = sum(row.count for row in levels)
        high = sum(row.count for row in levels if row.level in (HonourLevel.NATIONAL, HonourLevel.PROVINCIAL))
        return {
            **_category_figures(ctx, A.STUDY_TRAINING, "学习培训"),
            **_category_figures(ctx, A.OTHER, "其他活动"),
            "获得荣誉": Figure("获得荣誉", total, "项"),
            "省部级以上荣誉": Figure("省部级以上荣誉", high, "项"),
        }

    def has_records(self, figures: Figures) -> bool:
        return bool(
            figures["学习培训次数"].value or figures["获得荣誉"].value or figures["其他活动次数"].value
        )

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["学习培训次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        "加强工会干部和职工的学习培训，" + events_clause(f, "学习培训", "举办", "学习培训"),
                        people_clause(f, "学习培训", "参训"),
                    )
                )
            )
        blocks += [p(t) for t in activity_cases(ctx, (A.STUDY_TRAINING, A.OTHER))]
        if f["其他活动次数"].value:
            # Activities of no category (a forum, a visit) are named rather than lost.
            listed = str(f["其他活动名称"].value)
            blocks.append(p(f"此外，还组织开展了{listed}{'活动' if listed.endswith('等') else ''}。"))
        if f["获得荣誉"].value:
            blocks += [p(s) for s in honour_sentences(ctx, f)]
        return blocks
