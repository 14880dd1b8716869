"""Pages with lists run a constant number of queries whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import ExportJobFactory, ExternalReportFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_export_page_lists_jobs_in_constant_queries(admin_client_, union, admin_user):
    url = reverse("workbook:export", args=[union.code])
    ExportJobFactory(union=union, requested_by=admin_user)
    few = _queries(admin_client_, url)
    for _ in range(6):
        ExportJobFactory(union=union)
    assert _queries(admin_client_, url) == few


def test_the_rollup_page_lists_external_reports_in_constant_queries(county_client, county):
    url = reverse("workbook:rollup", args=[county.code]) + "?year=2025"
    ExternalReportFactory(union=county)
    few = _queries(county_client, url)
    for _ in range(5):
        ExternalReportFactory(union=county)
    assert _queries(county_client, url) == few
