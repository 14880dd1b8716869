"""`manage.py load_demo`: what it refuses, what it skips, and that it is repeatable.

Each test here starts from an empty database; the checks of the loaded data itself are in
test_demo_data.py (the roster) and test_demo_year.py (the year's records), which load once
per module. Here the command loads the organisation and rosters only: the year of records
takes seconds and says nothing about refusals and repeats.
"""

from __future__ import annotations

from functools import partial
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from demo import loader
from demo.context import DemoContext
from demo.loader import ACCOUNTS, AUDIT_LABEL, DEMO_PASSWORD
from demo.management.commands import load_demo as command
from demo.organisations import GRASSROOTS
from demo.people import generate_rosters
from members.models import Member
from tests.factories import UnionFactory, UserFactory
from unions.models import Branch, Union, UnionRole

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roster_only(monkeypatch):
    monkeypatch.setattr(command, "load_demo", partial(loader.load_demo, records=False))


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "unions": Union.objects.count(),
        "branches": Branch.objects.count(),
        "members": Member.objects.count(),
        "users": get_user_model().objects.count(),
        "roles": UnionRole.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_it_loads_and_prints_the_accounts():
    output = _load()
    assert Member.objects.count() == sum(plan.headcount for plan in GRASSROOTS)
    assert DEMO_PASSWORD in output
    assert "仅供演示" in output
    for account in ACCOUNTS:
        assert account.username in output


def test_if_empty_on_a_second_run_changes_nothing():
    _load()
    before = _counts()
    output = _load("--if-empty")
    assert "跳过" in output
    assert DEMO_PASSWORD in output
    assert _counts() == before


def test_a_plain_second_run_refuses_and_changes_nothing():
    _load()
    before = _counts()
    with pytest.raises(CommandError, match="演示数据已存在"):
        _load()
    assert _counts() == before


@pytest.mark.parametrize("username", ["admin", "yy-leader"])
def test_it_refuses_when_a_demo_username_is_taken(username):
    UserFactory(username=username)
    with pytest.raises(CommandError, match=username):
        _load()
    assert not Union.objects.exists()
    assert not Member.objects.exists()


def test_it_refuses_when_a_demo_union_code_is_taken():
    UnionFactory(code="demo-hospital", name="别的工会")
    with pytest.raises(CommandError, match="demo-hospital"):
        _load()
    assert Union.objects.count() == 1
    assert not get_user_model().objects.filter(username="clerk").exists()


def test_the_load_is_audited_as_demo_data():
    _load()
    members = Member.objects.count()
    assert AuditEntry.objects.filter(actor_label=AUDIT_LABEL, actor=None).count() >= members
    assert not AuditEntry.objects.exclude(actor_label=AUDIT_LABEL).exists()


def test_the_generator_is_deterministic():
    ctx = DemoContext()
    first, second = generate_rosters(ctx), generate_rosters(ctx)
    assert first == second


@pytest.mark.parametrize("run", [1, 2])
def test_every_load_stores_the_same_people(run):
    """Run twice, each time in a fresh database: both match one generation."""
    _load()
    expected = generate_rosters(DemoContext())
    for code, people in expected.items():
        stored = list(
            Member.objects.filter(union__code=code)
            .order_by("id")
            .values_list("name", "id_number", "card_number")
        )
        assert stored == [(p.name, p.id_number, p.card_number) for p in people]
