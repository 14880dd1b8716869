"""Sections fed by the works records: publicity and study, 职工之家, model workers, dues,
safety inspections and innovation. Each says nothing when its records are absent. A
federation's count its whole subtree on the system (works_subtree.py: the subject 全县各级工会,
the unit that stands out, a table of the unions each total sums)."""

from __future__ import annotations

from decimal import Decimal

from works.choices import CareKind, DuesItem, HomeKind
from works.selectors import (
    LevelCount,
    care_in,
    care_summary,
    dues_summary,
    homes_summary,
    innovation_summary,
    innovations_biggest,
    inspections_in,
    publicity_summary,
    safety_summary,
    study_titles,
)

from ..figures import Figure, Figures, money_text
from .base import Block, Section, SectionContext, Table, join_clauses, p
from .phrases import name_list, quoted
from .subtree import area_words
from .works_subtree import over_subtree, scope, standout, subject, table
from .works_words import CARE_WORDS

ZERO = Decimal("0")


def levels_text(levels: tuple[LevelCount, ...], unit: str, verb: str = "") -> str:
    """ "全国级采用1条、省级采用2条" (verb "采用") or "省部级2项、市级3项"."""
    return "、".join(f"{row.label}{verb}{row.count}{unit}" for row in levels)


def _previous(value: int | Decimal) -> int | Decimal | None:
    return value or None  # no comparison with a period that has no records


def _also(text: str, clause: str) -> str:
    """A sentence with one more clause before its full stop: "…，其中城关镇总工会…。"."""
    return f"{text.removesuffix('。')}，其中{clause}。" if clause and text else text


class PublicitySection(Section):
    key = "publicity"
    title = "加强宣传教育，凝聚职工思想共识"

    def figures(self, ctx: SectionContext) -> Figures:
        now = publicity_summary(union=ctx.union, period=ctx.period, **scope(ctx))
        before = publicity_summary(union=ctx.union, period=ctx.previous, **scope(ctx))
        titles = study_titles(union=ctx.union, period=ctx.period, **scope(ctx))
        return {
            "学习次数": Figure("学习次数", now.study_sessions, "次", _previous(before.study_sessions)),
            "学习人次": Figure("学习人次", now.study_persons, "人次"),
            "学习名称": Figure("学习名称", name_list([t.removeprefix("学习") for t in titles], limit=3)),
            "报送稿件": Figure(
                "报送稿件", now.articles_submitted, "篇", _previous(before.articles_submitted)
            ),
            "采用稿件": Figure("采用稿件", now.articles_adopted, "篇"),
            "稿件采用级别": Figure("稿件采用级别", levels_text(now.articles_by_level, "篇", "采用")),
            "报送信息": Figure("报送信息", now.info_submitted, "条", _previous(before.info_submitted)),
            "采用信息": Figure("采用信息", now.info_adopted, "条"),
            "信息采用级别": Figure("信息采用级别", levels_text(now.info_by_level, "条", "采用")),
        }

    def has_records(self, f: Figures) -> bool:
        return any(f[k].value for k in ("学习次数", "报送稿件", "报送信息"))

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not self.has_records(f):
            return []  # nothing recorded: the section is left out
        blocks = []
        if f["学习次数"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"坚持用科学理论武装头脑，{subject(ctx)}{ctx.period_words}"
                        f"组织{ctx.words.staff}政治理论学习【学习次数】"
                        + ("，【学习次数同比】" if f["学习次数"].change else ""),
                        "参加学习【学习人次】",
                        "学习了【学习名称】" if f["学习名称"].value else "",
                    )
                )
            )
        who = "" if blocks else subject(ctx)  # the subject once, in the first sentence
        for noun, name, key in (("宣传稿件和调研文章", "稿件", "articles"), ("工会信息", "信息", "info")):
            if f[f"报送{name}"].value:
                text = self._pieces(f, noun, name, who)
                blocks.append(p(_also(text, standout(ctx, f"{key}_adopted", f"{name}被采用最多，共"))))
                who = ""
        return blocks

    def _pieces(self, f: Figures, noun: str, name: str, who: str = "") -> str:
        submitted, adopted, levels = f[f"报送{name}"], f[f"采用{name}"], str(f[f"{name}采用级别"].value)
        lead = f"{who}报送{noun}【报送{name}】" + (f"，【报送{name}同比】" if submitted.change else "")
        if not adopted.value:
            return join_clauses(lead)
        if levels.count("、") == 0:  # one level: "被市级采用30条"
            return join_clauses(lead, f"被{levels}")
        return join_clauses(lead, f"被采用【采用{name}】，其中{levels}")

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        keys = ("study_sessions", "study_persons", "articles_submitted", "articles_adopted")
        return table(ctx, "宣传教育情况", (*keys, "info_submitted", "info_adopted"))


