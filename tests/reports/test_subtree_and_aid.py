"""A federation's summary sums its subtree, traceably; an aid centre's summary counts what it
does for non-members; letters, calls and visits apart. Per kind and per period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from aid.choices import ServiceKind
from democracy.choices import ContractScope
from records.periods import half_of
from reports.document import assemble
from reports.services import report_start
from rights.choices import LegalAidKind, PetitionChannel
from tests.aid.factories import AidServiceFactory
from tests.democracy.factories import CollectiveContractFactory
from tests.factories import MemberFactory
from tests.reports.seed_more import aid_centre, county
from tests.reports.seed_unions import summary_text
from tests.rights.factories import LegalAidFactory, PetitionFactory
from tests.workbook.factories import ExternalReportFactory
from workbook.indicators import INDICATORS, to_text
from workbook.rollup import rollup

pytestmark = pytest.mark.django_db
Y = 2025
LATER = dt.date(2026, 2, 1)


def _text(doc, key: str | None = None) -> str:
    sections = [s for s in doc.sections if key is None or s.key == key]
    return "\n".join(b["text"] for s in sections for b in s.blocks)


def test_the_county_seed_states_its_subtree_and_traces_it():
    seed = county()
    doc = assemble(report_start(union=seed.union, year=Y, actor=None), today=LATER)
    text = _text(doc, "subtree")
    assert "全县各级工会本年度签订（续签）集体合同92份，其中区域性、行业性集体合同4份" in text
    assert "生活救助600人次，20.5万元" in text and "新建档80户" in text
    assert "中大机械有限公司工会被县总工会评为“模范职工之家”" in text
    assert "以上数据汇总本会及所属工会共6个，其中2个为导入的年报" in text
    table = next(t for t in doc.appendix if t["caption"] == "所属工会主要数据汇总")
    body, total = table["rows"][:-1], table["rows"][-1]
    assert len(body) == 6 and total[0] == "合计"
    assert sum(int(row[4]) for row in body) == int(total[4]) == 92 - 6 + 6  # in force: 86 imported + 6
    # The totals are the roll-up page's for the year.
    assert rollup(union=seed.union, year=Y).totals["contracts_signed"] == 92


def test_a_half_year_federation_summary_leaves_whole_year_workbooks_out(county, union):
    ExternalReportFactory(
        union=county,
        values={**{d.key: to_text(d, d.zero) for d in INDICATORS}, "contracts_signed": "40"},
    )
    CollectiveContractFactory(
        union=union, signed_on=dt.date(Y, 3, 1), start_date=dt.date(Y, 3, 1), end_date=dt.date(Y + 2, 2, 28)
    )
    CollectiveContractFactory(
        union=county,
        scope=ContractScope.REGIONAL,
        units_covered=8,
        signed_on=dt.date(Y, 8, 1),
        start_date=dt.date(Y, 8, 1),
        end_date=dt.date(Y + 2, 7, 31),
    )
    MemberFactory(union=union, joined_on=dt.date(2020, 1, 1))
    doc = assemble(report_start(union=county, period=half_of(county, Y, 1), actor=None), today=LATER)
    text = _text(doc, "subtree")
    assert "全县各级工会上半年签订（续签）集体合同1份" in text  # the workbook's 40 are a year's
    assert "区域性" not in text  # signed in August
    assert "未使用本系统的单位按年度报送，未计入本期数据" in text
    whole = _text(assemble(report_start(union=county, year=Y, actor=None), today=LATER), "subtree")
    assert "签订（续签）集体合同42份，其中区域性、行业性集体合同1份" in whole


def test_a_grassroots_union_has_no_subtree_part(union):
    MemberFactory(union=union)
    doc = assemble(report_start(union=union, year=Y, actor=None), today=LATER)
    assert "subtree" not in [s.key for s in doc.sections]


def test_an_aid_centre_leads_with_its_services_and_counts_non_members():
    seed = aid_centre()
    report = report_start(union=seed.union, year=Y, actor=None)
    doc = assemble(report, today=LATER)
    assert [s.key for s in doc.sections][:3] == ["aid", "welfare", "rights"]
    text = _text(doc)
    assert "全年救助困难职工21357人，发放救助金及物品折合人民币1511万元" in text
    assert "接待来访职工952人次、来电1042次，其中集体访5起、184人" in text
    assert "代理职工维权案件2件，涉及农民工208名，为职工追讨工资及补偿116.9万元" in text
    assert "对20名创业职工发放小额借款79万元，带动就业423人" in text
    assert "本会共有会员0人" not in text


def test_aid_to_non_members_is_counted_as_such(union):
    from tests.reports.seed_unions import Book

    b = Book("某企业工会", "nm")
    member = b.member()
    b.given("living", dt.date(Y, 3, 1), "500", member=member)
    b.given("living", dt.date(Y, 4, 1), "300", name="退休职工甲")
    b.given("living", dt.date(Y, 5, 1), "300", name="退休职工甲")
    text = summary_text(b.union)
    assert "救助、慰问非会员2人次、600元" in text  # the total, stated in the opening, is not repeated


def test_letters_calls_and_visits_are_counted_apart(union):
    PetitionFactory(union=union, date=dt.date(Y, 3, 1), channel=PetitionChannel.VISIT, cases=3, persons=7)
    PetitionFactory(union=union, date=dt.date(Y, 3, 2), channel=PetitionChannel.PHONE, cases=12, persons=12)
    PetitionFactory(union=union, date=dt.date(Y, 3, 3), channel=PetitionChannel.LETTER, cases=2, persons=2)
    LegalAidFactory(
        union=union,
        date=dt.date(Y, 5, 1),
        kind=LegalAidKind.REPRESENTATION,
        workers_represented=30,
        migrant_workers=12,
    )
    text = summary_text(union)
    assert "受理来信来访17件次、21人次，其中接待来访职工7人次、来电12次、来信2件" in text
    assert "代理职工维权案件1件，涉及职工30名，其中农民工12名" in text


def test_visits_alone_are_not_broken_down(union):
    PetitionFactory(union=union, date=dt.date(Y, 3, 1), cases=3, persons=7)
    text = summary_text(union)
    assert "受理来信来访3件次、7人次，做到件件有回音" in text


def test_a_half_year_of_services_counts_the_half(union):
    AidServiceFactory(
        union=union, date=dt.date(Y, 3, 1), kind=ServiceKind.TEMPORARY, persons=5, amount=Decimal("2500")
    )
    AidServiceFactory(
        union=union, date=dt.date(Y, 9, 1), kind=ServiceKind.TEMPORARY, persons=7, amount=Decimal("3500")
    )
    doc = assemble(report_start(union=union, period=half_of(union, Y, 1), actor=None), today=LATER)
    assert "日常临时救助5人，救助金额2500元" in _text(doc, "aid")
