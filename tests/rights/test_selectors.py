"""The rights figures equal what the test counts itself from the records it made."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from records.periods import period_of
from rights.selectors import rights_summary

from .factories import LegalAidFactory, MediationCaseFactory, PetitionFactory

pytestmark = pytest.mark.django_db

PERIOD = period_of(2024)
IN, BEFORE = dt.date(2024, 6, 1), dt.date(2023, 12, 31)
CLOSED = dt.date(2024, 7, 1)


def _noise(union, other_union, factory, date_field: str, **kwargs):
    """Records that must not count: another union's, last year's, and a voided one."""
    factory(union=other_union, **{date_field: IN}, **kwargs)
    factory(union=union, **{date_field: BEFORE}, **kwargs)
    factory(union=union, **{date_field: IN}, **kwargs).void("误录")


def test_rights_summary(union, other_union):
    cases = [
        MediationCaseFactory(
            union=union,
            received_on=IN,
            outcome="success",
            closed_on=CLOSED,
            workers_involved=12,
            amount_recovered=Decimal("56000"),
            dispute_type="pay",
        ),
        MediationCaseFactory(
            union=union,
            received_on=IN,
            outcome="success",
            closed_on=CLOSED,
            workers_involved=1,
            amount_recovered=Decimal("3200.50"),
            dispute_type="injury",
        ),
        MediationCaseFactory(
            union=union,
            received_on=IN,
            outcome="failed",
            closed_on=CLOSED,
            workers_involved=2,
            dispute_type="pay",
        ),
        MediationCaseFactory(
            union=union, received_on=IN, outcome="pending", workers_involved=4, dispute_type="insurance"
        ),
    ]
    _noise(
        union,
        other_union,
        MediationCaseFactory,
        "received_on",
        outcome="success",
        closed_on=CLOSED,
        amount_recovered=Decimal("999"),
    )
    aid = [
        LegalAidFactory(union=union, date=IN, kind="consultation", persons=15),
        LegalAidFactory(union=union, date=IN, kind="consultation", persons=7),
        LegalAidFactory(
            union=union, date=IN, kind="representation", persons=1, amount_recovered=Decimal("20000")
        ),
        LegalAidFactory(
            union=union, date=IN, kind="representation", persons=3, amount_recovered=Decimal("1500")
        ),
    ]
    _noise(
        union, other_union, LegalAidFactory, "date", kind="representation", amount_recovered=Decimal("999")
    )
    petitions = [
        PetitionFactory(union=union, date=IN, cases=1, persons=1, resolved=True),
        PetitionFactory(union=union, date=IN, cases=2, persons=9, resolved=False),
        PetitionFactory(union=union, date=IN, cases=3, persons=3, resolved=True),
    ]
    _noise(union, other_union, PetitionFactory, "date", cases=50, persons=50)

    summary = rights_summary(union=union, period=PERIOD)

    assert summary.mediation_received == len(cases)
    assert summary.mediation_successful == sum(c.outcome == "success" for c in cases)
    assert summary.mediation_failed == sum(c.outcome == "failed" for c in cases)
    assert summary.mediation_pending == sum(c.outcome == "pending" for c in cases)
    assert summary.mediation_workers == sum(c.workers_involved for c in cases)
    assert summary.mediation_recovered == sum(c.amount_recovered for c in cases)
    assert [(t.label, t.count) for t in summary.mediation_by_type] == [
        ("劳动报酬", 2),
        ("社会保险", 1),
        ("工伤", 1),
    ]
    assert summary.consultation_persons == sum(a.persons for a in aid if a.kind == "consultation")
    assert summary.represented_cases == sum(a.kind == "representation" for a in aid)
    assert summary.legal_aid_recovered == sum(a.amount_recovered for a in aid)
    assert summary.petition_cases == sum(p.cases for p in petitions)
    assert summary.petition_persons == sum(p.persons for p in petitions)
    assert summary.petition_resolved == sum(p.cases for p in petitions if p.resolved)
    assert summary.total_recovered == Decimal("56000") + Decimal("3200.50") + Decimal("20000") + Decimal(
        "1500"
    )


def test_an_empty_year_is_all_zeros(union):
    summary = rights_summary(union=union, period=PERIOD)
    assert summary.mediation_received == summary.petition_cases == summary.consultation_persons == 0
    assert summary.total_recovered == Decimal("0")
    assert summary.mediation_by_type == ()
