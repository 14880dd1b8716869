"""Record lists filter by any period a dashboard names, through the one shared filter:
a statistical year, a half, a quarter or the year to a day (records.filters.YearFilter)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from activities.models import Activity
from records.filters import YearFilter
from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_the_filter_takes_period_codes_and_refuses_nonsense(union):
    flt = YearFilter(date_field="start_date")
    for code in ("2024", "2024-H1", "2024-Q3", "2024-11-30", "all", ""):
        assert flt.clean(code, union) == code
    for bad in ("2024-H3", "2024-Q5", "2024-13-01", "H1", "99999"):
        assert flt.clean(bad, union) is None
    assert flt.value_label("2024-Q3", union) == "2024年第三季度"
    assert flt.value_label("2024-11-30", union) == "2024年1月至11月"
    codes = [value for value, _ in flt.options(union)]
    this_year = codes[1]
    assert f"{this_year}-H1" in codes and f"{this_year}-Q4" in codes
    assert f"{int(this_year) - 5}-H1" not in codes  # halves and quarters of recent years only


def test_a_list_opened_for_a_half_year_shows_that_half_only(clerk_client, union):
    for month in (2, 5, 8, 11):
        ActivityFactory(union=union, start_date=dt.date(2024, month, 10))
    url = reverse("activities:activity-list", args=[union.code])
    counts = {}
    for code in ("2024", "2024-H1", "2024-H2", "2024-Q3", "2024-09-30"):
        response = clerk_client.get(url, {"year": code})
        assert response.status_code == 200
        counts[code] = response.context["page"].paginator.count
    assert counts == {"2024": 4, "2024-H1": 2, "2024-H2": 2, "2024-Q3": 1, "2024-09-30": 3}
    page = clerk_client.get(url, {"year": "2024-09-30"}).content.decode()
    assert "2024年1月至9月" in page  # the chosen period named in the select
    assert Activity.objects.filter(union=union).count() == 4
