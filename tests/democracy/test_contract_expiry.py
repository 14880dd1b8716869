"""The contract expiry warning: ending soon, or ended and not renewed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from democracy.selectors import contracts_expiring

from .factories import CollectiveContractFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)


def _ending(union, days: int, **kwargs):
    end = TODAY + dt.timedelta(days=days)
    return CollectiveContractFactory(
        union=union, start_date=end - dt.timedelta(days=3 * 365), end_date=end, **kwargs
    )


def test_contracts_ending_within_90_days_and_expired_ones_are_listed(union):
    soon = _ending(union, 30, kind="general", title="30天后到期")
    _ending(union, 200, kind="wage", title="200天后到期")
    expired = _ending(union, -10, kind="women", title="已到期")
    edge = _ending(union, 90, kind="safety", title="刚好90天")

    listed = contracts_expiring(union=union, today=TODAY)
    assert [item.contract for item in listed] == [expired, soon, edge]
    assert [(item.days_left, item.expired) for item in listed] == [(-10, True), (30, False), (90, False)]
    assert listed[0].label == "已到期10天，未续签"
    assert listed[1].label == "30天后到期"


def test_a_renewed_contract_is_no_longer_listed(union):
    old = _ending(union, -10, kind="general")
    _ending(union, 20, kind="wage")
    # The general contract was renewed; the wage contract's successor is of another kind.
    CollectiveContractFactory(
        union=union,
        kind="general",
        start_date=old.end_date + dt.timedelta(days=1),
        end_date=old.end_date + dt.timedelta(days=3 * 365),
    )
    listed = contracts_expiring(union=union, today=TODAY)
    assert [item.contract.kind for item in listed] == ["wage"]


def test_voided_and_foreign_contracts_are_not_listed_and_void_successors_do_not_renew(union, other_union):
    _ending(union, 10).void("误录")
    _ending(other_union, 10)
    old = _ending(union, -5, kind="wage")
    successor = CollectiveContractFactory(
        union=union, kind="wage", start_date=old.end_date, end_date=old.end_date + dt.timedelta(days=700)
    )
    successor.void("误录")
    assert [item.contract for item in contracts_expiring(union=union, today=TODAY)] == [old]


def test_the_window_can_be_chosen(union):
    contract = _ending(union, 200)
    assert contracts_expiring(union=union, today=TODAY) == ()
    assert [i.contract for i in contracts_expiring(union=union, today=TODAY, days=365)] == [contract]


def test_the_expiry_page_lists_soon_and_expired_contracts(clerk_client, union):
    today = timezone.localdate()
    for days, title in ((30, "三十天后到期的合同"), (200, "二百天后到期的合同"), (-10, "已经到期的合同")):
        end = today + dt.timedelta(days=days)
        CollectiveContractFactory(
            union=union,
            kind={30: "general", 200: "wage", -10: "women"}[days],
            title=title,
            start_date=end - dt.timedelta(days=900),
            end_date=end,
        )
    page = clerk_client.get(reverse("democracy:contract-expiring", args=[union.code])).content.decode()
    assert "三十天后到期的合同" in page and "30天后到期" in page
    assert "已经到期的合同" in page and "已到期10天，未续签" in page
    assert "二百天后到期的合同" not in page


def test_the_contract_list_links_to_the_expiry_page(clerk_client, union):
    page = clerk_client.get(reverse("democracy:contract-list", args=[union.code])).content.decode()
    assert reverse("democracy:contract-expiring", args=[union.code]) in page
