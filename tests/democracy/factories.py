from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from democracy.choices import CongressKind, ContractKind, DisclosureChannel, ProposalStatus
from democracy.models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion
from tests.factories import UnionFactory


class CongressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Congress

    union = factory.SubFactory(UnionFactory)
    session = factory.Sequence(lambda n: f"第三届第{n}次")
    date = dt.date(2024, 3, 15)
    kind = CongressKind.WORKERS
    delegates_total = 120
    delegates_present = 112
    delegates_women = 45
    items = "工作报告\n集体合同\n福利方案"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    union = factory.SubFactory(UnionFactory)
    number = factory.Sequence(lambda n: f"T{n:03d}")
    title = factory.Sequence(lambda n: f"关于改善职工食堂的提案{n}")
    submitted_on = dt.date(2024, 3, 15)
    submitter = "张三等5名代表"
    status = ProposalStatus.RECEIVED


class DisclosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disclosure

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 4, 1)
    topic = factory.Sequence(lambda n: f"一季度财务收支情况{n}")
    channel = DisclosureChannel.BOARD


class CollectiveContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveContract

    union = factory.SubFactory(UnionFactory)
    kind = ContractKind.GENERAL
    title = factory.Sequence(lambda n: f"集体合同{n}")
    signed_on = dt.date(2024, 1, 10)
    start_date = dt.date(2024, 1, 1)
    end_date = dt.date(2026, 12, 31)
    workers_covered = 300
    wage_growth = Decimal("5.00")
    negotiation_rounds = 2


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    union = factory.SubFactory(UnionFactory)
    title = factory.Sequence(lambda n: f"节约用电的建议{n}")
    date = dt.date(2024, 5, 20)
    submitter = "李四"
    adopted = False


class JointMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointMeeting

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 2, 1)
    topic = factory.Sequence(lambda n: f"研究职工福利方案{n}")
    attendees = "党委书记、厂长、工会主席"
    decisions = "同意福利方案"
