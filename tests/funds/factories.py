from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from funds.choices import Category, Direction
from funds.models import FundAudit, FundEntry
from tests.factories import UnionFactory


class FundEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundEntry

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2024, 3, 1)
    direction = Direction.SPENDING
    category = Category.ACTIVITIES
    amount = Decimal("1000.00")
    description = factory.Sequence(lambda n: f"职工篮球赛场地费{n}")
    voucher = factory.Sequence(lambda n: f"记-{n:04d}")


class FundAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundAudit

    union = factory.SubFactory(UnionFactory)
    year = factory.Sequence(lambda n: 2000 + n % 100)
    audited_on = factory.LazyAttribute(lambda o: dt.date(min(o.year + 1, 2100), 3, 1))
    auditor = "工会经费审查委员会"
    findings = "收支合规，账实相符。"
