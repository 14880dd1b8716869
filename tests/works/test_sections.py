"""The summary's sentences for the works records, built here and read back whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from records.periods import half_of, period_for
from reports.sections import BY_KEY, SectionContext
from tests.factories import MemberFactory

from .factories import (
    DuesCollectionFactory,
    InnovationFactory,
    ModelWorkerCareFactory,
    PublicityFactory,
    SafetyInspectionFactory,
    WorkersHomeFactory,
)

pytestmark = pytest.mark.django_db
Y = 2025


def _text(union, key: str, period=None) -> list[str]:
    ctx = SectionContext(union, period or period_for(union, Y))
    section = BY_KEY[key]
    figures = section.figures(ctx)
    if not section.has_records(figures):
        return []
    return [b.text for b in section.rendered(ctx, figures)]


@pytest.mark.parametrize(
    "key", ["publicity", "workers_home", "model_workers", "dues", "safety", "innovation"]
)
def test_no_records_no_section(union, key):
    assert _text(union, key) == []


@pytest.mark.parametrize(
    "key", ["publicity", "workers_home", "model_workers", "dues", "safety", "innovation"]
)
def test_voided_and_other_years_records_say_nothing(union, other_union, key):
    makers = {
        "publicity": PublicityFactory,
        "workers_home": WorkersHomeFactory,
        "model_workers": ModelWorkerCareFactory,
        "dues": DuesCollectionFactory,
        "safety": SafetyInspectionFactory,
        "innovation": InnovationFactory,
    }
    field = "built_on" if key == "workers_home" else "date"
    makers[key](union=union, **{field: dt.date(Y, 5, 1)}).void("录错")
    makers[key](union=other_union, **{field: dt.date(Y, 5, 1)})
    if key == "workers_home":  # a home built later does not stand yet (one built earlier does)
        WorkersHomeFactory(union=union, built_on=dt.date(Y + 1, 2, 1))
    else:
        makers[key](union=union, **{field: dt.date(Y - 2, 5, 1)})
    assert _text(union, key) == []


def test_publicity(union):
    PublicityFactory(union=union, date=dt.date(Y, 3, 6), title="学习新《工会法》", participants=120)
    PublicityFactory(union=union, date=dt.date(Y, 6, 6), title="学习党的二十大精神", participants=200)
    PublicityFactory(union=union, date=dt.date(Y - 1, 6, 6), participants=50)
    for level, adopted in (("national", 1), ("provincial", 2), ("city", 30), ("county", 34)):
        PublicityFactory(
            union=union, date=dt.date(Y, 5, 1), kind="info", participants=0,
            title="工运信息", outlet_level=level, submitted=adopted + 10, adopted=adopted,
        )  # fmt: skip
    PublicityFactory(
        union=union, date=dt.date(Y, 5, 1), kind="article", participants=0,
        title="调研文章", outlet_level="provincial", submitted=5, adopted=1,
    )  # fmt: skip
    assert _text(union, "publicity") == [
        "坚持用科学理论武装头脑，全年组织职工政治理论学习2次，比上年增加1次，增长100.0%，"
        "参加学习320人次，学习了党的二十大精神、新《工会法》。",
        "报送宣传稿件和调研文章5篇，被省级采用1篇。",
        "报送工会信息107条，被采用67条，其中全国级采用1条、省级采用2条、市级采用30条、县级采用34条。",
    ]


def test_publicity_without_adoption_says_only_what_was_sent(union):
    PublicityFactory(union=union, date=dt.date(Y, 5, 1), kind="article", participants=0, submitted=3)
    assert _text(union, "publicity") == ["报送宣传稿件和调研文章3篇。"]


def test_workers_homes(union):
    WorkersHomeFactory(union=union, name="老厂区职工之家", built_on=dt.date(2018, 5, 1),
                       level="county", recognised_on=dt.date(2020, 1, 1))  # fmt: skip
    WorkersHomeFactory(union=union, name="机修车间职工之家", built_on=dt.date(Y, 3, 1),
                       level="provincial", recognised_on=dt.date(Y, 11, 1))  # fmt: skip
    WorkersHomeFactory(union=union, name="职工书屋", kind="library", built_on=dt.date(Y, 4, 1), books=2600)
    assert _text(union, "workers_home") == [
        "坚持建家为职工，本年度新建职工之家1个、职工书屋1个，截至年底共建成职工之家2个、职工书屋1个，藏书2600册。",
        "建家工作得到上级肯定，机修车间职工之家被评为省级“模范职工之家”。",
        "现有各级模范职工之家2个，其中省级1个、县级1个。",
    ]


def test_homes_standing_from_earlier_years_are_stated_at_the_period_end(union):
    WorkersHomeFactory(union=union, built_on=dt.date(2019, 5, 1))
    assert _text(union, "workers_home") == ["坚持建家为职工，截至年底共建成职工之家1个。"]


def test_model_worker_care(union):
    hero = MemberFactory(union=union, name="戴造成", model_worker_level="national")
    ModelWorkerCareFactory(
        union=union, date=dt.date(Y, 4, 28), kind="allowance", persons=41, amount=Decimal("12180")
    )
    ModelWorkerCareFactory(union=union, date=dt.date(Y, 4, 28), kind="forum", persons=15, amount=Decimal("0"))
    ModelWorkerCareFactory(union=union, date=dt.date(Y, 4, 28), kind="forum", persons=12, amount=Decimal("0"))
    ModelWorkerCareFactory(union=union, date=dt.date(Y, 1, 20), kind="visit", member=hero, persons=1,
                           amount=Decimal("500"))  # fmt: skip
    ModelWorkerCareFactory(union=union, date=dt.date(Y - 1, 4, 28), kind="allowance", persons=40,
                           amount=Decimal("10000"))  # fmt: skip
    assert _text(union, "model_workers") == [
        "积极落实劳模政策，关心劳模工作和生活，为劳模发放津贴41人次，计12180元；"
        "召开劳模座谈会2次，参加劳模27人次；走访慰问劳模戴造成，送去慰问金500元。",
        "全年用于关爱劳模的资金共12680元，比上年增加2680元，增长26.8%。",
    ]


def test_model_worker_names_follow_the_naming_setting(union):
    union.report_naming = "none"
    union.save()
    hero = MemberFactory(union=union, name="戴造成", model_worker_level="national")
    ModelWorkerCareFactory(union=union, date=dt.date(Y, 1, 20), kind="visit", member=hero, persons=1,
                           amount=Decimal("500"))  # fmt: skip
    assert _text(union, "model_workers") == [
        "积极落实劳模政策，关心劳模工作和生活，走访慰问劳模1人次，送去慰问金500元。"
    ]


def test_dues_against_the_target(union):
    DuesCollectionFactory(union=union, date=dt.date(Y, 6, 30), due=Decimal("12000"), paid=Decimal("11800"))
    DuesCollectionFactory(union=union, date=dt.date(Y, 12, 20), due=Decimal("24000"), paid=Decimal("24000"))
    DuesCollectionFactory(
        union=union, date=dt.date(Y - 1, 12, 20), due=Decimal("30000"), paid=Decimal("27000")
    )
    DuesCollectionFactory(union=union, date=dt.date(Y, 12, 20), item="allocation", due=Decimal("410000"),
                          paid=Decimal("420000"))  # fmt: skip
    assert _text(union, "dues") == [
        "认真做好会员会费收缴工作，全年应缴3.6万元，实缴3.58万元，比上年增加8800元，增长32.6%，"
        "完成率99.4%，比上年提高9.4个百分点。",
        "认真做好工会经费（拨缴）收缴工作，全年应缴41万元，实缴42万元，完成率102.4%，超额完成了收缴任务。",
    ]


def test_dues_of_a_half_year_compare_with_the_same_half(union):
    DuesCollectionFactory(union=union, date=dt.date(Y, 3, 31), due=Decimal("6000"), paid=Decimal("6000"))
    DuesCollectionFactory(union=union, date=dt.date(Y, 9, 30), due=Decimal("6000"), paid=Decimal("100"))
    DuesCollectionFactory(union=union, date=dt.date(Y - 1, 3, 31), due=Decimal("5000"), paid=Decimal("5000"))
    assert _text(union, "dues", half_of(union, Y, 1)) == [
        "认真做好会员会费收缴工作，上半年应缴6000元，已全部足额收缴，收缴额比上年增加1000元，增长20.0%。",
    ]


def test_safety_inspections(union):
    SafetyInspectionFactory(union=union, date=dt.date(Y, 6, 12), title="安全生产月大检查",
                            hazards_found=20, hazards_fixed=18, measures=24)  # fmt: skip
    SafetyInspectionFactory(union=union, date=dt.date(Y, 9, 12), title="汛期专项检查",
                            hazards_found=11, hazards_fixed=11, measures=12)  # fmt: skip
    SafetyInspectionFactory(union=union, date=dt.date(Y - 1, 9, 12), hazards_found=40)
    assert _text(union, "safety") == [
        "全年先后参与安全生产月大检查、汛期专项检查，共2次，比上年增加1次，增长100.0%，"
        "逐个逐项排查不安全隐患，查出事故隐患31处，比上年减少9处，下降22.5%，提出整改措施36条，"
        "已整改29处，整改率93.5%。",
    ]


def test_an_inspection_without_hazards(union):
    SafetyInspectionFactory(union=union, date=dt.date(Y, 6, 12), title="节前安全检查",
                            hazards_found=0, hazards_fixed=0, measures=0)  # fmt: skip
    assert _text(union, "safety") == ["全年参与节前安全检查，未发现事故隐患。"]


def test_innovation_results(union):
    InnovationFactory(union=union, date=dt.date(Y, 5, 1), title="转炉煤气回收改造", level="provincial",
                      team="能源车间攻关组", benefit=Decimal("280"))  # fmt: skip
    InnovationFactory(
        union=union, date=dt.date(Y, 6, 1), title="刀具快换装置", level="city", benefit=Decimal("41")
    )
    InnovationFactory(
        union=union, date=dt.date(Y, 7, 1), title="巡检记录表优化", level="internal", benefit=Decimal("0")
    )
    InnovationFactory(union=union, date=dt.date(Y - 1, 7, 1), benefit=Decimal("100"))
    assert _text(union, "innovation") == [
        "广泛开展群众性经济技术创新活动，取得职工技术创新成果3项，比上年增加2项，增长200.0%，"
        "其中省部级1项、市级1项、单位级1项，创造经济效益321万元，比上年增加221万元，增长221.0%。",
        "其中效益较大的有：能源车间攻关组完成的“转炉煤气回收改造”创造效益280万元；“刀具快换装置”创造效益41万元。",
    ]


def test_a_single_innovation(union):
    InnovationFactory(
        union=union, date=dt.date(Y, 5, 1), title="数控改造", level="city", benefit=Decimal("0.5")
    )
    assert _text(union, "innovation") == [
        "广泛开展群众性经济技术创新活动，取得职工技术创新成果1项，创造经济效益5000元。",
        "具体为：“数控改造”创造效益5000元。",
    ]


def test_visits_to_more_model_workers_than_named_end_in_deng(union):
    for name in ("甲劳模", "乙劳模", "丙劳模", "丁劳模"):
        hero = MemberFactory(union=union, name=name, model_worker_level="county")
        ModelWorkerCareFactory(union=union, date=dt.date(Y, 1, 20), kind="visit", member=hero, persons=1,
                               amount=Decimal("0"))  # fmt: skip
    assert _text(union, "model_workers") == [
        "积极落实劳模政策，关心劳模工作和生活，走访慰问劳模甲劳模、乙劳模、丙劳模等4人次。"
    ]


@pytest.mark.parametrize(
    "key", ["publicity", "workers_home", "model_workers", "dues", "safety", "innovation"]
)
def test_no_records_no_blocks(union, key):
    """The document leaves a section out when it renders nothing."""
    ctx = SectionContext(union, period_for(union, Y))
    section = BY_KEY[key]
    assert section.rendered(ctx, section.figures(ctx)) == []
