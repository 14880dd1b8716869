"""A federation's works sections (宣传教育, 职工之家/书屋, 劳模关爱, 经费收缴, 安全检查, 创新成果)
sum its subtree on the system, name the unit that stands out, and list each union beside the
totals it sums; a half year counts the half only; a grassroots union still counts its own."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from records.periods import half_of
from reports.document import assemble
from reports.services import report_start
from tests.factories import UnionFactory
from tests.workbook.factories import ExternalReportFactory
from tests.works.factories import (
    DuesCollectionFactory,
    InnovationFactory,
    ModelWorkerCareFactory,
    PublicityFactory,
    SafetyInspectionFactory,
    WorkersHomeFactory,
)
from works.breakdown import works_by_union
from works.choices import CareKind, DuesItem, HomeKind, HomeLevel, OutletLevel, PublicityKind
from works.selectors import innovation_summary, safety_summary

pytestmark = pytest.mark.django_db
Y = 2025
LATER = dt.date(2026, 2, 1)
ARTICLE = {"kind": PublicityKind.ARTICLE, "outlet_level": OutletLevel.CITY}


def d(month: int, day: int = 10) -> dt.date:
    return dt.date(Y, month, day)


@pytest.fixture
def works(county, union, other_union):
    """The county and its two unions, each with works records; noise around them."""
    void = {"voided_at": timezone.now(), "void_reason": "录错"}
    PublicityFactory(union=county, date=d(3), title="学习党的二十大精神", participants=86)
    PublicityFactory(union=union, date=d(4), **ARTICLE, title="稿件", submitted=5, adopted=2)
    PublicityFactory(union=other_union, date=d(8), **ARTICLE, title="稿件", submitted=3, adopted=1)
    WorkersHomeFactory(
        union=union,
        name="机修车间职工之家",
        built_on=d(4),
        level=HomeLevel.COUNTY,
        recognised_on=d(5),
        books=800,
    )
    WorkersHomeFactory(union=other_union, name="职工书屋", kind=HomeKind.LIBRARY, built_on=d(2), books=1200)
    ModelWorkerCareFactory(union=union, date=d(4, 28), persons=5, amount=Decimal("1500"))
    ModelWorkerCareFactory(union=other_union, date=d(9), kind=CareKind.HEALTH_CHECK, persons=3, amount=900)
    DuesCollectionFactory(union=county, date=d(6, 30), item=DuesItem.ALLOCATION, due=100000, paid=95000)
    DuesCollectionFactory(union=union, date=d(6, 30), due=12000, paid=12000)
    DuesCollectionFactory(union=other_union, date=d(12, 20), due=8000, paid=6000)
    SafetyInspectionFactory(
        union=county, date=d(6, 12), title="安全生产月大检查", hazards_found=2, hazards_fixed=2
    )
    SafetyInspectionFactory(
        union=union, date=d(6, 20), title="车间专项检查", hazards_found=6, hazards_fixed=5
    )
    SafetyInspectionFactory(union=other_union, date=d(8), title="消防检查", hazards_found=4, hazards_fixed=3)
    InnovationFactory(union=union, date=d(3), title="刀具快换装置", team="", benefit=Decimal("12.5"))
    InnovationFactory(union=union, date=d(9), title="焊接工装改进", team="", benefit=Decimal("3"))
    InnovationFactory(union=other_union, date=d(5), title="节能照明改造", team="", benefit=Decimal("5"))
    # Not counted: voided, another year, a union outside the county.
    InnovationFactory(union=other_union, date=d(6), title="作废成果", **void)
    InnovationFactory(union=union, date=dt.date(Y - 1, 6, 1), title="上年成果", benefit=Decimal("1"))
    elsewhere = UnionFactory(name="邻县机械厂工会", code="elsewhere")
    InnovationFactory(union=elsewhere, date=d(6), title="邻县成果", benefit=Decimal("99"))
    SafetyInspectionFactory(union=elsewhere, date=d(6), hazards_found=50, hazards_fixed=0)
    return county


def _doc(union, period=None):
    kwargs = {"period": period} if period else {"year": Y}
    return assemble(report_start(union=union, actor=None, **kwargs), today=LATER)


def _text(doc, key: str) -> str:
    return "\n".join(b["text"] for s in doc.sections if s.key == key for b in s.blocks)


def _table(doc, caption: str) -> dict:
    return next(t for t in doc.appendix if t["caption"].startswith(caption))


WORKS = ("publicity", "workers_home", "model_workers", "dues", "safety", "innovation")


def test_the_county_states_its_subtree_works_and_names_the_standouts(works):
    doc = _doc(works)
    text = {key: _text(doc, key) for key in WORKS}
    assert "全县各级工会全年组织职工政治理论学习1次，参加学习86人次" in text["publicity"]
    assert (
        "报送宣传稿件和调研文章8篇，被市级采用3篇，其中测试机械厂工会稿件被采用最多，共2篇。"
        in text["publicity"]
    )
    assert (
        "全县各级工会本年度新建职工之家1个、职工书屋1个，截至年底全县共建成职工之家1个、职工书屋1个"
        in (text["workers_home"])
    )
    assert "藏书2000册" in text["workers_home"]
    assert "测试机械厂工会机修车间职工之家被评为县级“模范职工之家”" in text["workers_home"]
    assert "为劳模发放津贴5人次，计1500元；组织劳模体检3人次，费用900元" in text["model_workers"]
    assert "全年用于关爱劳模的资金共2400元" in text["model_workers"]
    dues = text["dues"]
    assert "会员会费收缴工作，全年应缴2万元，实缴1.8万元，完成率90.0%" in dues
    assert "其中测试机械厂工会会费完成率最高，为100.0%" in dues
    assert "工会经费（拨缴）收缴工作，全年应缴10万元，实缴9.5万元，完成率95.0%。" in dues  # the county's own
    assert dues.count("全县各级工会") == 1  # the subject once, in the first sentence
    safety = text["safety"]
    assert "先后参与安全生产月大检查、车间专项检查、消防检查，共3次" in safety
    assert "查出事故隐患12处" in safety and "已整改10处，整改率83.3%" in safety  # 邻县's 50 not counted
    assert "其中测试机械厂工会整改隐患最多，为5处" in safety
    innovation = text["innovation"]
    assert "全县各级工会广泛开展群众性经济技术创新活动，取得职工技术创新成果3项" in innovation
    assert "创造经济效益20.5万元" in innovation  # neither the voided one nor 邻县's
    assert "其中测试机械厂工会取得创新成果最多，达2项" in innovation
    assert (
        "测试机械厂工会的“刀具快换装置”创造效益12.5万元；另一家工会的“节能照明改造”创造效益5万元"
        in innovation
    )


def test_each_works_figure_is_traced_to_the_unions_it_sums(works, union, other_union):
    doc = _doc(works)
    figures = doc.figures
    traced = {
        "职工技术创新情况": [("创新成果", "innovation", "创新成果"), ("创新效益（万元）", None, "20.5")],
        "安全生产监督检查情况": [("发现隐患", "safety", "发现隐患"), ("已整改隐患", "safety", "已整改隐患")],
        "经费收缴情况": [("会费应缴", "dues", "会费应缴"), ("会费实缴", "dues", "会费实缴")],
        "关心关爱劳模情况": [("关爱劳模金额", "model_workers", "关爱劳模金额")],
        "宣传教育情况": [("报送稿件", "publicity", "报送稿件"), ("采用稿件", "publicity", "采用稿件")],
        "职工之家（书屋）建设情况": [("新建职工之家", "workers_home", "新建职工之家")],
    }
    for caption, columns in traced.items():
        table = _table(doc, caption)
        assert table["caption"] == f"{caption}（本会及所属工会）"
        body, totals = table["rows"][:-1], table["rows"][-1]
        assert totals[0] == "合计"
        assert {row[0] for row in body} <= {works.name, union.name, other_union.name}
        for heading, key, label in columns:
            column = next(i for i, h in enumerate(table["header"]) if h.startswith(heading))
            assert sum(Decimal(row[column]) for row in body) == Decimal(totals[column]), (caption, heading)
            expected = Decimal(figures[key][label]["value"]) if key else Decimal(label)
            assert Decimal(totals[column]) == expected, (caption, heading, totals, expected)
    rows = {r.name: r for r in works_by_union(union=works, period=doc_period(works))}
    assert rows[union.name]["innovations"] == 2 and rows[other_union.name]["innovations"] == 1
    assert works.name not in {r[0] for r in _table(doc, "职工技术创新情况")["rows"]}  # no records of its own


def doc_period(union):
    from records.periods import period_for

    return period_for(union, Y)


def test_the_selectors_sum_the_subtree_only_when_asked(works, union):
    period = doc_period(works)
    assert innovation_summary(union=works, period=period).count == 0  # the county's own
    assert innovation_summary(union=works, period=period, subtree=True).count == 3
    assert safety_summary(union=works, period=period, subtree=True).hazards_found == 12
    assert innovation_summary(union=union, period=period, subtree=True).count == 2  # nothing below it


def test_a_half_year_county_report_counts_the_half(works):
    doc = _doc(works, half_of(works, Y, 1))
    text = {key: _text(doc, key) for key in WORKS}
    assert "全县各级工会上半年组织职工政治理论学习1次" in text["publicity"]
    assert "报送宣传稿件和调研文章5篇，被市级采用2篇。" in text["publicity"]  # August's 3 are not the half's
    assert "其中" not in text["publicity"]  # one union only: no one stands out
    assert "截至6月底全县共建成职工之家1个、职工书屋1个" in text["workers_home"]
    assert "组织劳模体检" not in text["model_workers"]  # September
    assert "会员会费收缴工作，上半年应缴1.2万元，已全部足额收缴" in text["dues"]
    assert "共2次" in text["safety"] and "查出事故隐患8处" in text["safety"]
    innovation = text["innovation"]
    assert "取得职工技术创新成果2项，比上年同期增加1项" in innovation
    assert "创造经济效益17.5万元" in innovation
    assert "最多" not in innovation  # one each: a tie names no one
    table = _table(doc, "职工技术创新情况")
    assert table["rows"][-1] == ["合计", "2", "17.5"]


def test_units_off_the_system_are_said_to_be_left_out(works):
    ExternalReportFactory(union=works, year=Y)
    doc = _doc(works)
    caption = _table(doc, "安全生产监督检查情况")["caption"]
    assert caption == "安全生产监督检查情况（本会及所属工会；未使用本系统的单位导入的年报不含此项，未计入）"


def test_a_grassroots_union_still_counts_its_own(works, union):
    doc = _doc(union)
    innovation = _text(doc, "innovation")
    assert innovation.startswith("广泛开展群众性经济技术创新活动，取得职工技术创新成果2项")
    assert "全县" not in innovation and "另一家工会" not in innovation
    assert not [t for t in doc.appendix if t["caption"].startswith("职工技术创新情况")]
