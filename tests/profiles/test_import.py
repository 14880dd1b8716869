"""A federation fills the profile of a unit off the system from its imported workbook, where
the workbook carries the figures."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from profiles.models import UnionYearProfile
from profiles.selectors import profile_rates
from profiles.services import profile_from_external_report
from tests.workbook.factories import ExternalReportFactory
from workbook.indicators import INDICATORS, to_text

pytestmark = pytest.mark.django_db


def _values(**given: int) -> dict[str, str]:
    values = {d.key: to_text(d, d.zero) for d in INDICATORS}
    values.update({k: str(v) for k, v in given.items()})
    return values


def test_members_and_institutions_come_from_the_workbook(county, county_user):
    report = ExternalReportFactory(
        union=county,
        source_code="farm-1",
        source_name="某农场工会",
        values=_values(members=50, members_women=20, congresses=1, disclosures=0),
    )
    profile = profile_from_external_report(report=report, actor=county_user)
    assert (profile.union, profile.unit_code, profile.unit_name, profile.year) == (
        county,
        "farm-1",
        "某农场工会",
        2025,
    )
    assert (profile.members, profile.women_members) == (50, 20)
    assert profile.has_congress and not profile.has_disclosure
    assert (profile.source, profile.external_report) == ("imported", report)
    assert profile_rates(profile).membership_rate is None  # workers are not in the workbook
    assert AuditEntry.objects.filter(action="profiles.profile.imported", union=county).count() == 1


def test_a_second_import_keeps_what_the_federation_entered(county, county_user):
    first = ExternalReportFactory(union=county, source_code="farm-1", values=_values(members=50))
    profile = profile_from_external_report(report=first, actor=county_user)
    UnionYearProfile.objects.filter(pk=profile.pk).update(workers=80, unit_kind="collective")
    second = ExternalReportFactory(
        union=county, source_code="farm-1", values=_values(members=60, disclosures=3)
    )
    again = profile_from_external_report(report=second, actor=county_user)
    assert again.pk == profile.pk
    assert (again.workers, again.unit_kind, again.members, again.has_disclosure) == (
        80,
        "collective",
        60,
        True,
    )
    assert profile_rates(again).membership_rate == 75


def test_a_void_report_or_a_unit_on_the_system_is_refused(county, union, county_user):
    void = ExternalReportFactory(union=county)
    void.void("重复导入")
    with pytest.raises(ValidationError):
        profile_from_external_report(report=void, actor=county_user)
    on_system = ExternalReportFactory(union=county, source_code=union.code)
    with pytest.raises(ValidationError):
        profile_from_external_report(report=on_system, actor=county_user)
    assert not UnionYearProfile.objects.exists()


def test_the_page_offers_the_import_and_takes_it(county_client, county):
    report = ExternalReportFactory(union=county, source_name="某农场工会", values=_values(members=7))
    page = county_client.get(reverse("profiles:list", args=[county.code]), {"year": "2025"}).content.decode()
    assert "从导入的年报填写“某农场工会”" in page
    response = county_client.post(reverse("profiles:from-import", args=[county.code, report.pk]))
    profile = UnionYearProfile.objects.get()
    assert response["Location"] == reverse("profiles:unit-edit", args=[county.code, profile.pk])
    assert profile.members == 7
