"""The workbook and the dashboard take the same periods as the report: a half year, a quarter,
the year to a day; bad period parameters are dropped with a notice; a half year's workbook
cannot be added up as a year."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.choices import ActivityCategory
from records.periods import half_of
from tests.activities.factories import ActivityFactory
from workbook.importing import WorkbookImportError, import_external_report
from workbook.jobs import create_job, run_job
from workbook.services import annual_context, write_annual_workbook

from .conftest import read, sheet_values, table

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def activities(union):
    """Four activities in 2025: 3 and 5 in the first half, 7 in Q3, 11 in December."""
    for day, people in [(D(2025, 2, 1), 3), (D(2025, 6, 30), 5), (D(2025, 8, 1), 7), (D(2025, 12, 1), 11)]:
        ActivityFactory(
            union=union,
            category=ActivityCategory.SPORTS_CULTURE,
            participants=people,
            women_participants=0,
            start_date=day,
        )


def _about(book) -> dict[str, object]:
    _, rows = table(book["说明"])
    return {row[0]: row[1] for row in rows}


def _indicators(book) -> dict[str, object]:
    return sheet_values(book["统计指标"])


def _date(value) -> dt.date:  # type: ignore[no-untyped-def]
    return value.date() if isinstance(value, dt.datetime) else dt.date.fromisoformat(str(value)[:10])


@pytest.mark.parametrize(
    "code, start, end, count, people, label",
    [
        ("2025-H1", D(2025, 1, 1), D(2025, 6, 30), 2, 8, "2025年上半年"),
        ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30), 1, 7, "2025年第三季度"),
        ("2025-11-30", D(2025, 1, 1), D(2025, 11, 30), 3, 15, "2025年1月至11月"),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), 4, 26, "2025年度"),
    ],
)
def test_the_workbook_exports_any_period(
    admin_client_, union, activities, code, start, end, count, people, label
):
    response = admin_client_.post(reverse("workbook:export", args=[union.code]), {"period": code})
    assert response.status_code == 200
    assert f"测试机械厂工会{label}统计年报.xlsx" in unquote(response["Content-Disposition"])
    book = read(b"".join(response.streaming_content))
    about = _about(book)
    assert (_date(about["统计期间起"]), _date(about["统计期间止"])) == (start, end)
    values = _indicators(book)
    assert (values["activities"], values["activity_participants"]) == (count, people)


@pytest.mark.parametrize("code", ["2025-H9", "2999", "nonsense"])
def test_an_unknown_or_future_period_exports_nothing(admin_client_, union, code):
    response = admin_client_.post(reverse("workbook:export", args=[union.code]), {"period": code})
    assert response.status_code == 200 and "请选择统计期间" in response.content.decode()
    assert not response.has_header("Content-Disposition")


def test_a_background_job_keeps_its_period(union, activities, admin_user):
    job = create_job(union=union, period=half_of(union, 2025, 1), full_ids=False, user=admin_user)
    assert job.download_name == "测试机械厂工会2025年上半年统计年报.xlsx"
    job = run_job(job.pk)
    assert job.status == "done", job.error
    with job.file.open("rb") as fh:
        book = read(fh.read())
    assert _date(_about(book)["统计期间止"]) == D(2025, 6, 30)
    assert _indicators(book)["activities"] == 2


def test_the_indicator_page_takes_a_period(clerk_client, union, activities):
    url = reverse("workbook:indicators", args=[union.code])
    response = clerk_client.get(url, {"period": "2025-Q3"})
    period = response.context["period"]
    assert (period.kind, period.start, period.end) == ("quarter", D(2025, 7, 1), D(2025, 9, 30))
    assert "2025年第三季度统计指标" in response.content.decode()


def test_the_dashboard_takes_a_period(clerk_client, union, activities):
    url = reverse("unions:home", args=[union.code])
    response = clerk_client.get(url, {"period": "2025-H1"})
    assert response.context["period"].label == "2025年上半年"
    page = response.content.decode()
    assert "2025年上半年工作概况" in page
    stats = {s.label: s.value for g in response.context["groups"] for s in g.stats}
    assert stats["开展活动"] == "2次" and stats["参加职工"] == "8人次"
    assert "上半年结余" in stats
    to_date = clerk_client.get(url, {"period": "2025-08-31"}).context
    assert {s.label: s.value for g in to_date["groups"] for s in g.stats}["开展活动"] == "3次"
    # A bare year still works (older links).
    assert clerk_client.get(url, {"year": "2025"}).context["period"].label == "2025年度"


@pytest.mark.parametrize("bad", ["2025-H3", "2999", "2999-Q1", "x" * 50, "2025-13-01"])
def test_a_bad_or_future_period_falls_back_to_the_current_year_with_a_notice(clerk_client, union, bad):
    response = clerk_client.get(reverse("unions:home", args=[union.code]), {"period": bad}, follow=True)
    assert response.status_code == 200
    assert response.context["period"].year == dt.date.today().year
    assert response.context["period"].kind == "year"
    assert "参数“period”的值" in response.content.decode()


def test_a_half_years_workbook_is_not_imported_into_a_years_rollup(union, activities, county_user):
    half = io.BytesIO()
    write_annual_workbook(
        context=annual_context(union=union, period=half_of(union, 2025, 1), full_ids=False), target=half
    )
    upload = SimpleUploadedFile("年报.xlsx", half.getvalue())
    with pytest.raises(WorkbookImportError) as caught:
        import_external_report(
            union=union.parent,
            upload=upload.file,
            original_name="年报.xlsx",
            user=county_user,
            source_name="",
            accept_unverified=True,
        )
    assert "2025-01-01至2025-06-30，不是完整的统计年度" in " ".join(caught.value.messages)
