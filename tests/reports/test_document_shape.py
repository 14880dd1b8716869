"""Issue #10 item 6, the document's shape: the opening's headline figures, a default closing,
staff's own sections, staff text before / between / after the generated paragraphs, single
paragraphs switched off (persisted, frozen by 定稿, the same in .docx), and each figure stated
once through the document's registry."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import pytest
from django.urls import reverse

from activities.choices import ActivityCategory as A
from audit.models import AuditEntry
from reports.arrangement import BEFORE, slots
from reports.document import assemble, report_context
from reports.figures import Figure
from reports.models import ReportSection
from reports.sections import BY_KEY
from reports.services import report_finalise, report_start, section_add, section_move, section_save
from reports.stating import Stated
from reports.word import render_docx
from tests.activities.factories import ActivityFactory
from tests.factories import MemberFactory
from tests.reports.seed_unions import summary_text
from tests.welfare.factories import DisbursementFactory
from welfare.choices import DisbursementKind, DisbursementStatus

pytestmark = pytest.mark.django_db
Y = 2025


def _culture(union) -> None:
    for title, people, day in (("春季篮球赛", 80, 3), ("演讲比赛", 40, 5), ("拔河比赛", 120, 9)):
        ActivityFactory(
            union=union,
            category=A.SPORTS_CULTURE,
            title=title,
            participants=people,
            start_date=dt.date(Y, day, 1),
        )


def _members(union) -> None:
    for i in range(5):
        MemberFactory(
            union=union, gender="F" if i < 2 else "M", joined_on=dt.date(Y if i < 2 else 2015, 3, 1)
        )


def _save(rs: ReportSection, **fields):  # type: ignore[no-untyped-def]
    data = {
        "heading": rs.heading,
        "included": True,
        "use_generated": True,
        "staff_text": rs.staff_text,
        "figures": {},
        **fields,
    }
    return section_save(section=rs, **data)


def _texts(report, key: str) -> list[str]:  # type: ignore[no-untyped-def]
    section = next(s for s in assemble(report).sections if s.key == key)
    return [b["text"] for b in section.blocks]


# The registry: a figure is stated once.


def test_a_clause_stated_earlier_is_left_out_with_the_clauses_that_hang_on_it():
    figures = {
        "女会员": Figure("女会员", 108, "人"),
        "女会员占比": Figure("女会员占比", Decimal("37.0"), "%"),
        "女职工活动次数": Figure("女职工活动次数", 4, "次"),
    }
    stated = Stated(figures)
    assert (
        stated.generated("本会共有女会员【女会员】，占【女会员占比】。") == "本会共有女会员108人，占37.0%。"
    )
    assert (
        stated.generated(
            "本会现有女会员【女会员】，占会员总数的【女会员占比】，开展女职工活动【女职工活动次数】。"
        )
        == "开展女职工活动4次。"
    )


def test_a_stated_clause_stays_when_a_new_figure_hangs_on_it():
    figures = {"会员总数": Figure("会员总数", 290, "人"), "女会员": Figure("女会员", 108, "人")}
    stated = Stated(figures)
    stated.note("【会员总数】")
    assert (
        stated.generated("本会共有会员【会员总数】，其中女会员【女会员】。")
        == "本会共有会员290人，其中女会员108人。"
    )


def test_a_sentence_left_without_any_figure_goes_and_staff_text_counts_as_stated():
    figures = {"经审次数": Figure("经审次数", 2, "次")}
    stated = Stated(figures)
    assert stated.staff("经审委员会审查【经审次数】。") == "经审委员会审查2次。"  # staff text is never cut
    assert stated.generated("工会经费审查委员会开展审查【经审次数】，确保经费使用规范。") == ""


def test_women_members_are_stated_once_in_the_document(union):
    _members(union)
    ActivityFactory(
        union=union, category=A.WOMEN, title="三八节活动", participants=30, start_date=dt.date(Y, 3, 8)
    )
    text = summary_text(union)
    assert text.count("女会员2人") == 1
    assert "其中女会员2人，占40.0%" in text  # in 组织建设, first
    assert "开展三八节活动" in text  # 女职工工作 goes straight to its own work


# The opening and the closing.


def test_the_opening_states_the_years_headline_figures_and_the_welfare_section_does_not_repeat_them(union):
    _members(union)
    _culture(union)
    ActivityFactory(
        union=union,
        category=A.STUDY_TRAINING,
        title="工会干部培训班",
        participants=20,
        start_date=dt.date(Y, 4, 1),
    )
    member = MemberFactory(union=union)
    for day in (dt.date(Y, 1, 20), dt.date(Y, 9, 15)):
        DisbursementFactory(
            union=union,
            member=member,
            kind=DisbursementKind.FESTIVAL,
            date=day,
            paid_on=day,
            cash_amount=Decimal("500"),
            status=DisbursementStatus.PAID,
        )
    report = report_start(union=union, year=Y, actor=None)
    opening = assemble(report).opening[0]
    assert (
        "全年，本会新发展会员2人；组织开展各类活动4次、参与职工260人次；"
        "走访慰问、帮扶救助职工1人、2人次，发放慰问金和慰问品合计1000元。现将本年度工作总结如下。"
    ) in opening
    text = summary_text(union)
    # 经费支出1000元 is all spending (here only welfare); the welfare figure itself is said once.
    assert text.count("1000元") == 2 and "经费支出1000元" in text and text.count("新发展会员2人") == 1
    assert "全部慰问均为节日慰问。" in text  # one kind: the totals said it
    assert "帮扶慰问支出即前述慰问金和慰问品" in text  # the funds section refers back


def test_a_union_with_one_kind_of_activity_has_no_各类活动_total(union):
    _culture(union)
    text = summary_text(union)
    assert "各类活动" not in text
    assert text.count("240人次") == 1


def test_a_new_report_has_a_default_closing_in_the_periods_words(union):
    report = report_start(union=union, year=Y, actor=None)
    closing = assemble(report).closing
    assert closing[0].startswith("总之，本年度，测试机械厂工会在上级工会和本单位党组织的领导下")
    assert "新的一年，我们将发扬成绩、克服不足" in closing[0]


# Staff's arrangement of a section.


def test_staff_text_goes_before_between_or_after_the_generated_paragraphs(union):
    _culture(union)
    ActivityFactory(
        union=union, category=A.VOLUNTEER, title="无偿献血", participants=15, start_date=dt.date(Y, 6, 1)
    )
    report = report_start(union=union, year=Y, actor=None)
    rs = report.sections.get(key="culture")
    ctx = report_context(report)
    names = slots(BY_KEY["culture"].blocks(ctx, BY_KEY["culture"].figures(ctx)))
    assert len(names) == 2
    _save(rs, staff_text="文末的话。", placed_text={BEFORE: "开头的话。", names[0]: "中间的话。"})
    texts = _texts(report, "culture")
    assert texts[0] == "开头的话。"
    assert texts[1].startswith("坚持以职工喜闻乐见的形式丰富业余文化生活")
    assert texts[2] == "中间的话。"
    assert texts[3].startswith("组织职工开展志愿服务和公益活动")
    assert texts[4] == "文末的话。"


def test_a_switched_off_paragraph_stays_off_when_its_figures_change_and_in_the_final_and_docx(union, leader):
    _culture(union)
    ActivityFactory(
        union=union, category=A.VOLUNTEER, title="无偿献血", participants=15, start_date=dt.date(Y, 6, 1)
    )
    report = report_start(union=union, year=Y, actor=None)
    rs = report.sections.get(key="culture")
    ctx = report_context(report)
    culture = BY_KEY["culture"].blocks(ctx, BY_KEY["culture"].figures(ctx))
    _save(rs, paragraphs_off=[slots(culture)[0]], staff_text="我们自己写的文体活动。")
    ActivityFactory(
        union=union,
        category=A.SPORTS_CULTURE,
        title="合唱比赛",
        participants=60,
        start_date=dt.date(Y, 10, 1),
    )
    texts = _texts(report, "culture")
    assert not any("喜闻乐见" in t for t in texts)  # 4 events now, the paragraph still off
    assert texts[-1] == "我们自己写的文体活动。"
    final = report_finalise(report=report, actor=leader)
    ActivityFactory(
        union=union, category=A.VOLUNTEER, title="义务植树", participants=9, start_date=dt.date(Y, 3, 12)
    )
    frozen = assemble(final)
    body = "".join(b["text"] for s in frozen.sections for b in s.blocks)
    assert "喜闻乐见" not in body and "义务植树" not in body and "我们自己写的文体活动。" in body
    words = "".join(p.text for p in docx.Document(io.BytesIO(render_docx(frozen))).paragraphs)
    assert "喜闻乐见" not in words and "我们自己写的文体活动。" in words


def test_text_placed_after_a_paragraph_that_no_longer_appears_is_kept_at_the_end(union):
    _culture(union)
    report = report_start(union=union, year=Y, actor=None)
    rs = report.sections.get(key="culture")
    _save(rs, placed_text={"p:已不存在的段落": "我写的话。"})
    assert _texts(report, "culture")[-1] == "我写的话。"


def test_staff_add_their_own_section_before_problems_and_it_goes_on_into_a_redraft(union, leader):
    _culture(union)
    report = report_start(union=union, year=Y, actor=None)
    own = section_add(report=report, heading="主要做法")
    keys = list(report.sections.order_by("position").values_list("key", flat=True))
    assert keys.index(own.key) == keys.index("problems") - 1
    _save(own, staff_text="## 以制度管人\n建立三项制度。")
    section_move(section=own, step=-1)
    doc = assemble(report)
    headings = [s.heading for s in doc.sections]
    assert headings[-1] == "主要做法"  # problems and plans have no text: left out
    assert doc.sections[-1].blocks[0] == {"kind": "h", "text": "以制度管人", "number": "（一）"}
    final = report_finalise(report=report, actor=leader)
    redraft = report_start(union=union, period=final.period, actor=None, based_on=final)
    assert redraft.sections.get(heading="主要做法").staff_text == "## 以制度管人\n建立三项制度。"
    with pytest.raises(Exception, match="已有“主要做法”一节"):
        section_add(report=redraft, heading="主要做法")


def test_the_section_page_switches_a_paragraph_off_and_places_text(union, clerk_client):
    _culture(union)
    report = report_start(union=union, year=Y, actor=None)
    rs = report.sections.get(key="culture")
    url = reverse("reports:section", args=[union.code, rs.pk])
    page = clerk_client.get(url).content.decode()
    assert "第1段：使用这段自动生成的文字" in page and "写在第1段之后" in page
    response = clerk_client.post(
        url,
        {
            "heading": rs.heading,
            "included": "on",
            "use_generated": "on",
            "before": "前言。",
            "after_0": "后记。",
        },
    )
    assert response.status_code == 302
    rs.refresh_from_db()
    assert rs.paragraphs_off and rs.placed_text[BEFORE] == "前言。"
    assert _texts(report, "culture") == ["前言。", "后记。"]
    assert AuditEntry.objects.filter(object_id=str(rs.pk)).exists()


def test_adding_a_section_is_for_editors_of_the_union_only(union, clerk_client, outsider_client):
    report = report_start(union=union, year=Y, actor=None)
    url = reverse("reports:section-add", args=[union.code, report.pk])
    assert outsider_client.post(url, {"heading": "基本经验"}).status_code in (403, 404)
    assert not report.sections.filter(heading="基本经验").exists()
    response = clerk_client.post(url, {"heading": "基本经验"})
    own = report.sections.get(heading="基本经验")
    assert response.status_code == 302 and own.is_own
