"""factory_boy factories shared by all tests."""

from __future__ import annotations

import datetime as dt
import itertools

import factory
from django.contrib.auth import get_user_model

from members.id_numbers import compose
from members.models import Cadre, Member
from unions.models import Branch, Role, Union, UnionLevel, UnionRole

_sequence = itertools.count(1)


def make_id_number(birth_date: dt.date = dt.date(1985, 6, 15), gender: str = "F") -> str:
    """A valid ID number, different on every call (sequence runs through 1..999)."""
    n = next(_sequence) % 500
    sequence = 2 * n + (1 if gender == "M" else 0)
    if sequence == 0:
        sequence = 2
    area = f"33{(next(_sequence) % 90) + 1:02d}02"
    return compose(area, birth_date, sequence)


class UnionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Union
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试基层工会{n}")
    code = factory.Sequence(lambda n: f"union-{n}")
    level = UnionLevel.GRASSROOTS


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    union = factory.SubFactory(UnionFactory)
    name = factory.Sequence(lambda n: f"第{n}分会")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass-for-tests-123")


class UnionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnionRole

    user = factory.SubFactory(UserFactory)
    union = factory.SubFactory(UnionFactory)
    role = Role.CLERK


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    union = factory.SubFactory(UnionFactory)
    name = factory.Sequence(lambda n: f"会员{n}")
    gender = "F"
    birth_date = dt.date(1985, 6, 15)
    id_number = factory.LazyAttribute(lambda o: make_id_number(o.birth_date, o.gender))
    phone = "13812345678"
    joined_on = dt.date(2010, 3, 1)


class CadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadre

    union = factory.SubFactory(UnionFactory)
    member = factory.SubFactory(MemberFactory, union=factory.SelfAttribute("..union"), gender="M")
    post = "committee"
    term = "第五届"
    start_date = dt.date(2023, 6, 1)
