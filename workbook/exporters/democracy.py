"""职代会与提案, 厂务公开 and 集体合同."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from democracy.choices import CongressKind, ContractKind, DisclosureChannel, ProposalStatus

from ..selectors import congresses_in, contracts_in, disclosures_in, proposals_in
from .base import Block, Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class CongressExporter(Exporter):
    identifier = "congresses"
    verbose_name = "职代会与提案"
    description = "本期召开的职工代表大会，及本期提出的提案和办理情况"
    congress_columns = (
        Column("召开日期", Kind.DATE),
        Column("届次", width=16),
        Column("会议类型", width=16),
        Column("代表总数", Kind.INT),
        Column("出席代表", Kind.INT),
        Column("女代表", Kind.INT),
        Column("审议事项", width=36),
        Column("形成决议", width=36),
        Column("备注", width=24),
    )
    proposal_columns = (
        Column("提案编号", Kind.CODE),
        Column("提出日期", Kind.DATE),
        Column("案由", width=30),
        Column("提案人", width=14),
        Column("所属会议", width=24),
        Column("办理状态"),
        Column("承办部门", width=14),
        Column("答复意见", width=30),
        Column("答复日期", Kind.DATE),
        Column("提案内容", width=40),
    )

    def blocks(self) -> list[Block]:
        congresses = congresses_in(union=self.union, period=self.period)
        proposals = proposals_in(union=self.union, period=self.period)
        return [
            Block(self.congress_columns, self._congresses(congresses), title="职工代表大会"),
            Block(self.proposal_columns, self._proposals(proposals), title="提案"),
        ]

    def count(self) -> int:
        return (
            congresses_in(union=self.union, period=self.period).count()
            + proposals_in(union=self.union, period=self.period).count()
        )

    def _congresses(self, congresses: Any) -> Iterable[Sequence[Any]]:
        kind = labels(CongressKind)
        for c in congresses:
            yield (
                c.date,
                c.session,
                kind.get(c.kind, c.kind),
                c.delegates_total,
                c.delegates_present,
                c.delegates_women,
                "、".join(c.item_list),
                c.resolutions,
                c.notes,
            )

    def _proposals(self, proposals: Any) -> Iterable[Sequence[Any]]:
        status = labels(ProposalStatus)
        for p in proposals:
            yield (
                p.number,
                p.submitted_on,
                p.title,
                p.submitter_label,
                str(p.congress) if p.congress_id else "",
                status.get(p.status, p.status),
                p.department,
                p.reply,
                p.replied_on,
                p.content,
            )


@register
class DisclosureExporter(Exporter):
    identifier = "disclosures"
    verbose_name = "厂务公开"
    description = "本期公开的事项，条数与“厂务公开事项”一致"
    columns = (
        Column("公开日期", Kind.DATE),
        Column("公开事项", width=30),
        Column("公开形式", width=12),
        Column("公开内容", width=50),
    )

    def count(self) -> int:
        return disclosures_in(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        channel = labels(DisclosureChannel)
        for d in disclosures_in(union=self.union, period=self.period).values_list(
            "date", "topic", "channel", "content"
        ):
            yield (d[0], d[1], channel.get(d[2], d[2]), d[3])


@register
class ContractExporter(Exporter):
    identifier = "contracts"
    verbose_name = "集体合同"
    description = "本期内有效或本期签订的集体合同及专项集体合同"
    columns = (
        Column("合同名称", width=30),
        Column("合同类型", width=18),
        Column("签订日期", Kind.DATE),
        Column("生效日期", Kind.DATE),
        Column("终止日期", Kind.DATE),
        Column("期末状态"),
        Column("覆盖职工人数", Kind.INT),
        Column("约定工资增幅（%）", Kind.DECIMAL),
        Column("工资集体协商次数", Kind.INT),
        Column("备注", width=24),
    )

    def count(self) -> int:
        return contracts_in(union=self.union, period=self.period).count()

    def rows(self) -> Iterable[Sequence[Any]]:
        kind = labels(ContractKind)
        as_of = min(self.period.end, self.context.today)
        for c in contracts_in(union=self.union, period=self.period):
            yield (
                c.title,
                kind.get(c.kind, c.kind),
                c.signed_on,
                c.start_date,
                c.end_date,
                str(c.status_on(as_of).label),
                c.workers_covered,
                c.wage_growth,
                c.negotiation_rounds,
                c.notes,
            )
