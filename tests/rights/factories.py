from __future__ import annotations

import datetime as dt

import factory

from rights.choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel
from rights.models import LegalAid, MediationCase, Petition
from tests.factories import UnionFactory


class MediationCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediationCase

    union = factory.SubFactory(UnionFactory)
    received_on = dt.date(2024, 4, 10)
    parties = "职工王某与车间"
    subject = factory.Sequence(lambda n: f"加班费争议{n}")
    dispute_type = DisputeType.PAY
    workers_involved = 1
    outcome = MediationOutcome.PENDING


class LegalAidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalAid

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 5, 1)
    kind = LegalAidKind.CONSULTATION
    persons = 3
    subject = factory.Sequence(lambda n: f"劳动合同续签咨询{n}")


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 6, 1)
    channel = PetitionChannel.VISIT
    cases = 1
    persons = 2
    subject = factory.Sequence(lambda n: f"反映食堂伙食问题{n}")
