"""List pages run the same number of queries for 3 rows as for 15."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import BranchFactory, MemberFactory
from tests.welfare.factories import (
    DisbursementBatchFactory,
    DisbursementFactory,
    DonationDriveFactory,
    HardshipFileFactory,
)
from welfare.choices import DisbursementStatus as S

pytestmark = pytest.mark.django_db


def _queries(client, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    shown = next(
        response.context[key] for key in ("rows", "pending", "batches", "records") if key in response.context
    )
    assert len(shown) == rows  # the rows are really on the page
    return len(ctx.captured_queries)


def _member(union):
    return MemberFactory(union=union, branch=BranchFactory(union=union))


def _disbursement(union, batch=None):
    return DisbursementFactory(
        union=union, member=_member(union), status=S.SUBMITTED, batch=batch, date=dt.date.today()
    )


CASES: dict[str, tuple[str, Callable]] = {
    "disbursements": ("welfare:disbursement-list", _disbursement),
    "named recipients": (
        "welfare:disbursement-list",
        lambda union: DisbursementFactory(
            union=union, member=None, recipient_name="某家属", date=dt.date.today()
        ),
    ),
    "hardship files": (
        "welfare:hardship-list",
        lambda union: HardshipFileFactory(union=union, member=_member(union)),
    ),
    "donation drives": (
        "welfare:donation-list",
        lambda union: DonationDriveFactory(union=union, date=dt.date.today()),
    ),
    "pending queue": ("welfare:disbursement-pending", _disbursement),
    "batches": ("welfare:batch-list", lambda union: DisbursementBatchFactory(union=union)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_list_queries_do_not_grow_with_rows(leader_client, union, case):
    name, make = CASES[case]
    url = reverse(name, args=[union.code])
    for _ in range(3):
        make(union)
    small = _queries(leader_client, url, 3)
    for _ in range(12):
        make(union)
    assert _queries(leader_client, url, 15) == small


def test_batch_page_queries_do_not_grow_with_records(leader_client, union):
    batch = DisbursementBatchFactory(union=union)
    url = reverse("welfare:batch-detail", args=[union.code, batch.pk])
    for _ in range(3):
        _disbursement(union, batch)
    small = _queries(leader_client, url, 3)
    for _ in range(12):
        _disbursement(union, batch)
    assert _queries(leader_client, url, 15) == small
