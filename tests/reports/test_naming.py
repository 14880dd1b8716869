"""Item 1 of issue #10: the summary names what was recorded, and lists end in 等 only when cut."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from activities.choices import ActivityCategory as A
from activities.choices import HonourLevel, RecipientKind
from reports.sections.phrases import name_list, with_noun
from tests.activities.factories import ActivityFactory, HonourFactory
from tests.democracy.factories import CongressFactory, DisclosureFactory, SuggestionFactory
from tests.factories import MemberFactory
from tests.reports.seed_unions import summary_text

pytestmark = pytest.mark.django_db
Y = 2025


def test_a_complete_list_has_no_deng_and_a_cut_one_has():
    assert name_list(["甲", "乙", "丙"]) == "甲、乙、丙"
    assert name_list(["甲", "乙", "丙"], limit=2) == "甲、乙等"
    assert name_list(["甲"], total=3) == "甲等"


def test_never_huodong_deng_huodong():
    assert with_noun("职工爬山活动", "活动") == "职工爬山活动"
    assert with_noun("篮球赛、爬山活动等", "活动") == "篮球赛、爬山活动等"
    assert with_noun("“大干150天”", "劳动竞赛") == "“大干150天”劳动竞赛"


def test_honours_are_named_by_body_and_title_highest_level_first(union):
    person = MemberFactory(union=union, name="王立新")
    HonourFactory(
        union=union,
        title="模范职工之家",
        awarding_body="县总工会",
        level=HonourLevel.COUNTY,
        date=dt.date(Y, 3, 1),
    )
    HonourFactory(
        union=union,
        title="五一劳动奖章",
        awarding_body="省总工会",
        level=HonourLevel.PROVINCIAL,
        date=dt.date(Y, 4, 28),
        recipient_kind=RecipientKind.INDIVIDUAL,
        member=person,
    )
    text = summary_text(union)
    assert (
        "工作成效得到上级肯定：王立新获省总工会授予的“五一劳动奖章”，本会被县总工会评为“模范职工之家”。"
        in text
    )
    assert "荣誉2项" not in text


def test_many_honours_say_how_many_and_name_the_highest(union):
    levels = [HonourLevel.INTERNAL] * 5 + [HonourLevel.NATIONAL]
    for i, level in enumerate(levels):
        HonourFactory(
            union=union, title=f"荣誉{i}", awarding_body="某单位", level=level, date=dt.date(Y, 5, 1 + i)
        )
    text = summary_text(union)
    assert "全年共获得各级荣誉6项，其中省部级以上1项。主要有：本会被某单位评为“荣誉5”" in text
    assert text.count("荣誉") and "等。" in text


def test_activity_results_are_stated(union):
    ActivityFactory(
        union=union,
        category=A.SPORTS_CULTURE,
        title="保运杯乒乓球比赛",
        start_date=dt.date(Y, 5, 1),
        results="全公司第三名",
    )
    ActivityFactory(
        union=union,
        category=A.SKILL_CONTEST,
        title="焊工技能比武",
        start_date=dt.date(Y, 6, 1),
        results="荣获一等奖2名",
    )
    text = summary_text(union)
    assert "在保运杯乒乓球比赛中获全公司第三名。" in text
    assert "在焊工技能比武中荣获一等奖2名。" in text


def test_commendations_count_groups_and_people_and_name_them_when_few(union):
    ActivityFactory(
        union=union,
        category=A.COMMENDATION,
        title="年度表彰大会",
        start_date=dt.date(Y, 2, 1),
        commended_groups=6,
        commended_people=32,
        results="名单另发",
    )
    ActivityFactory(
        union=union,
        category=A.COMMENDATION,
        title="“最美职工”评选",
        start_date=dt.date(Y, 9, 1),
        commended_people=2,
        results="张红、李明",
    )
    text = summary_text(union)
    assert "召开年度表彰大会，表彰先进集体6个、先进个人32名。" in text
    assert "开展“最美职工”评选，表彰先进个人2名（张红、李明）。" in text


def test_adopted_suggestions_are_named_with_their_benefit_biggest_first(union):
    for i, benefit in enumerate(("5000", "386000", "12180", "98000")):
        SuggestionFactory(
            union=union,
            date=dt.date(Y, 3, 1 + i),
            title=f"建议{i}",
            submitter=f"职工{i}",
            adopted=True,
            adopted_on=dt.date(Y, 6, 1),
            benefit=Decimal(benefit),
        )
    text = summary_text(union)
    assert "征集职工合理化建议4条，采纳4条，创造经济效益50.118万元" not in text  # never 3 decimals
    assert "创造经济效益50.12万元" in text
    assert (
        "其中效益较大的有：职工1提出的《建议1》创造效益38.6万元；职工3提出的《建议3》创造效益9.8万元；"
        "职工2提出的《建议2》创造效益12180元。" in text
    )


def test_disclosure_topics_and_channels_come_from_the_records(union):
    DisclosureFactory(union=union, date=dt.date(Y, 3, 1), topic="职工疗养安排", channel="board")
    DisclosureFactory(union=union, date=dt.date(Y, 4, 1), topic="误餐费管理", channel="oa")
    text = summary_text(union)
    assert "通过公开栏、OA平台公开了职工疗养安排、误餐费管理，共2项。" in text
    assert "内网和会议" not in text


def test_many_disclosure_topics_are_cut_with_deng(union):
    for i in range(7):
        DisclosureFactory(union=union, date=dt.date(Y, 1 + i, 1), topic=f"事项{i}")
    text = summary_text(union)
    assert "公开事项7项，主要有事项0、事项1、事项2、事项3、事项4等。" in text


def test_the_items_a_congress_reviewed_are_a_complete_list(union):
    CongressFactory(union=union, date=dt.date(Y, 3, 1), items="工作报告\n集体合同草案")
    text = summary_text(union)
    assert "审议通过了工作报告、集体合同草案。" in text


def test_model_workers_by_level(union):
    MemberFactory(union=union, model_worker_level="national")
    MemberFactory(union=union, model_worker_level="city")
    MemberFactory(union=union, model_worker_level="city")
    ActivityFactory(union=union, category=A.LABOUR_COMPETITION, start_date=dt.date(Y, 5, 1))
    text = summary_text(union)
    assert "现有各级劳动模范3人，其中全国劳模1人、市级劳模2人。" in text


def test_a_cut_list_keeps_the_biggest_events_not_the_earliest(union):
    for i in range(7):
        ActivityFactory(
            union=union,
            category=A.SPORTS_CULTURE,
            title=f"活动{i}赛",
            participants=10 * (i + 1),
            start_date=dt.date(Y, 1 + i, 1),
        )
    text = summary_text(union)
    assert "举办文体活动7次，其中规模较大的有活动6赛、活动5赛、活动4赛、活动3赛、活动2赛等" in text
    assert "活动0赛" not in text


def test_a_complete_list_of_activities_ends_without_deng(union):
    ActivityFactory(
        union=union,
        category=A.SPORTS_CULTURE,
        title="职工爬山活动",
        participants=30,
        start_date=dt.date(Y, 5, 1),
    )
    ActivityFactory(
        union=union, category=A.SPORTS_CULTURE, title="拔河比赛", participants=20, start_date=dt.date(Y, 6, 1)
    )
    text = summary_text(union)
    assert "先后举办职工爬山活动、拔河比赛，共2次" in text
    assert "等活动" not in text and "活动活动" not in text


def test_a_single_event_is_named_without_a_count(union):
    ActivityFactory(
        union=union,
        category=A.LABOUR_COMPETITION,
        title="“大干150天”",
        participants=300,
        start_date=dt.date(Y, 7, 1),
    )
    text = summary_text(union)
    assert "围绕生产经营中心任务，组织开展“大干150天”劳动竞赛，参赛职工300人次" in text


def test_the_words_fit_the_kind_of_unit(union):
    union.kind = "school"
    union.save()
    DisclosureFactory(union=union, date=dt.date(Y, 3, 1), topic="绩效工资方案", channel="board")
    ActivityFactory(
        union=union,
        category=A.LABOUR_COMPETITION,
        title="青年教师",
        participants=40,
        start_date=dt.date(Y, 5, 1),
    )
    text = summary_text(union)
    assert "深化校务公开" in text and "坚持校务公开制度，通过公开栏公开了绩效工资方案，共1项。" in text
    assert "围绕教育教学中心工作，组织开展青年教师教学竞赛，参赛教职工40人次" in text
    assert "厂务公开" not in text
