"""A roll-up too large for one request is computed by the task worker.

A county's twenty units compute in the request; a province's two thousand cold ones take
minutes. When more units than `ROLLUP_SYNC_MAX_UNITS` have no stored figures, the roll-up's
pages queue `fill_rollup` and show its progress (refreshing themselves) instead; each unit's
figures are stored as it is done (workbook.figures_store), so a worker killed half-way leaves
only whole figures behind, and the page queues the rest again once the claim lapses.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from background import queue
from unions.models import Union

from .rollup import stale_units

CLAIM_SECONDS = 120  # a queued fill is not queued again for this long


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
