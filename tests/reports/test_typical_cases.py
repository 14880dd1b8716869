"""Item 2 of issue #10: a record marked 典型事例 gets a sentence of its own; people are named as
the union's setting says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from activities.choices import ActivityCategory as A
from audit.models import AuditEntry
from records.typical import typical_case_mark
from tests.activities.factories import ActivityFactory, HonourFactory
from tests.democracy.factories import SuggestionFactory
from tests.factories import MemberFactory
from tests.reports.seed_unions import summary_text
from tests.rights.factories import MediationCaseFactory
from tests.welfare.factories import DisbursementFactory
from welfare.choices import DisbursementKind as K
from welfare.choices import DisbursementStatus as S

pytestmark = pytest.mark.django_db
Y = 2025


@pytest.fixture
def grant(union):
    teacher = MemberFactory(union=union, name="季撮龙")
    return DisbursementFactory(
        union=union,
        member=teacher,
        kind=K.SICKNESS,
        date=dt.date(Y, 4, 2),
        cash_amount=Decimal("2000"),
        status=S.PAID,
        paid_on=dt.date(Y, 4, 2),
    )


def test_a_paid_grant_marked_typical_gets_its_own_sentence(union, grant):
    before = summary_text(union)
    assert "季撮龙" not in before
    typical_case_mark(record=grant, is_typical=True, note="因患胰腺瘤住院")
    assert "季撮龙同志因患胰腺瘤住院，工会及时送去慰问金2000元。" in summary_text(union)
    assert AuditEntry.objects.filter(action="records.typical_case.marked").exists()


@pytest.mark.parametrize(
    ("naming", "who"), [("full", "季撮龙同志"), ("surname", "季某同志"), ("none", "一名职工")]
)
def test_people_are_named_as_the_union_says(union, grant, naming, who):
    union.report_naming = naming
    union.save()
    typical_case_mark(record=grant, is_typical=True, note="因病住院")
    text = summary_text(union)
    assert f"{who}因病住院，工会及时送去慰问金2000元。" in text
    if naming != "full":
        assert "季撮龙" not in text


def test_naming_reaches_honours_and_suggestions(union):
    union.report_naming = "surname"
    union.save()
    person = MemberFactory(union=union, name="王立新")
    HonourFactory(
        union=union, title="五一劳动奖章", date=dt.date(Y, 4, 28), recipient_kind="individual", member=person
    )
    SuggestionFactory(
        union=union,
        date=dt.date(Y, 3, 1),
        title="节电改造",
        submitter="赵勇辉",
        adopted=True,
        adopted_on=dt.date(Y, 5, 1),
        benefit=Decimal("3000"),
    )
    text = summary_text(union)
    assert "王某获市总工会授予的“五一劳动奖章”" in text
    assert "被采纳的是赵某提出的《节电改造》创造效益3000元。" in text
    assert "王立新" not in text and "赵勇辉" not in text


def test_a_contest_won_and_a_dispute_resolved(union):
    contest = ActivityFactory(
        union=union,
        category=A.SKILL_CONTEST,
        title="全市焊工技能大赛",
        start_date=dt.date(Y, 6, 1),
        results="获团体第一名",
    )
    typical_case_mark(record=contest, is_typical=True, note="为本单位争得荣誉")
    case = MediationCaseFactory(
        union=union, received_on=dt.date(Y, 4, 1), subject="加班费争议", amount_recovered=Decimal("18600")
    )
    typical_case_mark(record=case, is_typical=True, note="经工会调解双方达成协议")
    text = summary_text(union)
    assert "在全市焊工技能大赛中获团体第一名，为本单位争得荣誉。" in text
    assert "如加班费争议一案，经工会调解双方达成协议，为职工追回1.86万元。" in text


def test_unmarking_takes_the_sentence_out(union, grant):
    typical_case_mark(record=grant, is_typical=True, note="因病住院")
    typical_case_mark(record=grant, is_typical=False)
    grant.refresh_from_db()
    assert grant.typical_note == ""
    assert "因病住院" not in summary_text(union)
