"""Who the demo's records are about and who enters them.

Two views of the same people:

- `Roster`: one union's generated roster (`demo.people.DemoMember`), pure, so the plans of
  the year's records can be drawn and compared without a database. Plans name members by
  their card number, which is unique within a union.
- `Cast`: the stored unions, branches, members and accounts, which the loaders write
  the plans against.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

from members.choices import MembershipStatus
from members.models import Member
from unions.models import Branch, Union

from .people import DemoMember

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Roster:
    """One union's people as generated, with the questions the plans ask of them."""

    code: str
    people: tuple[DemoMember, ...]

    def on(self, day: dt.date) -> list[DemoMember]:
        """Members on the roster on `day` and at work: joined by then, not yet gone, not on
        leave with their membership retained (保留会籍)."""
        return [p for p in self.people if p.joined_on <= day and _at_work(p, day)]

    def women_on(self, day: dt.date) -> list[DemoMember]:
        return [p for p in self.on(day) if p.gender == "F"]

    def where(self, day: dt.date, test: Callable[[DemoMember], bool]) -> list[DemoMember]:
        return [p for p in self.on(day) if test(p)]

    def pick(
        self, rng: random.Random, day: dt.date, k: int, test: Callable[[DemoMember], bool] = bool
    ) -> list[DemoMember]:
        """Up to `k` members on the roster on `day` who pass `test`, drawn at random."""
        pool = [p for p in self.on(day) if test(p)]
        return rng.sample(pool, min(k, len(pool)))

    def by_card(self, card: str) -> DemoMember:
        return next(p for p in self.people if p.card_number == card)

    def retired_in(self, year: int) -> list[DemoMember]:
        return [
            p
            for p in self.people
            if p.status == MembershipStatus.RETIRED and p.status_date and p.status_date.year == year
        ]


def _at_work(person: DemoMember, day: dt.date) -> bool:
    if person.status == MembershipStatus.ACTIVE:
        return True
    return person.status_date is not None and person.status_date > day


def age_on(person: DemoMember, day: dt.date) -> int:
    born = person.birth_date
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def aged(day: dt.date, low: int, high: int = 200) -> Callable[[DemoMember], bool]:
    """A test for `Roster.pick`: aged `low`..`high` on `day`."""
    return lambda p: low <= age_on(p, day) <= high


def cards(people: Iterable[DemoMember]) -> tuple[str, ...]:
    return tuple(p.card_number for p in people)


@dataclass
class Cast:
    """The stored side of the demo: unions by code, their branches and members, the users."""

    unions: dict[str, Union]
    users: dict[str, Any] = field(default_factory=dict)  # username -> User
    branches: dict[str, dict[str, Branch]] = field(default_factory=dict)  # code -> name -> Branch
    members: dict[str, dict[str, Member]] = field(default_factory=dict)  # code -> card -> Member

    def member(self, code: str, card: str) -> Member | None:
        return self.members[code][card] if card else None

    def branch(self, code: str, name: str) -> Branch | None:
        return self.branches[code][name] if name else None


def save(instance: M) -> M:
    """Store a record by the same rules as the forms: the model's full validation first."""
    instance.full_clean()
    instance.save()
    return instance
