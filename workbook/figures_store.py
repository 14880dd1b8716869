"""Each union's own indicators, stored under its data version (workbook.models.UnionFigures).

A roll-up adds up every union of a subtree; a province has two thousand of them, about thirty
queries each. Stored in the database rather than a per-process cache, a union's figures are
computed once for everyone — web processes on any machine and the task worker that fills a
large roll-up (workbook.tasks.fill_rollup) — and again only after a write to that union
(every write logs an entry on the union it changes, which moves its version).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F

from audit.versions import own_versions
from records.memo import figures_scope
from records.periods import Period
from unions.models import Union

from .indicators import BY_KEY, Value, to_text
from .indicators import indicator_values as compute_values
from .models import UnionFigures

# Stale units computed together: each selector asks about all of them in one query.
PEERS = 200
KEEP_DAYS = 2
# Stored texts are to_text's own (元 with two decimals, whole numbers): read back as they are.
READ = {
    d.key: Decimal if d.is_money else int for d in BY_KEY.values()
}  # rows of a running period's earlier days are deleted as new ones are written


def as_of(period: Period, today: dt.date) -> dt.date:
    """The day the figures depend on: the period's end, or today while it runs (contracts in
    force are counted on it). A past period's figures so stay valid from one day to the next."""
    return min(period.end, today)


class FiguresStore:
    """The stored figures of `unions` (all within `top`'s subtree) as of `today`."""

    def __init__(self, *, top: Union, unions: list[Union], periods: dict[int, Period], today: dt.date):
        self.unions, self.periods, self.today = unions, periods, today
        self.versions = own_versions(top)
        days = {as_of(p, today) for p in periods.values()}
        rows = UnionFigures.objects.filter(union__in=[u.pk for u in unions], as_of__in=days)
        # (version, values) by row key: value rows, not two thousand model instances.
        self.stored = {
            (pk, start, end, day): (version, values)
            for pk, start, end, day, version, values in rows.values_list(
                "union", "start", "end", "as_of", "version", "values"
            )
        }

    def _key(self, union: Union) -> tuple[int, dt.date, dt.date, dt.date]:
        period = self.periods[union.pk]
        return union.pk, period.start, period.end, as_of(period, self.today)

    def is_fresh(self, union: Union) -> bool:
        row = self.stored.get(self._key(union))
        return row is not None and row[0] == self.versions.get(union.pk, 0)

    def stale(self) -> list[Union]:
        return [u for u in self.unions if not self.is_fresh(u)]

    def values(self) -> dict[int, dict[str, Value]]:
        """Every union's figures: the stored ones read, the stale ones computed and stored."""
        out: dict[int, dict[str, Value]] = {}
        for union in self.unions:
            if self.is_fresh(union):
                stored = self.stored[self._key(union)][1]
                out[union.pk] = {key: READ[key](text) for key, text in stored.items()}
        stale = [u for u in self.unions if u.pk not in out]
        for start in range(0, len(stale), PEERS):
            out.update(self._compute(stale[start : start + PEERS]))
        return {u.pk: out[u.pk] for u in self.unions}

    def _compute(self, unions: list[Union]) -> dict[int, dict[str, Value]]:
        """The figures of `unions`, computed together (records.memo.per_union) and stored."""
        out: dict[int, dict[str, Value]] = {}
        fresh: list[UnionFigures] = []
        with figures_scope(peers={u: self.periods[u.pk] for u in unions}):
            for union in unions:
                period = self.periods[union.pk]
                out[union.pk] = compute_values(union=union, period=period, today=self.today)
                fresh.append(
                    UnionFigures(
                        union=union,
                        start=period.start,
                        end=period.end,
                        as_of=as_of(period, self.today),
                        version=self.versions.get(union.pk, 0),
                        values={key: to_text(BY_KEY[key], value) for key, value in out[union.pk].items()},
                    )
                )
        save(fresh, today=self.today)
        return out


def save(rows: list[UnionFigures], *, today: dt.date) -> None:
    UnionFigures.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["union", "start", "end", "as_of"],
        update_fields=["version", "values", "computed_at"],
    )
    # A past period's row (as of its end) is kept; a running one's rows of earlier days go.
    old = UnionFigures.objects.filter(as_of__lt=today - dt.timedelta(days=KEEP_DAYS))
    old.filter(as_of__lt=F("end")).delete()
