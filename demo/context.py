"""What every part of the demo shares: the reference dates and the random sources."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

SEED = 20240601


@dataclass(frozen=True)
class DemoContext:
    """The demo's clock and randomness.

    `year` is the last complete calendar year, so that everything the demo records for it
    already lies in the past and a report for that year has a full year of data. The demo
    also records the current year up to `today`, and never anything dated after it.

    Each topic (members, activities, …) draws from its own generator seeded by the topic
    name, so adding a topic later leaves the data of the others exactly as it was.
    """

    today: dt.date = field(default_factory=dt.date.today)
    seed: int = SEED

    @property
    def year(self) -> int:
        return self.today.year - 1

    @property
    def current_year(self) -> int:
        """The running year: recorded up to `today`, never beyond."""
        return self.today.year

    @property
    def years(self) -> tuple[int, int]:
        """The two years the demo fills with records: the last complete one and this one."""
        return (self.year, self.current_year)

    def last_day(self, year: int) -> dt.date:
        """The last day of `year` that may carry a record: 31 December, or today."""
        return min(dt.date(year, 12, 31), self.today)

    def happened(self, day: dt.date | None) -> bool:
        """Whether something dated `day` can already be on record."""
        return day is not None and day <= self.today

    def rng(self, topic: str) -> random.Random:
        return random.Random(f"{self.seed}:{topic}")

    def random_day(self, rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
        """A day in [start, end]; `end` is pulled back to today so no date lies ahead."""
        end = min(end, self.today)
        if end <= start:
            return start
        return start + dt.timedelta(days=rng.randint(0, (end - start).days))
