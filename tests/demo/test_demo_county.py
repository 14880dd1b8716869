"""The demo's county: at least eight units below it of mixed kinds, some only through their
imported workbooks, each with a year profile; its summary of last year finalised by load_demo
itself (no worker needed), and shown where the `county` account lands, ready to open. Loaded
once per module by the command."""

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
from reports.models import FinaliseJob, FinaliseStatus, Report
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


def test_the_county_summary_speaks_of_its_units_and_is_finalised(county):
    report = Report.objects.get(union=county, year=YEAR)
    assert report.is_final and report.pdf.name and report.snapshot
    job = FinaliseJob.objects.get(report=report)  # recorded as a job, done in load_demo
    assert job.status == FinaliseStatus.DONE and job.requested_by.username == "county"
    doc = assemble(report)
    keys = [s.key for s in doc.sections]
    assert keys[:2] == ["federation", "subtree"]
    text = "".join(b["text"] for s in doc.sections for b in s.blocks)
    assert "本会所属基层工会共9家" in text
    assert "区域性、行业性集体合同1份" in text
    assert "青山县第一中学工会建成县级模范职工之家" in text
    assert "本会共有会员0人" not in text
    # The works sections speak for the county's subtree: the factory's records below it.
    innovation = next(s for s in doc.sections if s.key == "innovation")
    assert innovation.blocks[0]["text"].startswith("全县各级工会广泛开展群众性经济技术创新活动")
    captions = [t["caption"] for t in doc.appendix]
    assert "职工技术创新情况（本会及所属工会；未使用本系统的单位导入的年报不含此项，未计入）" in captions


def test_the_county_account_lands_on_the_roll_up_with_its_summary(county):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="county"))
    page = client.get(reverse("home"), follow=True).content.decode()
    assert "下级工会汇总" in page or "汇总" in page
    report = Report.objects.get(union=county, year=YEAR)
    preview = reverse("reports:preview", args=[county.code, report.pk])
    assert f'<a href="{preview}">{county.name}{YEAR}年度工作总结</a>（已定稿' in page
    opened = client.get(preview)
    assert opened.status_code == 200 and "本会所属基层工会共9家" in opened.content.decode()
    pdf = client.get(reverse("reports:pdf", args=[county.code, report.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[
        :5
    ] == (b"%PDF-")
