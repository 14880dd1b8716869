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
    already lies in the past and a report for that year has a full year of data.

    Each topic (members, activities, …) draws from its own generator seeded by the topic
    name, so adding a topic later leaves the data of the others exactly as it was.
    """

    today: dt.date = field(default_factory=dt.date.today)
    seed: int = SEED

    @property
    def year(self) -> int:
        return self.today.year - 1

    def rng(self, topic: str) -> random.Random:
        return random.Random(f"{self.seed}:{topic}")

    def random_day(self, rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
        """A day in [start, end]; `end` is pulled back to today so no date lies ahead."""
        end = min(end, self.today)
        if end <= start:
            return start
        return start + dt.timedelta(days=rng.randint(0, (end - start).days))
