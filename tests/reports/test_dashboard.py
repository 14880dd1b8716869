"""The year dashboard: its figures equal what the test computes from the records it made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.choices import ActivityCategory
from records.money import format_money
from rights.choices import LegalAidKind
from tests.activities.factories import ActivityFactory
from tests.democracy.factories import CollectiveContractFactory, ProposalFactory
from tests.factories import MemberFactory
from tests.rights.factories import LegalAidFactory

pytestmark = pytest.mark.django_db
Y = 2025


def _stats(response):
    return {s.label: s for g in response.context["groups"] for s in g.stats}


def test_the_dashboard_figures_equal_the_records(clerk_client, union, other_union):
    women = [MemberFactory(union=union, gender="F", joined_on=dt.date(Y, 2, 1)) for _ in range(3)]
    men = [
        MemberFactory(union=union, gender="M", joined_on=dt.date(2010, 2, 1), is_migrant_worker=True)
        for _ in range(2)
    ]
    MemberFactory(union=other_union)
    activities = [
        ActivityFactory(
            union=union,
            category=ActivityCategory.SPORTS_CULTURE,
            start_date=dt.date(Y, 3, 1),
            participants=50,
            women_participants=20,
            cost=Decimal("12000"),
        ),
        ActivityFactory(
            union=union,
            category=ActivityCategory.STUDY_TRAINING,
            start_date=dt.date(Y, 9, 1),
            participants=30,
            women_participants=5,
            cost=Decimal("8500.50"),
        ),
    ]
    ActivityFactory(union=union, start_date=dt.date(Y - 1, 3, 1), participants=999)
    ProposalFactory.create_batch(4, union=union, submitted_on=dt.date(Y, 3, 1))
    CollectiveContractFactory(
        union=union,
        start_date=dt.date(Y, 1, 1),
        end_date=dt.date.today() + dt.timedelta(days=30),
        signed_on=dt.date(Y, 1, 1),
    )
    LegalAidFactory(union=union, date=dt.date(Y, 4, 1), kind=LegalAidKind.CONSULTATION, persons=7)

    response = clerk_client.get(reverse("unions:home", args=[union.code]), {"year": Y})
    assert response.status_code == 200
    stats = _stats(response)

    assert stats["会员总数"].value == f"{len(women) + len(men)}人"
    assert stats["女会员"].value == f"{len(women)}人"
    assert stats["农民工会员"].value == f"{len(men)}人"
    assert stats["新发展会员"].value == f"{len(women)}人"
    assert stats["开展活动"].value == f"{len(activities)}次"
    assert stats["参加职工"].value == f"{sum(a.participants for a in activities)}人次"
    assert stats["女职工参加"].value == f"{sum(a.women_participants for a in activities)}人次"
    # The summary's money rule: 2.05万元 would hide 20500.5元, so the exact sum is shown.
    assert stats["活动经费"].value == format_money(sum(a.cost for a in activities))
    assert stats["活动经费"].value == "20500.5元"
    assert stats["收到提案"].value == "4件"
    assert stats["有效集体合同"].value == "1份"
    assert "1份将在90天内到期" in stats["有效集体合同"].note
    assert stats["法律咨询"].value == "7人次"


def test_each_figure_links_to_the_filtered_list_behind_it(clerk_client, union):
    ActivityFactory(union=union, start_date=dt.date(Y, 3, 1))
    stats = _stats(clerk_client.get(reverse("unions:home", args=[union.code]), {"year": Y}))
    assert stats["开展活动"].url == reverse("activities:activity-list", args=[union.code]) + f"?year={Y}"
    listed = clerk_client.get(stats["开展活动"].url)
    assert listed.context["page"].paginator.count == 1
    assert stats["女会员"].url == reverse("members:list", args=[union.code]) + f"?at={Y}-12-31&gender=F"


def test_the_dashboard_draws_charts_as_inline_svg(clerk_client, union):
    ActivityFactory(union=union, start_date=dt.date(Y, 3, 1))
    page = clerk_client.get(reverse("unions:home", args=[union.code]), {"year": Y}).content.decode()
    assert "<svg" in page and "各月开展活动" in page
    assert "cdn" not in page.lower()


def test_a_bad_year_falls_back_to_the_current_one(clerk_client, union):
    response = clerk_client.get(reverse("unions:home", args=[union.code]), {"year": "abc"})
    assert response.status_code == 200
    assert response.context["period"].year == dt.date.today().year


def test_a_county_user_lands_on_the_roll_up_of_its_unions(county_client, county, union, other_union):
    MemberFactory(union=union)
    response = county_client.get(reverse("unions:home", args=[county.code]), {"year": Y})
    assert response["Location"] == reverse("workbook:rollup", args=[county.code]) + f"?year={Y}"
    page = county_client.get(response["Location"]).content.decode()
    assert union.name in page and other_union.name in page and "待办事项" in page


def test_a_federation_with_a_roster_of_its_own_keeps_its_dashboard(county_client, county, union):
    MemberFactory(union=county)
    response = county_client.get(reverse("unions:home", args=[county.code]))
    assert response.status_code == 200 and response.context["groups"]


def test_the_dashboard_is_cached_until_a_record_changes(clerk_client, union, django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    url = reverse("unions:home", args=[union.code])
    ActivityFactory(union=union, start_date=dt.date(Y, 3, 1))
    assert _stats(clerk_client.get(url, {"year": Y}))["开展活动"].value == "1次"
    # session, user, union, role, version, branches…; one for "is this a federation"
    # (unions.views) and four for the to-do panel, which is per user and never cached.
    with django_assert_max_num_queries(11):
        assert _stats(clerk_client.get(url, {"year": Y}))["开展活动"].value == "1次"
    ActivityFactory(union=union, start_date=dt.date(Y, 4, 1))  # logged, so the version moves
    assert _stats(clerk_client.get(url, {"year": Y}))["开展活动"].value == "2次"


def test_a_change_below_refreshes_the_higher_level_dashboard(county_client, county, union):
    url = reverse("unions:home", args=[county.code])
    MemberFactory(union=county)  # a roster of its own: the county keeps its dashboard
    MemberFactory(union=union)
    first = {u.code: u.headcount for u in county_client.get(url).context["subordinates"]}
    MemberFactory(union=union)
    second = {u.code: u.headcount for u in county_client.get(url).context["subordinates"]}
    assert second[union.code] == first[union.code] + 1


def test_the_dashboard_writes_welfare_as_the_summary_does(clerk_client, union):
    from tests.welfare.factories import DisbursementFactory
    from welfare.choices import DisbursementKind, DisbursementStatus

    people = [MemberFactory(union=union) for _ in range(2)]
    for person, cash in zip(people, ("12000", "180"), strict=True):
        for month in (1, 9):
            DisbursementFactory(
                union=union,
                member=person,
                kind=DisbursementKind.FESTIVAL,
                date=dt.date(Y, month, 10),
                paid_on=dt.date(Y, month, 10),
                cash_amount=Decimal(cash) / 2,
                status=DisbursementStatus.PAID,
            )
    stats = _stats(clerk_client.get(reverse("unions:home", args=[union.code]), {"year": Y}))
    assert stats["帮扶慰问"].value == "4人次"
    assert stats["帮扶慰问"].note == "2人，12180元"  # persons, not 户; not "1.22万元"


def test_the_money_rule_is_the_same_on_every_page():
    from reports.figures import money_text
    from workbook.templatetags.workbook_tags import card_figure

    for amount, text in (
        ("12180", "12180元"),
        ("28800", "2.88万元"),
        ("346500", "34.65万元"),
        ("410000", "41万元"),
    ):
        assert (
            format_money(Decimal(amount))
            == money_text(Decimal(amount))
            == card_figure(Decimal(amount), "元")
            == text
        )
