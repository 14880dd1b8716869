"""A federation's summary of the work across its subtree: collective contracts (区域性 and
行业性 included) and the workers they cover, welfare and rights totals, labour competitions,
and the unions that stand out, named.

The totals are the roll-up's (workbook.rollup): the union itself, every union below it on the
system and, for a statistical year, the imported workbooks of those off it. The appendix
table lists every source beside the totals it sums, so each figure can be traced to its
unions; the roll-up page shows the same rows for the year.
"""

from __future__ import annotations

import datetime as dt

from activities.choices import HonourLevel, RecipientKind
from activities.selectors import honours_below
from democracy.selectors import area_contracts
from profiles.choices import WorkersHome
from profiles.federation import federation_units
from records.money import format_yuan
from records.periods import PeriodKind
from unions.models import Union, UnionLevel
from welfare.choices import DisbursementKind
from workbook.models import ExternalReport
from workbook.rollup import Rollup, RollupSource, rollup_for_period

from ..figures import Figure, Figures
from .base import Block, Section, SectionContext, Table, h, join_clauses, p
from .phrases import MAX_NAMED, quoted

# Honours of the unions below that the summary names: those given at county level and above.
NAMED_LEVELS = (HonourLevel.NATIONAL, HonourLevel.PROVINCIAL, HonourLevel.CITY, HonourLevel.COUNTY)
HOME_LEVELS = {
    WorkersHome.NATIONAL: 0,
    WorkersHome.PROVINCE: 1,
    WorkersHome.CITY: 2,
    WorkersHome.COUNTY: 3,
}


def area_words(union: Union) -> str:
    """全县 / 全区 / 全市 / 全省: how a federation names its whole area."""
    if union.level == UnionLevel.COUNTY:
        return "全区" if union.name.endswith("区总工会") else "全县"
    return {UnionLevel.CITY: "全市", UnionLevel.PROVINCE: "全省", UnionLevel.NATIONAL: "全国"}.get(
        union.level, "所属"
    )


def _kind_labels() -> list[str]:
    """The disbursement types as a sentence names them, in the vocabulary's order."""
    return [
        "其他帮扶慰问" if k == DisbursementKind.OTHER else str(k.label).replace("/", "、")
        for k in DisbursementKind
    ]


def _system(ctx: SectionContext) -> Rollup:
    return ctx.once("subtree-rollup", lambda: rollup_for_period(union=ctx.union, period=ctx.period))


def _has_below(ctx: SectionContext) -> bool:
    """Whether anything lies below the union (a subordinate, or a workbook it imported): a
    grassroots union's summary then skips the roll-up of itself."""
    return ctx.once(
        "subtree-has-below",
        lambda: (
            ctx.union.descendants().exists()
            or ExternalReport.objects.live().filter(union=ctx.union, year=ctx.period.year).exists()
        ),
    )


def _below(roll: Rollup) -> list[RollupSource]:
    return [s for s in roll.sources if s.union_id != roll.union.pk]


def below_on_system(ctx: SectionContext) -> list[RollupSource]:
    """The unions below `ctx.union` on the system (the roll-up's, computed once per report;
    not at all for a union with nothing below)."""
    if not _has_below(ctx):
        return []
    return [s for s in _below(_system(ctx)) if s.union_id]


