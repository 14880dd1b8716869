"""A roll-up too large for one request is computed by the task worker.

A county's twenty units compute in the request; a province's two thousand cold ones take
minutes. When more units than `ROLLUP_SYNC_MAX_UNITS` have no stored figures, the roll-up's
pages queue `fill_rollup` and show its progress (refreshing themselves) instead. That task
splits the cold units into chunks of `FILL_CHUNK`, one `fill_units` task each, so every
worker running takes a share; each chunk's figures are stored when it is done
(workbook.figures_store), so a worker killed half-way leaves only whole figures behind, and
the page queues the rest again once the claim lapses.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from background import queue
from records.periods import period_for
from unions.models import Union

from .figures_store import FiguresStore
from .rollup import stale_units, subtree_periods

CLAIM_SECONDS = 120  # a queued fill is not queued again for this long
FILL_CHUNK = 50  # units per task: a few seconds of work, stored together


def sync_limit() -> int:
    return int(settings.ROLLUP_SYNC_MAX_UNITS)


def handed_to_worker(request: HttpRequest, *, union: Union, year: int) -> HttpResponse | None:
    """None when the roll-up may be computed in this request; else the progress page."""
    stale, total = stale_units(union=union, year=year, today=dt.date.today())
    if stale <= sync_limit():
        return None
    if cache.add(f"rollup-fill:{union.pk}:{year}", 1, timeout=CLAIM_SECONDS):
        from .tasks import fill_rollup

        queue.enqueue(fill_rollup, union_id=union.pk, year=year)
    response = render(
        request,
        "workbook/rollup_filling.html",
        {"year": year, "total": total, "done": total - stale, "stale": stale},
    )
    response["Refresh"] = "5"
    return response


def queue_fill(*, union: Union, year: int) -> int:
    """Queue a `fill_units` task for each chunk of the subtree's cold units; the chunks queued."""
    from .tasks import fill_units

    unions, periods = subtree_periods(union=union, year=year)
    stale = [
        u.pk for u in FiguresStore(top=union, unions=unions, periods=periods, today=dt.date.today()).stale()
    ]
    chunks = [stale[i : i + FILL_CHUNK] for i in range(0, len(stale), FILL_CHUNK)]
    for chunk in chunks:
        queue.enqueue(fill_units, top_id=union.pk, union_ids=chunk, year=year)
    return len(chunks)


def fill_chunk(*, top_id: int, union_ids: list[int], year: int) -> int:
    """Compute and store the figures of the units of `top`'s subtree among `union_ids`."""
    top = Union.objects.filter(pk=top_id).first()
    if top is None:
        return 0
    unions = list(top.descendants(include_self=True).filter(pk__in=union_ids).order_by("path"))
    periods = {u.pk: period_for(u, year) for u in unions}
    FiguresStore(top=top, unions=unions, periods=periods, today=dt.date.today()).values()
    return len(unions)
