"""A higher-level union's summary speaks of the units below it: how many, new, by kind, their
members and workers, 入会率 and the 建制率 of 职代会 and 厂务公开, each traced to its units."""

from __future__ import annotations

import datetime as dt

import pytest

from records.periods import half_of
from reports.document import assemble
from reports.services import report_start
from tests.factories import MemberFactory
from tests.profiles.factories import ProfileFactory, UnitProfileFactory

pytestmark = pytest.mark.django_db
LATER = dt.date(2026, 2, 1)


@pytest.fixture
def covered(county, union, other_union):
    for gender in "FFFMM":
        MemberFactory(union=union, gender=gender, joined_on=dt.date(2020, 1, 1))
    for _ in range(4):
        MemberFactory(union=other_union, gender="M", joined_on=dt.date(2020, 1, 1))
    ProfileFactory(
        union=union,
        unit_kind="private",
        workers=10,
        women_workers=4,
        has_congress=True,
        has_disclosure=True,
        founded_on=dt.date(2025, 3, 1),
    )
    ProfileFactory(union=other_union, unit_kind="state", workers=8, women_workers=0, has_congress=True)
    UnitProfileFactory(
        union=county,
        unit_name="某建材公司工会",
        unit_kind="collective",
        workers=6,
        women_workers=2,
        members=6,
        women_members=2,
        joint_units=12,
    )


def _section(union, **start):
    doc = assemble(report_start(union=union, actor=None, **start), today=LATER)
    return doc, next((s for s in doc.sections if s.key == "federation"), None)


def test_the_county_summary_states_its_units_figures(county, covered):
    doc, section = _section(county, year=2025)
    text = "".join(b["text"] for b in section.blocks)
    assert doc.sections[0].key == "federation" and section.heading == "加强基层工会组织建设"
    assert (
        "截至年底，本会所属基层工会共3家，其中本年度新建1家，按单位类型分，有私营企业1家、国有企业1家、集体企业1家，"
        "联合基层工会覆盖单位12家。"
    ) in text
    assert "基层工会共有会员15人，其中女会员5人，所在单位职工24人，职工入会率62.5%。" in text
    assert "建立职代会制度的单位2家，建制率66.7%，实行厂务公开制度的单位1家，建制率33.3%。" in text
    table = next(t for t in doc.appendix if t["caption"] == "所属基层工会基本情况")
    assert table["rows"] == [
        ["测试机械厂工会", "私营企业", "10", "5", "50.0%", "是", "是", "系统内"],
        ["另一家工会", "国有企业", "8", "4", "50.0%", "是", "否", "系统内"],
        ["某建材公司工会", "集体企业", "6", "6", "100.0%", "否", "否", "上级工会代填"],
    ]
    assert sum(int(row[3]) for row in table["rows"]) == 15  # the total is the sum of its units


def test_members_are_compared_over_the_same_units_only(county, covered, union):
    MemberFactory(union=union, joined_on=dt.date(2025, 5, 1))  # 16 members in 2025
    report = report_start(union=county, year=2025, actor=None)

    def text() -> str:
        section = next(s for s in assemble(report, today=LATER).sections if s.key == "federation")
        return "".join(b["text"] for b in section.blocks)

    assert "同比" not in text()  # the 2024 year lacks the off-system unit
    UnitProfileFactory(union=county, year=2024, unit_name="某建材公司工会", members=6, women_members=2)
    # 2024: 5 + 4 on the system and 6 off it = 15; 2025: 16.
    assert "基层工会共有会员16人，比上年增加1人，增长6.7%" in text()


def test_rates_say_what_they_are_over_when_a_unit_has_no_profile(county, union, other_union):
    MemberFactory(union=union, joined_on=dt.date(2020, 1, 1))
    ProfileFactory(union=union, workers=4, women_workers=0, has_congress=True)
    _, section = _section(county, year=2025)
    text = "".join(b["text"] for b in section.blocks)
    assert "本会所属基层工会共2家" in text
    assert "职工入会率25.0%（按已填报基本情况的1家统计）" in text
    assert "建制率100.0%（按已填报基本情况的1家统计）" in text


def test_a_half_year_county_summary_counts_the_half(county, covered):
    _, section = _section(county, period=half_of(county, 2025, 1))
    text = "".join(b["text"] for b in section.blocks)
    assert "截至6月底，本会所属基层工会共3家，其中上半年新建1家" in text


def test_a_grassroots_union_has_no_such_section(union, covered):
    _, section = _section(union, year=2025)
    assert section is None
