"""An aid centre's services through their pages: who may, and what each kind must say."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from aid.models import AidService
from tests.record_pages import record_page_tests

from .factories import AidServiceFactory

pytestmark = pytest.mark.django_db

CASES = {
    "service": (
        AidService,
        {
            "date": "2024-06-30",
            "kind": "small_loan",
            "title": "创业小额借款",
            "persons": "20",
            "amount": "790000",
            "placed": "423",
            "non_members": "on",
        },
        ("placed", "430", 430),
    ),
}

(
    test_clerk_creates_and_edits_a_record,
    test_the_county_reads_but_cannot_write,
    test_another_unions_user_gets_404,
) = record_page_tests("aid", CASES, {"service": lambda union: AidServiceFactory(union=union)})


def _create(client, union, **data):
    return client.post(reverse("aid:service-create", args=[union.code]), {"date": "2024-06-30", **data})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "relief", "title": "春节救助", "amount": "5000"}, "困难职工救助请填写救助人数"),
        ({"kind": "relief", "title": "春节救助", "persons": "5"}, "困难职工救助请填写金额"),
        (
            {"kind": "skill_training", "title": "家政培训", "persons": "30", "amount": "10"},
            "职业技能培训不填金额",
        ),
        ({"kind": "job_base", "title": "再就业基地", "placed": "50"}, "再就业基地请填写新增基地家数"),
        ({"kind": "job_base", "title": "再就业基地", "items": "2", "persons": "3"}, "再就业基地不填人数"),
        (
            {"kind": "student", "title": "金秋助学", "persons": "9", "amount": "9000", "placed": "1"},
            "助学不填安置就业人数",
        ),
    ],
)
def test_each_kind_asks_what_it_counts(clerk_client, union, data, message):
    response = _create(clerk_client, union, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AidService.objects.exists()


def test_a_placement_records_seekers_information_and_jobs(clerk_client, union):
    data = {"kind": "placement", "title": "免费职业介绍", "persons": "1108", "items": "610", "placed": "510"}
    assert _create(clerk_client, union, **data).status_code == 302
    service = AidService.objects.get()
    assert (service.persons, service.items, service.placed, service.amount) == (1108, 610, 510, Decimal("0"))


def test_the_list_shows_the_services_of_the_union_only(clerk_client, union, other_union):
    AidServiceFactory(union=union, title="本会临时救助")
    AidServiceFactory(union=other_union, title="别会临时救助")
    page = clerk_client.get(reverse("aid:service-list", args=[union.code]) + "?year=2024").content.decode()
    assert "本会临时救助" in page and "别会临时救助" not in page