class SubtreeSection(Section):
    key = "subtree"
    title = "指导基层工会依法维权、帮扶解困"

    def figures(self, ctx: SectionContext) -> Figures:
        if not _has_below(ctx):
            return {}
        roll = _system(ctx)
        if not _below(roll):
            return {}
        t = roll.totals
        area = area_contracts(
            unions=ctx.union.descendants(include_self=True), period=ctx.period, today=dt.date.today()
        )
        figures = {
            "汇总工会数": Figure("汇总工会数", len(roll.sources), "个"),
            "导入年报单位": Figure("导入年报单位", roll.external_count, "个"),
            "系统签订集体合同": Figure("系统签订集体合同", t["contracts_signed"], "份"),
            "区域行业性合同": Figure("区域行业性合同", area.signed, "份"),
            "区域行业性合同覆盖单位": Figure("区域行业性合同覆盖单位", area.units_covered, "家"),
            "系统有效集体合同": Figure("系统有效集体合同", t["contracts"], "份"),
            "系统合同覆盖职工": Figure("系统合同覆盖职工", t["contract_workers"], "人"),
            "系统工资专项合同": Figure("系统工资专项合同", t["contracts_wage"], "份"),
            "系统工资专项覆盖职工": Figure("系统工资专项覆盖职工", t["contracts_wage_workers"], "人"),
            "系统帮扶人次": Figure("系统帮扶人次", t["welfare_person_times"], "人次"),
            "系统帮扶金额": Figure("系统帮扶金额", t["welfare_total"], "元"),
            "系统在档困难职工": Figure("系统在档困难职工", t["hardship_open"], "户"),
            "系统新建档": Figure("系统新建档", t["hardship_opened"], "户"),
            "系统调解案件": Figure("系统调解案件", t["mediation_cases"], "件"),
            "系统法律咨询": Figure("系统法律咨询", t["legal_consultations"], "人次"),
            "系统代理案件": Figure("系统代理案件", t["legal_cases"], "件"),
            "系统来信来访": Figure("系统来信来访", t["petitions"], "件次"),
            "系统追回金额": Figure("系统追回金额", t["recovered"], "元"),
            "系统劳动竞赛": Figure("系统劳动竞赛", t["competitions"], "次"),
            "系统竞赛人次": Figure("系统竞赛人次", t["competition_participants"], "人次"),
        }
        for kind, label in zip(DisbursementKind, _kind_labels(), strict=True):
            times = t[f"welfare_{kind.value}_times"]
            if times:
                figures[f"系统{label}人次"] = Figure(f"系统{label}人次", times, "人次")
                figures[f"系统{label}金额"] = Figure(
                    f"系统{label}金额", t[f"welfare_{kind.value}_amount"], "元"
                )
        return figures

    def has_records(self, figures: Figures) -> bool:
        return bool(figures)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not f:
            return []
        area = area_words(ctx.union)
        blocks: list[Block] = []
        contracts = join_clauses(
            f"{area}各级工会{ctx.this_words}签订（续签）集体合同【系统签订集体合同】"
            if f["系统签订集体合同"].value
            else "",
            "其中区域性、行业性集体合同【区域行业性合同】" if f["区域行业性合同"].value else "",
            f"{ctx.as_of}，现行有效集体合同【系统有效集体合同】，覆盖职工【系统合同覆盖职工】"
            if f["系统有效集体合同"].value
            else "",
            "其中工资专项集体合同【系统工资专项合同】，覆盖职工【系统工资专项覆盖职工】"
            if f["系统工资专项合同"].value
            else "",
        )
        if contracts:
            blocks += [h("推进集体协商和集体合同制度"), p(contracts)]
        kinds = [
            f"{label}【系统{label}人次】，【系统{label}金额】"
            for label in _kind_labels()
            if f"系统{label}人次" in f
        ]
        welfare = join_clauses(
            f"{area}工会系统{ctx.period_words}帮扶慰问职工【系统帮扶人次】，发放金额【系统帮扶金额】"
            if f["系统帮扶人次"].value
            else "",
            ("其中" + "；".join(kinds)) if kinds else "",
            f"{ctx.as_of}，在档困难职工【系统在档困难职工】" if f["系统在档困难职工"].value else "",
            f"{ctx.this_words}新建档【系统新建档】" if f["系统新建档"].value else "",
        )
        rights = join_clauses(
            f"{area}各级工会受理劳动争议【系统调解案件】" if f["系统调解案件"].value else "",
            "提供法律咨询【系统法律咨询】" if f["系统法律咨询"].value else "",
            "代理维权案件【系统代理案件】" if f["系统代理案件"].value else "",
            "受理来信来访【系统来信来访】" if f["系统来信来访"].value else "",
            "为职工追回工资及补偿【系统追回金额】" if f["系统追回金额"].value else "",
        )
        if welfare or rights:
            blocks.append(h("维护职工权益，做好帮扶解困"))
            blocks += [p(x) for x in (welfare, rights) if x]
        if f["系统劳动竞赛"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"{area}各级工会组织开展劳动竞赛【系统劳动竞赛】",
                        "参加职工【系统竞赛人次】" if f["系统竞赛人次"].value else "",
                    )
                )
            )
        standouts = self._standouts(ctx)
        if standouts:
            blocks.append(p(standouts))
        blocks.append(p(self._basis(ctx, f)))
        return blocks

    def _basis(self, ctx: SectionContext, f: Figures) -> str:
        imported = f["导入年报单位"].value
        left_out = ""
        if ctx.period.kind != PeriodKind.YEAR and (
            ExternalReport.objects.live()
            .filter(union__in=ctx.union.descendants(include_self=True), year=ctx.period.year)
            .exists()
        ):
            left_out = "；未使用本系统的单位按年度报送，未计入本期数据"
        via = "，其中【导入年报单位】为导入的年报" if imported else ""
        return f"以上数据汇总本会及所属工会共【汇总工会数】{via}{left_out}，各单位数据见附表。"

    def _standouts(self, ctx: SectionContext) -> str:
        """The unions below that stand out, named: most members added, highest 入会率, the
        best 职工之家 and the honours they received from county level up."""
        parts: list[str] = []
        below = _below(_system(ctx))
        joined = max(below, key=lambda s: s.values["members_joined"], default=None)
        if joined is not None and joined.values["members_joined"]:
            parts.append(f"{joined.name}新发展会员最多，达{joined.values['members_joined']}人")
        units = ctx.once("federation-units", lambda: federation_units(union=ctx.union, period=ctx.period))
        rated = [u for u in units if u.membership_rate is not None]
        if len(rated) > 1:
            best = max(rated, key=lambda u: u.membership_rate)  # type: ignore[arg-type, return-value]
            parts.append(f"{best.name}职工入会率最高，为{best.membership_rate}%")
        homes = sorted(
            (u for u in units if u.profile and u.profile.workers_home in HOME_LEVELS),
            key=lambda u: HOME_LEVELS[u.profile.workers_home],  # type: ignore[union-attr]
        )
        for u in homes[:2]:
            parts.append(f"{u.name}建成{u.profile.get_workers_home_display()}")  # type: ignore[union-attr]
        parts += self._honours(ctx)[: MAX_NAMED - len(parts) if len(parts) < MAX_NAMED else 0]
        if not parts:
            return ""
        return "基层工会中涌现出一批先进典型：" + "；".join(parts) + "。"

    def _honours(self, ctx: SectionContext) -> list[str]:
        said = []
        levels = {level.value: i for i, level in enumerate(HonourLevel)}
        found = []
        for honour in honours_below(union=ctx.union, period=ctx.period).filter(
            recipient_kind=RecipientKind.COLLECTIVE, level__in=NAMED_LEVELS
        ):
            found.append((levels.get(honour.level, 99), honour.date, honour.union.name, honour))
        for _, _, name, honour in sorted(found, key=lambda x: (x[0], x[1])):
            body = honour.awarding_body.strip()
            said.append(
                f"{name}被{body}评为{quoted(honour.title)}" if body else f"{name}获{quoted(honour.title)}"
            )
        return said

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        if not figures:
            return []
        roll = _system(ctx)
        keys = (
            "members",
            "members_joined",
            "contracts",
            "contract_workers",
            "welfare_person_times",
            "welfare_total",
            "mediation_cases",
            "recovered",
        )
        rows = []
        for s in roll.sources:
            rows.append([s.name, s.origin_label, *[self._cell(key, s.values[key]) for key in keys]])
        rows.append(["合计", "", *[self._cell(key, roll.totals[key]) for key in keys]])
        header = [
            "单位",
            "来源",
            "会员",
            "新发展会员",
            "集体合同",
            "覆盖职工",
            "帮扶慰问人次",
            "帮扶金额",
            "劳动争议",
            "追回金额",
        ]
        return [Table("所属工会主要数据汇总", header, rows)]

    @staticmethod
    def _cell(key: str, value: object) -> str:
        if key in ("welfare_total", "recovered"):
            return format_yuan(value)  # type: ignore[arg-type]
        return str(value)
