from __future__ import annotations

import factory

from profiles.choices import UnitKind
from profiles.models import UnionYearProfile
from tests.factories import UnionFactory


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnionYearProfile

    union = factory.SubFactory(UnionFactory)
    year = 2025
    unit_kind = UnitKind.PRIVATE
    workers = 100
    women_workers = 40


class UnitProfileFactory(ProfileFactory):
    unit_code = factory.Sequence(lambda n: f"offline-{n}")
    unit_name = factory.Sequence(lambda n: f"未上线单位{n}工会")
    members = 80
    women_members = 30
    source = "federation"
