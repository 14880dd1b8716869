"""A report covers a period: a half year has the half-year shape, a draft made before the
period ends says how far its figures go, and comparisons use the same period a year before."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from activities.choices import ActivityCategory
from records.periods import half_of, period_for
from reports.document import assemble
from reports.models import Report
from reports.services import render_html, report_start, section_save
from tests.activities.factories import ActivityFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = dt.date
AFTER_2025 = D(2026, 1, 5)


@pytest.fixture
def records(union):
    """Ten members of long standing, two who joined in March 2025 and one in December 2025;
    culture activities in 2024 and 2025 on both sides of 30 June and 30 November."""
    for _ in range(10):
        MemberFactory(union=union, joined_on=D(2015, 1, 1))
    for _ in range(2):
        MemberFactory(union=union, joined_on=D(2025, 3, 1))
    MemberFactory(union=union, joined_on=D(2025, 12, 10))
    culture = ActivityCategory.SPORTS_CULTURE
    for day, people in [
        (D(2025, 3, 10), 100),
        (D(2025, 5, 10), 50),
        (D(2025, 9, 10), 30),
        (D(2025, 12, 5), 40),
        (D(2024, 4, 1), 60),
        (D(2024, 12, 10), 70),
    ]:
        ActivityFactory(
            union=union, category=culture, participants=people, women_participants=0, start_date=day
        )


def text_of(report: Report, today: dt.date) -> str:
    html = render_html(assemble(report, today=today))
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def test_a_half_year_report_has_the_half_year_shape(union, records):
    report = report_start(union=union, period=half_of(union, 2025, 1), actor=None)
    assert (report.year, report.period_kind, report.period_part) == (2025, "half", 1)
    assert (report.period_start, report.period_end) == (D(2025, 1, 1), D(2025, 6, 30))
    assert report.title == "测试机械厂工会2025年上半年工作总结"
    plans = report.sections.get(key="plans")
    assert plans.heading == "下半年工作安排"
    section_save(
        section=plans,
        heading=plans.heading,
        included=True,
        use_generated=True,
        staff_text="继续开展职工篮球赛。",
        figures={},
    )
    doc = assemble(report, today=AFTER_2025)
    assert doc.sections[-1].heading == "下半年工作安排"
    text = text_of(report, AFTER_2025)
    assert "2025年上半年，测试机械厂工会" in text
    assert "现将上半年工作情况和下半年工作安排总结如下" in text
    assert "截至6月底，本会共有会员12人" in text
    assert "上半年，本会新发展会员2人" in text  # the headline, in the half year's words
    # 150 person-times against 60 in the first half of 2024.
    assert "共2次，参与职工150人次，比上年同期增加90人次，增长150.0%" in text
    assert "比上年增加" not in text  # a half year compares with the same half a year before
    assert "全年" not in text and "截至年底" not in text


def test_the_second_half_closes_with_next_years_plans(union, records):
    report = report_start(union=union, period=half_of(union, 2025, 2), actor=None)
    assert report.title == "测试机械厂工会2025年下半年工作总结"
    assert report.sections.get(key="plans").heading == "下一年工作打算"
    text = text_of(report, AFTER_2025)
    # 70 person-times against 70 in the second half of 2024.
    assert "共2次，参与职工70人次，与上年同期持平" in text


def test_a_year_draft_made_on_1_december_speaks_of_the_months_to_november(union, records):
    report = report_start(union=union, year=2025, actor=None)
    text = text_of(report, D(2025, 12, 1))
    assert "截至11月底，本会共有会员12人" in text
    assert "共3次，参与职工180人次" in text
    assert "增加120人次，增长200.0%" in text  # against January to November 2024: 60
    assert "全年" not in text and "截至年底" not in text


def test_the_same_draft_after_the_year_speaks_of_the_whole_year(union, records):
    report = report_start(union=union, year=2025, actor=None)
    text = text_of(report, AFTER_2025)
    assert "截至年底，本会共有会员13人" in text
    assert "全年，本会新发展会员3人" in text
    assert "共4次，参与职工220人次" in text
    assert "增加90人次，增长69.2%" in text  # 220 against 130


def test_the_editor_says_a_draft_counts_to_the_end_of_last_month(union, records, clerk_client):
    this_year = period_for(union, dt.date.today().year)
    report = report_start(union=union, period=this_year, actor=None)
    page = clerk_client.get(reverse("reports:edit", args=[union.code, report.pk])).content.decode()
    if dt.date.today() <= this_year.end and dt.date.today().month > 1:
        assert "本期尚未结束" in page and this_year.counted_until(dt.date.today()).as_of in page
    else:
        assert "本期尚未结束" not in page


def test_staff_start_a_report_for_a_half_year_a_day_or_a_year(union, clerk_client):
    url = reverse("reports:start", args=[union.code])
    clerk_client.post(url, {"period": "2025-H1"})
    clerk_client.post(url, {"as_of": "2025-11-30"})
    clerk_client.post(url, {"year": "2024"})
    made = {(r.period_kind, r.period_start, r.period_end) for r in Report.objects.filter(union=union)}
    assert made == {
        ("half", D(2025, 1, 1), D(2025, 6, 30)),
        ("to_date", D(2025, 1, 1), D(2025, 11, 30)),
        ("year", D(2024, 1, 1), D(2024, 12, 31)),
    }
    titles = set(Report.objects.values_list("title", flat=True))
    assert "测试机械厂工会2025年1月至11月工作总结" in titles


def test_a_second_draft_of_the_same_period_is_refused_but_another_period_is_not(union, clerk_client):
    url = reverse("reports:start", args=[union.code])
    clerk_client.post(url, {"period": "2025-H1"})
    response = clerk_client.post(url, {"period": "2025-H1"}, follow=True)
    assert "2025年上半年已有一份草稿" in response.content.decode()
    clerk_client.post(url, {"period": "2025"})
    assert Report.objects.filter(union=union).count() == 2


@pytest.mark.parametrize("bad", [{"period": "2025-H3"}, {"period": "x"}, {}, {"as_of": "2025-02-30"}])
def test_a_period_that_does_not_exist_starts_nothing(union, clerk_client, bad):
    response = clerk_client.post(reverse("reports:start", args=[union.code]), bad, follow=True)
    assert response.status_code == 200
    assert not Report.objects.exists()
    assert "期间" in response.content.decode() or "日期" in response.content.decode()


def test_a_redraft_keeps_the_period_of_the_final(union, records, leader):
    first = report_start(union=union, period=half_of(union, 2025, 1), actor=None)
    first.status = "final"
    first.save()
    again = report_start(union=union, actor=leader, based_on=first)
    assert (again.period_kind, again.period_part, again.period_end) == ("half", 1, D(2025, 6, 30))
