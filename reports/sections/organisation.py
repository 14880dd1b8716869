from __future__ import annotations

from members.cadres import cadre_figures
from profiles.sentences import membership_rate_sentence, profile_figures

from ..figures import Figure, Figures, percent
from .base import Block, Section, SectionContext, join_clauses, p


class OrganisationSection(Section):
    key = "organisation"
    title = "加强组织建设，壮大会员队伍"

    def figures(self, ctx: SectionContext) -> Figures:
        now = ctx.membership()
        before = ctx.membership_before()
        women_share = percent(now.women, now.total) or 0
        cadres = cadre_figures(union=ctx.union, period=ctx.period)
        return {
            "会员总数": Figure("会员总数", now.total, "人", before.total or None),
            "女会员": Figure("女会员", now.women, "人", before.women or None),
            "女会员占比": Figure("女会员占比", women_share, "%"),
            "农民工会员": Figure("农民工会员", now.migrant, "人", before.migrant or None),
            "新发展会员": Figure("新发展会员", now.joined, "人", before.joined or None),
            "减少会员": Figure("减少会员", now.left, "人"),
            "退休会员": Figure("退休会员", now.retired, "人"),
            "转出会员": Figure("转出会员", now.transferred, "人"),
            "分会数": Figure("分会数", now.branches, "个"),
            "劳模人数": Figure("劳模人数", now.model_workers, "人"),
            "工会干部": Figure("工会干部", cadres.total, "人"),
            "专职工会干部": Figure("专职工会干部", cadres.full_time, "人"),
            "兼职工会干部": Figure("兼职工会干部", cadres.part_time, "人"),
            "工会委员": Figure("工会委员", cadres.committee, "人"),
            "女工会干部": Figure("女工会干部", cadres.women, "人"),
            "换届届次": Figure("换届届次", "、".join(cadres.new_terms)),
            **profile_figures(ctx),  # the year profile's workers and 入会率 (profiles.sentences)
        }

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        first = join_clauses(
            f"{ctx.as_of}，本会共有会员【会员总数】",
            "【会员总数同比】" if f["会员总数"].change else "",
            "其中女会员【女会员】，占【女会员占比】" if f["女会员"].value else "",
            "农民工会员【农民工会员】" if f["农民工会员"].value else "",
            "下设分会（工会小组）【分会数】" if f["分会数"].value else "",
        )
        if f["会员总数"].value:  # a roster not yet entered says nothing, not "会员0人"
            blocks.append(p(first))
        if membership_rate_sentence(f):  # the year profile's sentence (profiles.sentences)
            blocks.append(p(membership_rate_sentence(f)))
        moves = join_clauses(
            f"{ctx.period_words}新发展会员【新发展会员】" if f["新发展会员"].value else "",
            "【新发展会员同比】" if f["新发展会员"].value and f["新发展会员"].change else "",
            "因退休、调出等减少会员【减少会员】" if f["减少会员"].value else "",
            "会员信息及时录入、动态更新，做到应入尽入、底数清楚"
            if f["新发展会员"].value or f["减少会员"].value
            else "",
        )
        if moves:
            blocks.append(p(moves))
        if f["工会干部"].value or f["换届届次"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.this_words}顺利完成【换届届次】工会委员会换届选举"
                        if f["换届届次"].value
                        else "",
                        "新一届工会委员会由【工会委员】组成"
                        if f["换届届次"].value
                        else "工会委员会现有委员【工会委员】"
                        if f["工会委员"].value
                        else "",
                        "现有工会干部【工会干部】，其中专职【专职工会干部】、兼职【兼职工会干部】"
                        if f["工会干部"].value
                        else "",
                        "女干部【女工会干部】" if f["女工会干部"].value else "",
                    )
                )
            )
        return blocks
