"""组织建设 of a higher-level union: the grassroots unions it covers, their members and workers,
入会率 and the 建制率 of 职代会 and 厂务公开, from the year profiles (profiles.federation).
Left out of a grassroots union's summary: it covers no units."""

from __future__ import annotations

from profiles.federation import FederationTotals, federation_totals, federation_units

from ..figures import Figure, Figures
from .base import Block, Section, SectionContext, Table, join_clauses, p


def _rate(value: object) -> object:
    return value if value is not None else 0


class FederationSection(Section):
    key = "federation"
    title = "加强基层工会组织建设"

    def _rows(self, ctx: SectionContext, previous: bool = False):  # type: ignore[no-untyped-def]
        period = ctx.previous if previous else ctx.period
        key = "federation-units-prev" if previous else "federation-units"
        return ctx.once(key, lambda: federation_units(union=ctx.union, period=period))

    def figures(self, ctx: SectionContext) -> Figures:
        rows = self._rows(ctx)
        if not rows:
            return {}
        t: FederationTotals = federation_totals(rows, ctx.period)
        earlier = self._rows(ctx, previous=True)
        before = federation_totals(earlier, ctx.previous)
        # 同比 only over the same units: a unit first profiled this year is not growth.
        same_units = {(r.name, r.on_system) for r in earlier} == {(r.name, r.on_system) for r in rows}
        kinds = "、".join(f"{label}{count}家" for label, count in t.by_kind)
        return {
            "基层工会数": Figure("基层工会数", t.units, "家"),
            "填报基本情况": Figure("填报基本情况", t.profiled, "家"),
            "填报职工人数单位": Figure("填报职工人数单位", t.with_workers, "家"),
            "新建工会": Figure("新建工会", t.new_units, "家"),
            "单位类型构成": Figure("单位类型构成", kinds),
            "下级会员总数": Figure(
                "下级会员总数", t.members, "人", (before.members or None) if same_units else None
            ),
            "下级女会员": Figure("下级女会员", t.women_members, "人"),
            "职工总数": Figure("职工总数", t.workers, "人"),
            "下级入会率": Figure("下级入会率", _rate(t.membership_rate), "%"),  # type: ignore[arg-type]
            "职代会单位": Figure("职代会单位", t.congress_units, "家"),
            "职代会建制率": Figure("职代会建制率", _rate(t.congress_rate), "%"),  # type: ignore[arg-type]
            "厂务公开单位": Figure("厂务公开单位", t.disclosure_units, "家"),
            "厂务公开建制率": Figure("厂务公开建制率", _rate(t.disclosure_rate), "%"),  # type: ignore[arg-type]
            "联合工会覆盖单位": Figure("联合工会覆盖单位", t.joint_units_covered, "家"),
        }

    def has_records(self, figures: Figures) -> bool:
        return bool(figures) and bool(figures["基层工会数"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        if not self.has_records(f):
            return []
        partial = f["填报基本情况"].value != f["基层工会数"].value
        basis = "（按已填报基本情况的【填报基本情况】统计）" if partial and f["填报基本情况"].value else ""
        # 入会率 over the units whose workers are known: said so when fewer than those profiled.
        rate_basis = basis
        if f["填报职工人数单位"].value != f["填报基本情况"].value and f["填报职工人数单位"].value:
            rate_basis = "（按已填报职工人数的【填报职工人数单位】统计）"
        blocks = [
            p(
                join_clauses(
                    f"{ctx.as_of}，本会所属基层工会共【基层工会数】",
                    f"其中{ctx.this_words}新建【新建工会】" if f["新建工会"].value else "",
                    "按单位类型分，有【单位类型构成】" if f["单位类型构成"].value else "",
                    "联合基层工会覆盖单位【联合工会覆盖单位】" if f["联合工会覆盖单位"].value else "",
                )
            ),
            p(
                join_clauses(
                    "基层工会共有会员【下级会员总数】",
                    "【下级会员总数同比】" if f["下级会员总数"].change else "",
                    "其中女会员【下级女会员】" if f["下级女会员"].value else "",
                    f"所在单位职工【职工总数】，职工入会率【下级入会率】{rate_basis}"
                    if f["职工总数"].value
                    else "",
                )
            ),
        ]
        if f["填报基本情况"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"建立职代会制度的单位【职代会单位】，建制率【职代会建制率】{basis}",
                        "实行厂务公开制度的单位【厂务公开单位】，建制率【厂务公开建制率】",
                    )
                )
            )
        return blocks

    def tables(self, ctx: SectionContext, figures: Figures) -> list[Table]:
        rows = []
        for r in self._rows(ctx):
            profile = r.profile
            rows.append(
                [
                    r.name,
                    r.kind_label,
                    str(r.workers) if profile else "—",
                    str(r.members),
                    f"{r.membership_rate}%" if r.membership_rate is not None else "—",
                    ("是" if profile.has_congress else "否") if profile else "—",
                    ("是" if profile.has_disclosure else "否") if profile else "—",
                    "系统内" if r.on_system else profile.get_source_display(),  # type: ignore[union-attr]
                ]
            )
        header = ["单位", "类型", "职工", "会员", "入会率", "职代会制度", "厂务公开", "来源"]
        return [Table("所属基层工会基本情况", header, rows)]
