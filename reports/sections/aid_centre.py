"""帮扶中心: the services an aid centre (or an aid-heavy union) runs for workers who are mostly
not its members — relief and student aid, training, job placement, re-employment bases and
small loans — worded as the seeds do (篇5: "全年帮扶中心救助困难职工21357人…")."""

from __future__ import annotations

from aid.choices import ServiceKind as K
from aid.selectors import KindTotal, service_totals

from ..figures import Figure, Figures
from .base import Block, Section, SectionContext, h, join_clauses, p

# (kind, figure prefix): the figures are named 【中心救助人数】, 【中心救助金额】, …
PREFIX = {
    K.RELIEF: "中心救助",
    K.TEMPORARY: "临时救助",
    K.STUDENT: "中心助学",
    K.SKILL_TRAINING: "技能培训",
    K.STARTUP_TRAINING: "创业培训",
    K.PLACEMENT: "职业介绍",
    K.JOB_BASE: "再就业基地",
    K.SMALL_LOAN: "小额借款",
}
# The unit each kind's persons are counted in: 名 where the seeds write "为90名困难大学生".
PERSON_UNIT = {K.STUDENT: "名", K.SMALL_LOAN: "名"}


class AidCentreSection(Section):
    key = "aid"
    title = "做实帮扶救助和就业创业服务"

    def _totals(self, ctx: SectionContext) -> dict[str, KindTotal]:
        return ctx.once("aid-services", lambda: service_totals(union=ctx.union, period=ctx.period))

    def figures(self, ctx: SectionContext) -> Figures:
        figures: Figures = {}
        for kind, row in self._totals(ctx).items():
            name = PREFIX[K(kind)]
            figures[f"{name}人数"] = Figure(f"{name}人数", row.persons, PERSON_UNIT.get(K(kind), "人"))
            figures[f"{name}金额"] = Figure(f"{name}金额", row.amount, "元")
            figures[f"{name}安置就业"] = Figure(f"{name}安置就业", row.placed, "人")
        if K.PLACEMENT in self._totals(ctx):
            figures["就业信息"] = Figure("就业信息", self._totals(ctx)[K.PLACEMENT].items, "条")
        if K.JOB_BASE in self._totals(ctx):
            figures["新增再就业基地"] = Figure("新增再就业基地", self._totals(ctx)[K.JOB_BASE].items, "家")
        return figures

    def has_records(self, figures: Figures) -> bool:
        return bool(figures)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        totals = self._totals(ctx)
        if not totals:
            return []
        blocks: list[Block] = []
        aid = join_clauses(
            f"{ctx.period_words}救助困难职工【中心救助人数】，发放救助金及物品折合人民币【中心救助金额】"
            if K.RELIEF in totals
            else "",
            "日常临时救助【临时救助人数】，救助金额【临时救助金额】" if K.TEMPORARY in totals else "",
            "为【中心助学人数】困难学生发放助学款【中心助学金额】" if K.STUDENT in totals else "",
        )
        if aid:
            blocks += [h("做好困难职工救助"), p(aid)]
        work = [
            join_clauses(
                f"{ctx.period_words}完成职业技能培训【技能培训人数】" if K.SKILL_TRAINING in totals else "",
                self._startup(totals[K.STARTUP_TRAINING]) if K.STARTUP_TRAINING in totals else "",
            ),
            join_clauses(
                "开展免费职业介绍，接待求职者【职业介绍人数】",
                "提供就业信息【就业信息】" if f["就业信息"].value else "",
                "安置就业【职业介绍安置就业】" if f["职业介绍安置就业"].value else "",
            )
            if K.PLACEMENT in totals
            else "",
            join_clauses(
                "新增再就业基地【新增再就业基地】",
                "吸纳安置【再就业基地安置就业】实现就业" if f["再就业基地安置就业"].value else "",
            )
            if K.JOB_BASE in totals
            else "",
            join_clauses(
                "对【小额借款人数】创业职工发放小额借款【小额借款金额】",
                "带动就业【小额借款安置就业】" if f["小额借款安置就业"].value else "",
            )
            if K.SMALL_LOAN in totals
            else "",
        ]
        work = [w for w in work if w]
        if work:
            blocks += [h("培训、安置、创业相结合，促进失业职工就业"), *[p(w) for w in work]]
        return blocks

    @staticmethod
    def _startup(row: KindTotal) -> str:
        """开展创业培训，培训SYB学员75人、GYB学员42人 — by course when there are several."""
        if len(row.lines) > 1:
            return "开展创业培训，培训" + "、".join(f"{line.title}{line.persons}人" for line in row.lines)
        return "开展创业培训，培训学员【创业培训人数】"
