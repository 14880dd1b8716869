"""Every logic check of the registry, with figures that break it and figures that pass, both as
bare values and as an imported workbook in a county's roll-up; and checks broken by a union's
own records (its roster, congress, contracts against its year profile)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.democracy.factories import CollectiveContractFactory, CongressFactory, DisclosureFactory
from tests.factories import MemberFactory
from tests.profiles.factories import ProfileFactory
from workbook.indicators import INDICATORS, to_text
from workbook.rollup import rollup
from workbook.survey.checks import all_checks, get, run_checks
from workbook.survey.federation import review_rollup
from workbook.survey.review import review_union

from .check_cases import CASES
from .conftest import Y
from .factories import ExternalReportFactory

KEYS = [check.key for check in all_checks()]
ZEROS = {d.key: d.zero for d in INDICATORS}


def _failing(values) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.check.key for f in run_checks(values)}


def test_every_check_has_a_case_and_no_case_is_stale():
    assert set(CASES) == set(KEYS)


def test_a_return_of_zeros_passes_every_check():
    assert run_checks(ZEROS) == []


@pytest.mark.parametrize("key", KEYS)
def test_the_check_fails_its_breaking_figures_and_passes_the_others(key):
    breaking, passing = CASES[key]
    assert key in _failing(ZEROS | breaking)
    assert key not in _failing(ZEROS | passing)
    finding = get(key).run(ZEROS | breaking)
    assert (
        finding is not None
        and finding.message.endswith("。")
        and not any(c.isascii() and c.isalpha() for c in finding.message)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("key", KEYS)
def test_the_county_finds_an_imported_workbook_that_breaks_the_check(key, county, union):
    breaking, passing = CASES[key]
    for name, figures in (("不过关工会", breaking), ("过关工会", passing)):
        values = ZEROS | figures
        ExternalReportFactory(
            union=county, source_name=name, values={d.key: to_text(d, values[d.key]) for d in INDICATORS}
        )
    review = review_rollup(rollup(union=county, year=Y))
    by_name = {s.source.name: {f.finding.check.key for f in s.review.failures} for s in review.sources}
    assert key in by_name["不过关工会"] and key not in by_name["过关工会"]
    if get(key).severity == "error":
        assert "不过关工会" in [s.source.name for s in review.failing]
    # The totals are checked too: the sum of a breaking and a passing return breaks most rules.
    assert isinstance(review.totals.failures, tuple)


# --- checks broken by a union's own records ------------------------------------------------


def _period(union):  # type: ignore[no-untyped-def]
    from records.periods import period_for

    return period_for(union, Y)


def _keys(union) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        f.finding.check.key
        for f in review_union(union=union, period=_period(union), today=dt.date(Y, 12, 31)).failures
    }


def _members(union, count: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
    for _ in range(count):
        MemberFactory(union=union, joined_on=dt.date(2015, 1, 1), **kwargs)


@pytest.mark.django_db
def test_members_without_a_profile_need_the_number_of_workers(union):
    _members(union, 3)
    assert "members_need_workers" in _keys(union)
    ProfileFactory(union=union, year=Y, workers=10, women_workers=5)
    assert "members_need_workers" not in _keys(union)


@pytest.mark.django_db
def test_a_roster_longer_than_the_workforce_fails(union):
    _members(union, 3, gender="F")
    profile = ProfileFactory(union=union, year=Y, workers=2, women_workers=2)
    assert {"members_le_workers", "women_members_le_women_workers"} <= _keys(union)
    profile.workers, profile.women_workers = 3, 3
    profile.save()
    assert not {"members_le_workers", "women_members_le_women_workers"} & _keys(union)


@pytest.mark.django_db
def test_a_congress_and_a_disclosure_need_their_institutions(union):
    profile = ProfileFactory(union=union, year=Y, has_congress=False, has_disclosure=False)
    CongressFactory(union=union, date=dt.date(Y, 3, 1))
    DisclosureFactory(union=union, date=dt.date(Y, 4, 1))
    assert {"congress_needs_institution", "disclosure_needs_institution"} <= _keys(union)
    profile.has_congress = profile.has_disclosure = True
    profile.save()
    assert not {"congress_needs_institution", "disclosure_needs_institution"} & _keys(union)


@pytest.mark.django_db
def test_a_contract_covering_more_than_the_workforce_fails(union):
    profile = ProfileFactory(union=union, year=Y, workers=50, women_workers=20)
    CollectiveContractFactory(
        union=union,
        workers_covered=80,
        signed_on=dt.date(Y, 1, 5),
        start_date=dt.date(Y, 1, 5),
        end_date=dt.date(Y + 2, 1, 4),
    )
    assert "contract_workers_le_workers" in _keys(union)
    profile.workers = 80
    profile.save()
    assert "contract_workers_le_workers" not in _keys(union)


@pytest.mark.django_db
def test_each_failing_figure_links_to_its_records(union, clerk_client):
    _members(union, 3, gender="F")
    ProfileFactory(union=union, year=Y, workers=2, women_workers=2)
    review = review_union(union=union, period=_period(union), today=dt.date(Y, 12, 31))
    failure = next(f for f in review.failures if f.finding.check.key == "members_le_workers")
    urls = {figure.key: figure.url for figure in failure.figures}
    assert urls["members"].startswith(f"/u/{union.code}/members/") or "members" in urls["members"]
    page = clerk_client.get(urls["members"])
    assert page.status_code == 200 and len(page.context["rows"]) == 3
    assert clerk_client.get(urls["workers"]).status_code == 200


@pytest.mark.django_db
def test_a_half_years_figures_link_to_the_half_years_rows(union, clerk_client):
    """A check shown for 上半年 opens the half's records, not the whole year's."""
    from decimal import Decimal

    from records.periods import half_of
    from tests.welfare.factories import DisbursementFactory
    from workbook.survey.links import figure_url

    member = MemberFactory(union=union)
    for month in (3, 5, 9):
        DisbursementFactory(
            union=union, member=member, date=dt.date(Y, month, 1), cash_amount=Decimal("100"),
            status="paid", paid_on=dt.date(Y, month, 2),
        )  # fmt: skip
    half = half_of(union, Y, 1)
    url = figure_url("welfare_person_times", union=union, period=half)
    assert f"year={half.code}" in url
    page = clerk_client.get(url)
    assert page.status_code == 200
    assert page.context["page"].paginator.object_list.count() == 2