class WorkersHomeSection(Section):
    key = "workers_home"
    title = "深化职工之家建设，打造职工温馨家园"

    def figures(self, ctx: SectionContext) -> Figures:
        now = ctx.once("homes", lambda: homes_summary(union=ctx.union, period=ctx.period, **scope(ctx)))
        before = homes_summary(union=ctx.union, period=ctx.previous, **scope(ctx))
        model = sum(row.count for row in now.model_homes_by_level)
        return {
            "新建职工之家": Figure("新建职工之家", now.homes_built, "个", _previous(before.homes_built)),
            "新建职工书屋": Figure("新建职工书屋", now.libraries_built, "个"),
            "职工之家总数": Figure("职工之家总数", now.homes_total, "个", _previous(before.homes_total)),
            "职工书屋总数": Figure("职工书屋总数", now.libraries_total, "个"),
            "藏书": Figure("藏书", now.books_total, "册"),
            "模范职工之家": Figure("模范职工之家", model, "个"),
            "模范级别": Figure("模范级别", levels_text(now.model_homes_by_level, "个")),
        }

    def has_records(self, f: Figures) -> bool:
        return bool(f["职工之家总数"].value or f["职工书屋总数"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not self.has_records(f):
            return []  # nothing recorded: the section is left out
        blocks = []
        built = "、".join(
            f"{noun}【新建{noun}】" for noun in ("职工之家", "职工书屋") if f[f"新建{noun}"].value
        )
        stock = "、".join(
            f"{noun}【{noun}总数】" for noun in ("职工之家", "职工书屋") if f[f"{noun}总数"].value
        )
        blocks.append(
            p(
                join_clauses(
                    f"坚持建家为职工，{subject(ctx)}{ctx.this_words}新建{built}"
                    if built
                    else f"{subject(ctx)}坚持建家为职工",
                    f"{ctx.as_of}{area_words(ctx.union) if over_subtree(ctx) else ''}共建成{stock}",
                    "藏书【藏书】" if f["藏书"].value else "",
                )
            )
        )
        recognised = self._recognised(ctx)
        if recognised:
            blocks.append(p(recognised))
        if f["模范职工之家"].value > 1 and str(f["模范级别"].value).count("、"):
            blocks.append(p("现有各级模范职工之家【模范职工之家】，其中【模范级别】。"))
        return blocks

    def _recognised(self, ctx: SectionContext) -> str:
        """ "机修车间职工之家被评为省级“模范职工之家”", or a count when many were named."""
        parts = []
        for r in ctx.cache["homes"].recognised:
            title = quoted("模范职工之家" if r.kind == HomeKind.HOME else "示范职工书屋")
            if len(r.names) <= 3:
                parts.append(f"{'、'.join(r.names)}被评为{r.level_label}{title}")
            else:
                unit = "职工之家" if r.kind == HomeKind.HOME else "职工书屋"
                parts.append(f"{len(r.names)}个{unit}被评为{r.level_label}{title}")
        return f"建家工作得到上级肯定，{'；'.join(parts)}。" if parts else ""

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        keys = ("homes_built", "libraries_built", "homes_total", "libraries_total")
        return table(ctx, "职工之家（书屋）建设情况", keys)


class ModelWorkerSection(Section):
    key = "model_workers"
    title = "弘扬劳模精神，关心关爱劳模"

    def figures(self, ctx: SectionContext) -> Figures:
        now = ctx.once("care", lambda: care_summary(union=ctx.union, period=ctx.period, **scope(ctx)))
        before = care_summary(union=ctx.union, period=ctx.previous, **scope(ctx))
        figures: Figures = {}
        for kind in CareKind:
            line, old = now.line(kind), before.line(kind)
            label = str(kind.label)
            if kind == CareKind.FORUM:
                figures[f"{label}次数"] = Figure(f"{label}次数", line.records, "次", _previous(old.records))
            figures[f"{label}人次"] = Figure(f"{label}人次", line.persons, "人次", _previous(old.persons))
            figures[f"{label}金额"] = Figure(f"{label}金额", line.amount, "元", _previous(old.amount))
        figures["关爱劳模金额"] = Figure("关爱劳模金额", now.amount, "元", _previous(before.amount))
        return figures

    def has_records(self, f: Figures) -> bool:
        return any(f[f"{kind.label}人次"].value for kind in CareKind)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not self.has_records(f):
            return []  # nothing recorded: the section is left out
        clauses = []
        for kind in CareKind:
            label = str(kind.label)
            if not f[f"{label}人次"].value:
                continue
            lead, persons_word, amount_word = CARE_WORDS[kind]
            names = self._names(ctx, f[f"{label}人次"].value) if kind == CareKind.VISIT else ""
            if kind == CareKind.FORUM:
                clause = f"{lead}【{label}次数】，{persons_word}【{label}人次】"
            elif names.endswith("等"):  # "走访慰问劳模王志勇、王雪松、韩建斌等5人次"
                clause = f"{lead}{names}【{label}人次】"
            elif names:  # every person visited is named: no count beside them
                clause = f"{lead}{names}"
            else:
                clause = f"{lead}【{label}人次】"
            if f[f"{label}金额"].value and amount_word:
                clause += f"，{amount_word}【{label}金额】"
            clauses.append(clause)
        lead = f"{subject(ctx)}积极落实劳模政策，关心劳模工作和生活，"
        blocks = [p(lead + "；".join(clauses) + "。")]
        amounts = sum(1 for kind in CareKind if f[f"{kind.label}金额"].value)
        if amounts > 1:
            change = "，【关爱劳模金额同比】" if f["关爱劳模金额"].change else ""
            blocks.append(p(f"{ctx.period_words}用于关爱劳模的资金共【关爱劳模金额】{change}。"))
        return blocks

    def _names(self, ctx: SectionContext, persons: int | Decimal | str) -> str:
        """The 劳模 visited by name, as the union's naming setting allows; 等 when some of the
        人次 are not named."""
        visits = care_in(union=ctx.union, period=ctx.period, **scope(ctx))
        visits = visits.filter(kind=CareKind.VISIT, member__isnull=False)
        people = [n for n in (ctx.person(c.member.name) for c in visits) if n]
        if not people:
            return ""
        return name_list(people, limit=3, total=int(persons))

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        return table(ctx, "关心关爱劳模情况", ("care_persons", "care_amount"))


class DuesSection(Section):
    key = "dues"
    title = "加强经费收缴，夯实工会工作物质基础"
    WORDS = {DuesItem.DUES: "会员会费", DuesItem.ALLOCATION: "工会经费（拨缴）"}

    def figures(self, ctx: SectionContext) -> Figures:
        now = {line.item: line for line in dues_summary(union=ctx.union, period=ctx.period, **scope(ctx))}
        before = {
            line.item: line for line in dues_summary(union=ctx.union, period=ctx.previous, **scope(ctx))
        }
        figures: Figures = {}
        for item, name in ((DuesItem.DUES, "会费"), (DuesItem.ALLOCATION, "拨缴经费")):
            line, old = now.get(item), before.get(item)
            figures[f"{name}应缴"] = Figure(f"{name}应缴", line.due if line else ZERO, "元")
            figures[f"{name}实缴"] = Figure(
                f"{name}实缴", line.paid if line else ZERO, "元", old.paid if old else None
            )
            figures[f"{name}完成率"] = Figure(
                f"{name}完成率",
                (line.rate or ZERO) if line else ZERO,
                "%",
                old.rate if old else None,
            )
        return figures

    def has_records(self, f: Figures) -> bool:
        return bool(f["会费应缴"].value or f["拨缴经费应缴"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not self.has_records(f):
            return []  # nothing recorded: the section is left out
        blocks = []
        for item, name, key in (
            (DuesItem.DUES, "会费", "dues"),
            (DuesItem.ALLOCATION, "拨缴经费", "allocation"),
        ):
            due, paid, rate = f[f"{name}应缴"], f[f"{name}实缴"], f[f"{name}完成率"]
            if not due.value:
                continue
            lead = f"{'' if blocks else subject(ctx)}认真做好{self.WORDS[item]}收缴工作，{ctx.period_words}"
            if paid.value == due.value:
                # Collected in full: the sum is stated once, not as 应缴 X，实缴 X.
                collected = f"{lead}应缴【{name}应缴】，已全部足额收缴" + ("，收缴额" if paid.change else "")
                rate_clause, done = "", ""
            else:
                collected = f"{lead}应缴【{name}应缴】，实缴【{name}实缴】" + ("，" if paid.change else "")
                rate_clause = f"完成率【{name}完成率】" + (f"，【{name}完成率同比】" if rate.change else "")
                done = "超额完成了收缴任务" if paid.value > due.value else ""
            text = join_clauses(
                collected + (f"【{name}实缴同比】" if paid.change else ""),
                rate_clause,
                done,
            )
            best = standout(ctx, f"{key}_paid", f"{name}完成率最高，为", rate_of=f"{key}_due")
            blocks.append(p(_also(text, best)))
        return blocks

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        return table(ctx, "经费收缴情况", ("dues_due", "dues_paid", "allocation_due", "allocation_paid"))


class SafetySection(Section):
    key = "safety"
    title = "参与安全生产监督，维护职工劳动安全"

    def figures(self, ctx: SectionContext) -> Figures:
        now = safety_summary(union=ctx.union, period=ctx.period, **scope(ctx))
        before = safety_summary(union=ctx.union, period=ctx.previous, **scope(ctx))
        titles = [i.title for i in inspections_in(union=ctx.union, period=ctx.period, **scope(ctx))]
        return {
            "安全检查次数": Figure("安全检查次数", now.inspections, "次", _previous(before.inspections)),
            "安全检查名称": Figure("安全检查名称", name_list(titles, limit=3)),
            "发现隐患": Figure("发现隐患", now.hazards_found, "处", _previous(before.hazards_found)),
            "已整改隐患": Figure("已整改隐患", now.hazards_fixed, "处"),
            "隐患整改率": Figure("隐患整改率", now.fix_rate or ZERO, "%"),
            "整改措施": Figure("整改措施", now.measures, "条"),
        }

    def has_records(self, f: Figures) -> bool:
        return bool(f["安全检查次数"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not self.has_records(f):
            return []  # nothing recorded: the section is left out
        names = str(f["安全检查名称"].value)
        who = subject(ctx)
        if f["安全检查次数"].value == 1:
            lead = f"{who}{ctx.period_words}参与{names}"
        elif names.endswith("等"):
            lead = f"{who}{ctx.period_words}参与安全生产监督检查【安全检查次数】，主要有{names}"
        else:
            lead = f"{who}{ctx.period_words}先后参与{names}，共【安全检查次数】"
        if f["安全检查次数"].change:
            lead += "，【安全检查次数同比】"
        found = f["发现隐患"]
        best = standout(ctx, "hazards_fixed", "整改隐患最多，为")
        return [
            p(
                _also(
                    join_clauses(
                        lead,
                        "逐个逐项排查不安全隐患，查出事故隐患【发现隐患】"
                        + ("，【发现隐患同比】" if found.change else "")
                        if found.value
                        else "未发现事故隐患",
                        "提出整改措施【整改措施】" if f["整改措施"].value else "",
                        "已整改【已整改隐患】，整改率【隐患整改率】" if found.value else "",
                    ),
                    best,
                )
            )
        ]

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        return table(ctx, "安全生产监督检查情况", ("inspections", "hazards_found", "hazards_fixed"))


class InnovationSection(Section):
    key = "innovation"
    title = "开展职工技术创新，助推企业发展"

    def figures(self, ctx: SectionContext) -> Figures:
        now = innovation_summary(union=ctx.union, period=ctx.period, **scope(ctx))
        before = innovation_summary(union=ctx.union, period=ctx.previous, **scope(ctx))
        return {
            "创新成果": Figure("创新成果", now.count, "项", _previous(before.count)),
            "创新成果级别": Figure("创新成果级别", levels_text(now.by_level, "项")),
            "创新效益": Figure("创新效益", now.benefit_yuan, "元", _previous(before.benefit_yuan)),
        }

    def has_records(self, f: Figures) -> bool:
        return bool(f["创新成果"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not self.has_records(f):
            return []  # nothing recorded: the section is left out
        levels = str(f["创新成果级别"].value)
        blocks = [
            p(
                join_clauses(
                    f"{subject(ctx)}广泛开展群众性经济技术创新活动，取得职工技术创新成果【创新成果】"
                    + ("，【创新成果同比】" if f["创新成果"].change else ""),
                    f"其中{levels}" if "、" in levels else "",
                    "创造经济效益【创新效益】" + ("，【创新效益同比】" if f["创新效益"].change else "")
                    if f["创新效益"].value
                    else "",
                )
            )
        ]
        blocks = [p(_also(blocks[0].text, standout(ctx, "innovations", "取得创新成果最多，达")))]
        named = self._named(ctx, f["创新成果"].value)
        if named:
            blocks.append(p(named))
        return blocks

    def _named(self, ctx: SectionContext, count: int | Decimal | str) -> str:
        rows = innovations_biggest(union=ctx.union, period=ctx.period, **scope(ctx))
        shown = rows[:3]
        if not shown:
            return ""
        parts = []
        for r in shown:
            # A team is named only where the union names people in full.
            team = r.team.strip() if ctx.person(r.team) == r.team.strip() else ""
            named = f"{team}完成的{quoted(r.title)}" if team else quoted(r.title)
            if r.union_id != ctx.union.pk:  # over a subtree: whose result it is
                named = f"{r.union.name}{named if team else '的' + named}"
            parts.append(f"{named}创造效益{money_text(r.benefit * 10000)}")
        lead = "其中效益较大的有：" if count != len(shown) else "具体为："
        return lead + "；".join(parts) + "。"

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        return table(ctx, "职工技术创新情况", ("innovations", "benefit_wan"))
