"""Issue #10 item 2: any record that can be a 典型事例 is marked from its own page, through one
mechanism (the record pages' "标为典型事例"), for editors of its union only, audited, and the
summary then names it as the union's naming setting says."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.choices import ActivityCategory as A
from audit.models import AuditEntry
from tests.activities.factories import ActivityFactory
from tests.democracy.factories import SuggestionFactory
from tests.factories import MemberFactory
from tests.reports.seed_unions import summary_text
from tests.rights.factories import LegalAidFactory, MediationCaseFactory
from tests.welfare.factories import DisbursementFactory, HardshipFileFactory
from welfare.choices import DisbursementKind, DisbursementStatus, HardshipCause, HardshipStatus

pytestmark = pytest.mark.django_db
Y = 2025


def _grant(union):  # type: ignore[no-untyped-def]
    return DisbursementFactory(
        union=union,
        member=MemberFactory(union=union, name="季撮龙"),
        kind=DisbursementKind.SICKNESS,
        date=dt.date(Y, 4, 2),
        cash_amount=Decimal("2000"),
        status=DisbursementStatus.PAID,  # paid and locked: the mark still may change
        paid_on=dt.date(Y, 4, 2),
    )


def _file(union):  # type: ignore[no-untyped-def]
    return HardshipFileFactory(
        union=union,
        member=MemberFactory(union=union, name="王彦华"),
        main_cause=HardshipCause.SERIOUS_ILLNESS,
        opened_on=dt.date(Y, 2, 1),
        status=HardshipStatus.CLOSED,
        closed_on=dt.date(Y, 11, 30),
    )


def _mediation(union):  # type: ignore[no-untyped-def]
    return MediationCaseFactory(
        union=union, subject="拖欠加班工资", received_on=dt.date(Y, 5, 1), amount_recovered=Decimal("12180")
    )


def _legal_aid(union):  # type: ignore[no-untyped-def]
    return LegalAidFactory(union=union, subject="工伤认定法律援助", date=dt.date(Y, 6, 1))


def _contest(union):  # type: ignore[no-untyped-def]
    return ActivityFactory(
        union=union,
        category=A.SKILL_CONTEST,
        title="全市焊工技能大赛",
        results="获全市第三名",
        participants=12,
        start_date=dt.date(Y, 9, 1),
    )


def _suggestion(union):  # type: ignore[no-untyped-def]
    return SuggestionFactory(union=union, title="改进食堂排队方式", date=dt.date(Y, 3, 1), adopted=True)


CASES = [
    (
        "welfare:disbursement",
        _grant,
        "因患胰腺瘤住院",
        "季撮龙同志因患胰腺瘤住院，工会及时送去慰问金2000元。",
    ),
    (
        "welfare:hardship",
        _file,
        "工会多方协调医疗救助",
        "王彦华同志家因重特大疾病致困，工会为其建立困难职工档案，工会多方协调医疗救助，年内实现脱困。",
    ),
    (
        "rights:mediation",
        _mediation,
        "经工会调解双方达成协议",
        "如拖欠加班工资一案，经工会调解双方达成协议，为职工追回12180元。",
    ),
    ("rights:legalaid", _legal_aid, "帮助职工认定工伤", "在工伤认定法律援助中，帮助职工认定工伤。"),
    (
        "activities:activity",
        _contest,
        "为本单位争得荣誉",
        "在全市焊工技能大赛中获全市第三名，为本单位争得荣誉。",
    ),
    (
        "democracy:suggestion",
        _suggestion,
        "每天节约排队时间半小时",
        "《改进食堂排队方式》，每天节约排队时间半小时。",
    ),
]


@pytest.mark.parametrize(("name", "make", "note", "sentence"), CASES, ids=[c[0] for c in CASES])
def test_a_record_is_marked_typical_from_its_page_and_gets_its_sentence(
    union, clerk_client, name, make, note, sentence
):
    record = make(union)
    detail = reverse(f"{name}-detail", args=[union.code, record.pk])
    url = reverse(f"{name}-typical", args=[union.code, record.pk])
    page = clerk_client.get(detail).content.decode()
    assert "标为典型事例" in page and url in page
    assert sentence not in summary_text(union)
    response = clerk_client.post(url, {"is_typical": "1", "typical_note": note})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.is_typical and record.typical_note == note
    assert AuditEntry.objects.filter(action="records.typical_case.marked", object_id=str(record.pk)).exists()
    assert sentence in summary_text(union)
    assert "取消典型事例标记" in clerk_client.get(detail).content.decode()
    clerk_client.post(url, {"is_typical": "0"})
    record.refresh_from_db()
    assert not record.is_typical and record.typical_note == ""


@pytest.mark.parametrize(("name", "make", "note", "sentence"), CASES[:2], ids=[c[0] for c in CASES[:2]])
def test_only_editors_of_the_records_union_may_mark_it(
    union, outsider_client, county_client, name, make, note, sentence
):
    record = make(union)
    url = reverse(f"{name}-typical", args=[union.code, record.pk])
    for client in (outsider_client, county_client):
        assert client.post(url, {"is_typical": "1", "typical_note": note}).status_code in (403, 404)
    record.refresh_from_db()
    assert not record.is_typical


@pytest.mark.parametrize(("naming", "who"), [("surname", "王某同志"), ("none", "一名职工")])
def test_a_marked_hardship_file_names_its_person_as_the_union_says(union, clerk_client, naming, who):
    union.report_naming = naming
    union.save()
    record = _file(union)
    clerk_client.post(reverse("welfare:hardship-typical", args=[union.code, record.pk]), {"is_typical": "1"})
    text = summary_text(union)
    assert f"{who}家因重特大疾病致困，工会为其建立困难职工档案，年内实现脱困。" in text
    assert "王彦华" not in text


def test_a_voided_record_cannot_be_marked(union, clerk_client):
    record = _grant(union)
    record.void("录入错误")
    clerk_client.post(
        reverse("welfare:disbursement-typical", args=[union.code, record.pk]), {"is_typical": "1"}
    )
    record.refresh_from_db()
    assert not record.is_typical
