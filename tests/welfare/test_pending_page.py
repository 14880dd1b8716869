from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.welfare.factories import DisbursementFactory
from welfare.views import PENDING_PAGE_SIZE

pytestmark = pytest.mark.django_db


def test_the_approval_queue_is_paginated_with_totals_over_all_pages(leader_client, union):
    n = PENDING_PAGE_SIZE + 5
    DisbursementFactory.create_batch(n, union=union, status="submitted", cash_amount=Decimal("100"))
    response = leader_client.get(reverse("welfare:disbursement-pending", args=[union.code]))
    assert len(response.context["page"]) == PENDING_PAGE_SIZE
    assert response.context["count"] == n
    assert response.context["total"] == Decimal("100") * n
    second = leader_client.get(reverse("welfare:disbursement-pending", args=[union.code]), {"page": 2})
    assert len(second.context["page"]) == 5
