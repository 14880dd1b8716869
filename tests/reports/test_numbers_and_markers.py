"""Items 4, 7 and 8 of issue #10: comparisons, numbers as the seeds write them, loud markers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.choices import ActivityCategory as A
from reports.figures import Figure, change_phrase, money_text, rate_text
from reports.markers import report_figures
from reports.services import report_finalise, report_start, report_update, section_save
from tests.activities.factories import ActivityFactory
from tests.factories import MemberFactory
from tests.reports.seed_unions import summary_text
from tests.rights.factories import MediationCaseFactory, PetitionFactory

pytestmark = pytest.mark.django_db
Y = 2025


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("12180", "12180元"),  # 1.22万元 would hide the figure
        ("28800", "2.88万元"),
        ("410000", "41万元"),
        ("93450", "93450元"),
        ("346512.35", "34.65万元"),  # from 10万元 up: 万元, at most two decimals
        ("12345678.9", "1234.57万元"),
        ("500", "500元"),
    ],
)
def test_money_is_exact_unless_large(amount, text):
    assert money_text(Decimal(amount)) == text


def test_one_precision_for_every_rate():
    assert rate_text(37) == "37.0%"
    assert rate_text(Decimal("63.64")) == "63.6%"
    assert Figure("占比", Decimal("50"), "%").text == "50.0%"


def test_comparisons_are_absolute_and_relative():
    assert change_phrase(291, 274, "人") == "比上年增加17人，增长6.2%"
    assert change_phrase(1159, 1396, "户") == "比上年减少237户，下降17.0%"
    assert change_phrase(5, 5, "件") == "与上年持平"
    assert change_phrase(5, None, "件") == ""
    assert change_phrase(Decimal("12180"), Decimal("10000"), "元") == "比上年增加2180元，增长21.8%"


def test_rights_cases_and_petitions_are_compared_with_last_year(union):
    for day in (dt.date(Y - 1, 3, 1), dt.date(Y, 3, 1), dt.date(Y, 5, 1), dt.date(Y, 7, 1)):
        MediationCaseFactory(union=union, received_on=day)
    PetitionFactory(union=union, date=dt.date(Y - 1, 6, 1), cases=4, persons=8)
    PetitionFactory(union=union, date=dt.date(Y, 6, 1), cases=3, persons=5)
    text = summary_text(union)
    assert "受理劳动争议3件，比上年增加2件，增长200.0%" in text
    assert "受理来信来访3件次、5人次，比上年减少1件次，下降25.0%" in text


def test_no_comparison_without_last_years_records(union):
    ActivityFactory(union=union, category=A.SPORTS_CULTURE, participants=50, start_date=dt.date(Y, 5, 1))
    text = summary_text(union)
    assert "比上年。" not in text and "同比" not in text and "比上年" not in text


def test_an_uncounted_activity_never_says_zero_person_times(union):
    ActivityFactory(
        union=union,
        category=A.SPORTS_CULTURE,
        title="迎新春团拜会",
        participants=0,
        cost=Decimal("0"),
        start_date=dt.date(Y, 1, 25),
    )
    text = summary_text(union)
    assert "0人次" not in text
    assert "坚持以职工喜闻乐见的形式丰富业余文化生活，举办迎新春团拜会。" in text


def test_a_figure_is_stated_once(union):
    for _ in range(3):
        MemberFactory(union=union, gender="F")
    ActivityFactory(
        union=union, category=A.WOMEN, title="三八节活动", participants=3, start_date=dt.date(Y, 3, 8)
    )
    text = summary_text(union)
    assert text.count("女会员3人") == 1


@pytest.fixture
def draft(union):
    MemberFactory(union=union)
    ActivityFactory(union=union, category=A.SPORTS_CULTURE, participants=50, start_date=dt.date(Y, 5, 1))
    return report_start(union=union, year=Y, actor=None)


def _save(draft, key, text):
    section = draft.sections.get(key=key)
    return section_save(
        section=section,
        heading=section.heading,
        included=True,
        use_generated=True,
        staff_text=text,
        figures=report_figures(draft),
    )


def test_a_misspelled_marker_is_refused_at_save_with_the_right_one(draft):
    with pytest.raises(ValidationError) as refused:
        _save(draft, "culture", "我会举办文体活动【文体活动次】。")
    message = refused.value.message_dict["staff_text"][0]
    assert message == "标记【文体活动次】不是本总结的数据项，是否应为【文体活动次数】？"


def test_a_comparison_without_last_years_records_is_refused_at_save(draft):
    with pytest.raises(ValidationError) as refused:
        _save(draft, "culture", "参与职工【文体活动人次】，【文体活动人次同比】。")
    assert "标记【文体活动人次同比】没有可比数据：上年没有“文体活动人次”的记录" in refused.value.messages[0]


def test_markers_in_the_opening_are_checked_too(draft):
    with pytest.raises(ValidationError) as refused:
        report_update(report=draft, opening="本会现有会员【会员总计】。")
    assert "是否应为【会员总数】" in refused.value.message_dict["opening"][0]


def test_a_marker_gone_bad_after_saving_shows_in_the_preview_and_blocks_finalising(
    draft, union, leader, leader_client
):
    _save(draft, "culture", "参与职工【文体活动人次】。")
    # A record gone changes the figures: the saved marker now names nothing.
    section = draft.sections.get(key="culture")
    section.staff_text = "参与职工【文体活动人数】。"  # as if typed before a rename
    section.save()
    preview = leader_client.get(reverse("reports:preview", args=[union.code, draft.pk])).content.decode()
    assert "以下数据标记有问题，修改前不能定稿" in preview
    assert "标记【文体活动人数】不是本总结的数据项，是否应为【" in preview
    assert "参与职工【文体活动人数】。" in preview  # printed literally, not silently dropped
    with pytest.raises(ValidationError) as refused:
        report_finalise(report=draft, actor=leader)
    assert "定稿前请先修改数据标记" in refused.value.messages[0]


def test_the_section_page_shows_the_refusal_as_a_form_error(draft, union, clerk_client):
    section = draft.sections.get(key="culture")
    url = reverse("reports:section", args=[union.code, section.pk])
    response = clerk_client.post(
        url,
        {"heading": section.heading, "included": "on", "use_generated": "on", "staff_text": "【文体活动次】"},
    )
    assert response.status_code == 200
    assert "是否应为【文体活动次数】" in response.content.decode()
    section.refresh_from_db()
    assert section.staff_text == ""
