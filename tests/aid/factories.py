from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from aid.choices import ServiceKind
from aid.models import AidService
from tests.factories import UnionFactory


class AidServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AidService

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 5, 1)
    kind = ServiceKind.TEMPORARY
    title = factory.Sequence(lambda n: f"日常临时救助{n}")
    persons = 3
    amount = Decimal("1500")
