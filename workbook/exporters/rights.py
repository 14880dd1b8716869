"""维权台账: mediation cases, legal aid and petitions of the period, one table each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rights.choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel

from ..selectors import legal_aid_in, mediation_cases_in, petitions_in
from .base import Block, Column, Exporter, Kind
from .members import labels
from .registry import register


@register
class RightsExporter(Exporter):
    identifier = "rights"
    verbose_name = "维权台账"
    description = "劳动争议调解、法律援助和来信来访"
    mediation_columns = (
        Column("受理日期", Kind.DATE),
        Column("当事人", width=20),
        Column("争议事项", width=24),
        Column("争议类型", width=10),
        Column("涉及职工人数", Kind.INT, total=True),
        Column("处理结果"),
        Column("结案日期", Kind.DATE),
        Column("追讨金额（元）", Kind.MONEY, total=True),
        Column("备注", width=24),
    )
    legal_aid_columns = (
        Column("日期", Kind.DATE),
        Column("类型"),
        Column("人次", Kind.INT, total=True),
        Column("事项", width=24),
        Column("处理结果", width=24),
        Column("追讨金额（元）", Kind.MONEY, total=True),
    )
    petition_columns = (
        Column("日期", Kind.DATE),
        Column("方式"),
        Column("件次", Kind.INT, total=True),
        Column("人次", Kind.INT, total=True),
        Column("反映事项", width=24),
        Column("办理情况", width=30),
        Column("已办结"),
    )

    def count(self) -> int:
        u, p = self.union, self.period
        return (
            mediation_cases_in(union=u, period=p).count()
            + legal_aid_in(union=u, period=p).count()
            + petitions_in(union=u, period=p).count()
        )

    def blocks(self) -> list[Block]:
        u, p = self.union, self.period
        return [
            Block(
                self.mediation_columns,
                self._mediation(mediation_cases_in(union=u, period=p)),
                "劳动争议调解",
                True,
            ),
            Block(self.legal_aid_columns, self._legal_aid(legal_aid_in(union=u, period=p)), "法律援助", True),
            Block(self.petition_columns, self._petitions(petitions_in(union=u, period=p)), "来信来访", True),
        ]

    def _mediation(self, cases: Any) -> Iterable[Sequence[Any]]:
        dispute, outcome = labels(DisputeType), labels(MediationOutcome)
        for c in cases:
            yield (
                c.received_on,
                c.parties,
                c.subject,
                dispute.get(c.dispute_type, c.dispute_type),
                c.workers_involved,
                outcome.get(c.outcome, c.outcome),
                c.closed_on,
                c.amount_recovered,
                c.notes,
            )

    def _legal_aid(self, items: Any) -> Iterable[Sequence[Any]]:
        kind = labels(LegalAidKind)
        for a in items:
            yield (a.date, kind.get(a.kind, a.kind), a.persons, a.subject, a.outcome, a.amount_recovered)

    def _petitions(self, items: Any) -> Iterable[Sequence[Any]]:
        channel = labels(PetitionChannel)
        for p in items:
            yield (
                p.date,
                channel.get(p.channel, p.channel),
                p.cases,
                p.persons,
                p.subject,
                p.handling,
                "是" if p.resolved else "否",
            )
