"""The figures the report and the workbook print, checked against sums made here from the
records each test creates. Records that must not count are mixed in on purpose."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from records.periods import period_for
from tests.factories import MemberFactory
from tests.welfare.factories import (
    DisbursementFactory,
    DonationDriveFactory,
    HardshipFileFactory,
    HardshipReviewFactory,
)
from welfare import selectors
from welfare.choices import DisbursementKind, FundingSource
from welfare.choices import DisbursementStatus as S
from welfare.models import Disbursement

pytestmark = pytest.mark.django_db

COUNTED = {S.APPROVED, S.PAID}


def _counts(record: Disbursement, period) -> bool:
    return (
        record.union.code == "main"  # the `union` fixture
        and record.voided_at is None
        and record.status in COUNTED
        and period.start <= record.date <= period.end
    )


def _recipient(record: Disbursement):
    return ("member", record.member_id) if record.member_id else ("name", record.recipient_name)


def _expected(records, period, **match) -> dict:
    rows = [r for r in records if _counts(r, period) and all(getattr(r, k) == v for k, v in match.items())]
    cash = sum((r.cash_amount for r in rows), Decimal("0"))
    goods = sum((r.goods_value for r in rows), Decimal("0"))
    return {
        "households": len({_recipient(r) for r in rows}),
        "person_times": len(rows),
        "cash": cash,
        "goods_value": goods,
        "total": cash + goods,
    }


@pytest.fixture
def records(union, other_union):
    a, b = MemberFactory(union=union), MemberFactory(union=union)
    voided = timezone.now()

    def make(**fields) -> Disbursement:
        fields.setdefault("union", union)
        if "recipient_name" in fields:
            fields.setdefault("member", None)
        return DisbursementFactory(**fields)

    return [
        # counted
        make(member=a, kind="living", status=S.APPROVED, cash_amount=Decimal("1000")),
        make(
            member=a,
            kind="festival",
            festival="spring",
            status=S.PAID,
            paid_on=dt.date(2025, 1, 25),
            cash_amount=Decimal("500"),
            goods_value=Decimal("200.50"),
            goods_description="米油",
        ),
        make(
            member=b,
            kind="medical",
            status=S.PAID,
            paid_on=dt.date(2025, 7, 3),
            cash_amount=Decimal("3000"),
            funding_source=FundingSource.ADMINISTRATION,
            date=dt.date(2025, 7, 1),
        ),
        make(
            recipient_name="王某",
            kind="festival",
            festival="mid_autumn",
            status=S.APPROVED,
            cash_amount=Decimal("300"),
        ),
        make(
            recipient_name="王某",
            kind="summer",
            status=S.PAID,
            paid_on=dt.date(
                2026, 1, 3
            ),  # paid after the year: counted by date, not union-funds spending of 2025
            cash_amount=Decimal("100"),
            goods_value=Decimal("50"),
            goods_description="绿豆",
            date=dt.date(2025, 12, 30),
        ),
        make(
            recipient_name="李某",
            kind="funeral",
            status=S.PAID,
            paid_on=dt.date(2025, 3, 2),
            cash_amount=Decimal("800"),
            funding_source=FundingSource.DONATION,
        ),
        # not counted: not approved, voided, outside the year, another union
        make(member=a, kind="living", status=S.DRAFT, cash_amount=Decimal("7")),
        make(member=b, kind="living", status=S.SUBMITTED, cash_amount=Decimal("11")),
        make(member=b, kind="medical", status=S.REJECTED, reject_reason="不符合", cash_amount=Decimal("13")),
        make(
            member=a,
            kind="living",
            status=S.APPROVED,
            cash_amount=Decimal("17"),
            voided_at=voided,
            void_reason="重复",
        ),
        make(
            member=b,
            kind="living",
            status=S.PAID,
            paid_on=dt.date(2025, 2, 1),
            cash_amount=Decimal("19"),
            voided_at=voided,
            void_reason="误录",
        ),
        make(
            member=a,
            kind="living",
            status=S.PAID,
            paid_on=dt.date(2025, 1, 2),
            cash_amount=Decimal("23"),
            date=dt.date(2024, 12, 31),
        ),
        make(member=a, kind="living", status=S.APPROVED, cash_amount=Decimal("29"), date=dt.date(2026, 1, 1)),
        DisbursementFactory(
            union=other_union,
            kind="living",
            status=S.PAID,
            paid_on=dt.date(2025, 2, 1),
            cash_amount=Decimal("31"),
        ),
    ]


def test_totals_count_only_approved_and_paid_records_of_the_period(union, records):
    period = period_for(union, 2025)
    totals = selectors.disbursement_totals(union=union, period=period)
    expected = _expected(records, period)
    assert totals.__dict__ == expected
    # Written out once, so a wrong helper above cannot hide a wrong selector.
    assert (totals.households, totals.person_times, totals.total) == (4, 6, Decimal("5950.50"))


def test_totals_by_type(union, records):
    period = period_for(union, 2025)
    rows = selectors.disbursement_totals_by_type(union=union, period=period)
    kinds = [
        k for k, _ in DisbursementKind.choices if any(_counts(r, period) and r.kind == k for r in records)
    ]
    assert [row.kind for row in rows] == kinds
    for row in rows:
        assert row.label == DisbursementKind(row.kind).label
        assert {
            f: getattr(row, f) for f in ("households", "person_times", "cash", "goods_value", "total")
        } == _expected(records, period, kind=row.kind)
    festival = next(r for r in rows if r.kind == "festival")
    assert (festival.households, festival.person_times, festival.total) == (2, 2, Decimal("1000.50"))

    every = selectors.disbursement_totals_by_type(union=union, period=period, include_empty=True)
    assert len(every) == len(DisbursementKind.choices)
    assert next(r for r in every if r.kind == "birthday").person_times == 0


def test_totals_by_festival_and_by_funding_source(union, records):
    period = period_for(union, 2025)
    festivals = {r.kind: r for r in selectors.disbursement_totals_by_festival(union=union, period=period)}
    assert set(festivals) == {"spring", "mid_autumn"}
    assert (
        festivals["spring"].total == _expected(records, period, kind="festival", festival="spring")["total"]
    )
    sources = {r.kind: r for r in selectors.disbursement_totals_by_funding_source(union=union, period=period)}
    for source, row in sources.items():
        assert row.total == _expected(records, period, funding_source=source)["total"]
    assert sources["donation"].total == Decimal("800")


def test_union_funds_spending_is_paid_records_by_payment_date(union, records):
    period = period_for(union, 2025)
    expected = sum(
        (
            r.total
            for r in records
            if r.union_id == union.pk
            and r.voided_at is None
            and r.status == S.PAID
            and r.funding_source == FundingSource.UNION_FUNDS
            and r.paid_on
            and period.start <= r.paid_on <= period.end
        ),
        Decimal("0"),
    )
    assert selectors.disbursements_paid_from_union_funds(union=union, period=period) == expected
    # The spring festival record (700.50) and the one dated 2024 but paid in January 2025 (23).
    assert expected == Decimal("723.50")


def test_a_period_from_october_to_september(union, records):
    union.period_start_month = 10
    union.save()
    period = period_for(union, 2025)  # 2024-10-01 .. 2025-09-30
    assert selectors.disbursement_totals(union=union, period=period).__dict__ == _expected(records, period)
    ledger = list(selectors.disbursements_in(union=union, period=period))
    assert [r.pk for r in ledger] == [
        r.pk
        for r in sorted(
            (r for r in records if _counts(r, period) and r.union_id == union.pk),
            key=lambda r: (r.date, r.pk),
        )
    ]


def test_the_ledger_queryset(union, records):
    period = period_for(union, 2025)
    counted = list(selectors.disbursements_in(union=union, period=period))
    assert {r.pk for r in counted} == {r.pk for r in records if _counts(r, period) and r.union_id == union.pk}
    everything = list(selectors.disbursements_in(union=union, period=period, counted_only=False))
    assert {r.status for r in everything} == {S.DRAFT, S.SUBMITTED, S.REJECTED, S.APPROVED, S.PAID}
    assert all(r.voided_at is None for r in everything)


def test_hardship_file_counts(union, other_union):
    period = period_for(union, 2025)
    d = dt.date
    files = [
        HardshipFileFactory(union=union, opened_on=d(2024, 3, 1), category="deep"),  # open all year
        HardshipFileFactory(union=union, opened_on=d(2025, 6, 1), category="relative"),  # opened in 2025
        HardshipFileFactory(union=union, opened_on=d(2023, 1, 1), status="closed", closed_on=d(2025, 8, 1)),
        HardshipFileFactory(
            union=union,
            opened_on=d(2022, 1, 1),
            status="closed",
            closed_on=d(2026, 2, 1),
            category="accident",
        ),
        HardshipFileFactory(union=union, opened_on=d(2026, 1, 5)),  # after the period
        HardshipFileFactory(union=union, opened_on=d(2025, 2, 1), status="closed", closed_on=d(2025, 11, 30)),
        HardshipFileFactory(
            union=union, opened_on=d(2025, 2, 1), voided_at=timezone.now(), void_reason="误建"
        ),
        HardshipFileFactory(union=other_union, opened_on=d(2025, 2, 1)),
    ]
    HardshipReviewFactory(union=union, file=files[0], reviewed_on=d(2025, 3, 1))
    HardshipReviewFactory(union=union, file=files[0], reviewed_on=d(2025, 9, 1))  # same file: counted once
    HardshipReviewFactory(union=union, file=files[3], reviewed_on=d(2024, 3, 1))  # other year

    live = [f for f in files if f.union_id == union.pk and f.voided_at is None]
    open_at_end = [
        f for f in live if f.opened_on <= period.end and (f.status == "open" or f.closed_on > period.end)
    ]
    counts = selectors.hardship_file_counts(union=union, period=period)
    assert counts.open_at_end == len(open_at_end) == 3
    assert {c.category: c.count for c in counts.open_by_category} == {
        cat: sum(1 for f in open_at_end if f.category == cat) for cat in {f.category for f in open_at_end}
    }
    assert counts.opened == sum(1 for f in live if period.contains(f.opened_on)) == 2
    assert counts.closed == sum(1 for f in live if f.closed_on and period.contains(f.closed_on)) == 2
    assert counts.reviewed == 1

    ledger = selectors.hardship_files_open(union=union, at=period.end)
    assert {f.pk for f in ledger} == {f.pk for f in open_at_end}


def test_donation_totals(union, other_union):
    period = period_for(union, 2025)
    drives = [
        DonationDriveFactory(union=union, kind="one_day", participants=120, amount_raised=Decimal("13100")),
        DonationDriveFactory(
            union=union,
            kind="disaster",
            participants=85,
            amount_raised=Decimal("6420.50"),
            date=dt.date(2025, 8, 1),
        ),
        DonationDriveFactory(
            union=union,
            kind="disaster",
            participants=40,
            amount_raised=Decimal("2000"),
            date=dt.date(2024, 8, 1),
        ),
        DonationDriveFactory(
            union=union, participants=9, amount_raised=Decimal("900"), voided_at=timezone.now()
        ),
        DonationDriveFactory(union=other_union, participants=7, amount_raised=Decimal("700")),
    ]
    counted = [
        d for d in drives if d.union_id == union.pk and d.voided_at is None and period.contains(d.date)
    ]
    totals = selectors.donation_totals(union=union, period=period)
    assert (totals.drives, totals.participants, totals.amount) == (
        len(counted),
        sum(d.participants for d in counted),
        sum((d.amount_raised for d in counted), Decimal("0")),
    )
    assert (totals.drives, totals.participants, totals.amount) == (2, 205, Decimal("19520.50"))
    assert [(k.kind, k.drives, k.amount) for k in totals.by_kind] == [
        ("one_day", 1, Decimal("13100")),
        ("disaster", 1, Decimal("6420.50")),
    ]


def test_pending_count_excludes_voided_and_other_unions(union, other_union):
    DisbursementFactory.create_batch(2, union=union, status=S.SUBMITTED)
    DisbursementFactory(union=union, status=S.SUBMITTED, voided_at=timezone.now())
    DisbursementFactory(union=other_union, status=S.SUBMITTED)
    assert selectors.pending_approval_count(union=union) == 2


def test_every_counted_total_comes_from_one_pass(records, union, django_assert_num_queries):
    from records.memo import figures_scope
    from welfare.choices import FundingSource
    from welfare.counted import AID_KINDS, COMFORT_KINDS

    period = period_for(union, 2025)
    with figures_scope(), django_assert_num_queries(1):
        everything, aid, comfort = selectors.disbursement_totals_split(union=union, period=period)
        by_type = selectors.disbursement_totals_by_type(union=union, period=period, include_empty=True)
        by_source = selectors.disbursement_totals_by_funding_source(union=union, period=period)
        selectors.disbursement_totals_to_non_members(union=union, period=period)
        selectors.hardship_households_helped(union=union, period=period)
    # Each set against a query of its own (the kinds= path filters in SQL).
    assert everything == selectors.disbursement_totals(union=union, period=period)
    assert aid == selectors.disbursement_totals(union=union, period=period, kinds=AID_KINDS)
    assert comfort == selectors.disbursement_totals(union=union, period=period, kinds=COMFORT_KINDS)
    for row in by_type:
        alone = selectors.disbursement_totals(union=union, period=period, kinds=[row.kind])
        assert (row.households, row.person_times, row.total) == (
            alone.households,
            alone.person_times,
            alone.total,
        )
        assert row.person_times == _expected(records, period, kind=row.kind)["person_times"]
    assert sum(r.person_times for r in by_source) == everything.person_times
    assert {r.kind for r in by_source} <= set(FundingSource.values)
    # 王某 had a mid-autumn and a summer comfort: one household, two person-times.
    summer_and_festival = selectors.disbursement_totals(
        union=union, period=period, kinds=["festival", "summer"]
    )
    assert summer_and_festival.households < summer_and_festival.person_times
