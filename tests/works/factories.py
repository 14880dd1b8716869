from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from tests.factories import UnionFactory
from works.choices import CareKind, DuesItem, HomeKind, InspectionKind, PublicityKind
from works.models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome


class PublicityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publicity

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 3, 6)
    kind = PublicityKind.STUDY
    title = factory.Sequence(lambda n: f"集中学习工会法{n}")
    participants = 20


class WorkersHomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkersHome

    union = factory.SubFactory(UnionFactory)
    name = factory.Sequence(lambda n: f"一车间职工之家{n}")
    kind = HomeKind.HOME
    built_on = dt.date(2024, 4, 1)


class ModelWorkerCareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModelWorkerCare

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 4, 28)
    kind = CareKind.ALLOWANCE
    title = factory.Sequence(lambda n: f"发放退休劳模津贴{n}")
    persons = 5
    amount = Decimal("1500")


class DuesCollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuesCollection

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 6, 30)
    item = DuesItem.DUES
    payer = factory.Sequence(lambda n: f"第{n}分会")
    due = Decimal("12000")
    paid = Decimal("11800")


class SafetyInspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyInspection

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 6, 12)
    kind = InspectionKind.GENERAL
    title = factory.Sequence(lambda n: f"安全生产月大检查{n}")
    hazards_found = 6
    hazards_fixed = 5
    measures = 7


class InnovationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Innovation

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 9, 1)
    title = factory.Sequence(lambda n: f"数控刀具快换装置{n}")
    benefit = Decimal("12.5")
