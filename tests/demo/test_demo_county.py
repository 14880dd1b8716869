"""The demo's county: at least eight units below it of mixed kinds, some only through their
imported workbooks, each with a year profile; its summary of last year sent to be finalised,
and shown where the `county` account lands. Loaded once per module by the command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from demo.context import DemoContext
from profiles.federation import federation_units
from records.periods import period_for
from reports.document import assemble
from reports.markers import report_marker_problems
from reports.models import FinaliseJob, Report
from unions.models import Union
from workbook.models import ExternalReport

pytestmark = pytest.mark.django_db
YEAR = DemoContext().year


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def county():
    return Union.objects.get(code="demo-county")


def test_the_county_covers_eight_or_more_units_of_mixed_kinds(county):
    units = federation_units(union=county, period=period_for(county, YEAR))
    assert len(units) >= 8
    assert all(u.profile is not None for u in units), [u.name for u in units if u.profile is None]
    assert len({u.profile.unit_kind for u in units}) >= 5
    off = [u for u in units if not u.on_system]
    assert len(off) == ExternalReport.objects.filter(union=county, year=YEAR).count() >= 3
    assert all(u.profile.external_report_id for u in off)  # taken from the imported workbooks


def test_the_county_summary_speaks_of_its_units_and_is_being_finalised(county):
    report = Report.objects.get(union=county, year=YEAR)
    assert FinaliseJob.objects.filter(report=report).exists()
    assert report_marker_problems(report) == []
    doc = assemble(report)
    keys = [s.key for s in doc.sections]
    assert keys[:2] == ["federation", "subtree"]
    text = "".join(b["text"] for s in doc.sections for b in s.blocks)
    assert "本会所属基层工会共9家" in text
    assert "区域性、行业性集体合同1份" in text
    assert "青山县第一中学工会建成县级模范职工之家" in text
    assert "本会共有会员0人" not in text


def test_the_county_account_lands_on_the_roll_up_with_its_summary(county):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="county"))
    page = client.get(reverse("home"), follow=True).content.decode()
    assert "下级工会汇总" in page or "汇总" in page
    assert f"{county.name}{YEAR}年度工作总结" in page
