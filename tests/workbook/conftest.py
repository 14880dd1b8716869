"""A union with a year of records of every kind, and helpers to read workbooks back."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from activities.choices import ActivityCategory
from democracy.choices import ContractKind, ProposalStatus
from funds.choices import Category, Direction
from members.choices import MembershipStatus
from members.models import Member
from records.periods import period_for
from rights.choices import LegalAidKind, MediationOutcome
from tests.activities.factories import ActivityFactory
from tests.democracy.factories import (
    CollectiveContractFactory,
    CongressFactory,
    DisclosureFactory,
    ProposalFactory,
    SuggestionFactory,
)
from tests.factories import BranchFactory, CadreFactory, MemberFactory
from tests.funds.factories import FundEntryFactory
from tests.profiles.factories import ProfileFactory
from tests.rights.factories import LegalAidFactory, MediationCaseFactory, PetitionFactory
from tests.welfare.factories import DisbursementFactory, HardshipFileFactory
from welfare.choices import DisbursementKind, DisbursementStatus, Festival, HardshipCategory

Y = 2025
FORMULA_NAME = '=HYPERLINK("http://x")'
FULL_ID = "11010519491231002X"


@dataclass
class Year:
    """What the `records` fixture made, for tests to compare the workbook with."""

    union: Any
    period: Any
    members: list[Member]
    gone_before: Member  # left before the period ended: not on the roster
    formula_member: Member
    id_member: Member


def make_records(union, *, members: int = 6) -> Year:
    """A year of records in `union`: counted and not-counted ones of every ledger."""
    branch = BranchFactory(union=union, name=f"{union.code}机加分会")
    people = [
        MemberFactory(union=union, branch=branch, gender="F" if i % 2 else "M", joined_on=dt.date(2015, 1, 1))
        for i in range(members)
    ]
    formula = MemberFactory(union=union, name=FORMULA_NAME, joined_on=dt.date(Y, 3, 1), job_title="工会主席")
    # 工会干部 at the period's end: a full-time chair and a part-time member; one post has ended.
    CadreFactory(union=union, member=formula, post="chair", full_time=True, start_date=dt.date(Y, 3, 1))
    CadreFactory(union=union, member=people[0], post="committee", start_date=dt.date(Y - 2, 6, 1))
    CadreFactory(
        union=union,
        member=people[1],
        post="committee",
        start_date=dt.date(Y - 2, 6, 1),
        end_date=dt.date(Y, 3, 1),
    )
    id_member = MemberFactory(
        union=union,
        name="长身份证",
        id_number=FULL_ID,
        gender="F",
        birth_date=dt.date(1949, 12, 31),
        is_migrant_worker=True,
        joined_on=dt.date(2001, 1, 1),
    )
    gone = MemberFactory(
        union=union,
        status=MembershipStatus.RETIRED,
        status_date=dt.date(Y, 6, 30),
        joined_on=dt.date(2000, 1, 1),
    )
    people += [formula, id_member]

    # Welfare: counted (approved, paid) and not counted (draft, voided, other year).
    HardshipFileFactory(
        union=union, member=people[0], category=HardshipCategory.DEEP, opened_on=dt.date(Y, 2, 1)
    )
    HardshipFileFactory(
        union=union, member=id_member, category=HardshipCategory.RELATIVE, opened_on=dt.date(2023, 2, 1)
    )
    paid = dict(status=DisbursementStatus.PAID, paid_on=dt.date(Y, 1, 25))
    DisbursementFactory(
        union=union,
        member=people[0],
        kind=DisbursementKind.FESTIVAL,
        festival=Festival.SPRING,
        date=dt.date(Y, 1, 20),
        cash_amount=Decimal("500.00"),
        goods_description="米、油",
        goods_value=Decimal("200.50"),
        **paid,
    )
    DisbursementFactory(
        union=union, member=id_member, kind=DisbursementKind.MEDICAL, date=dt.date(Y, 4, 1),
        cash_amount=Decimal("3000.25"), status=DisbursementStatus.APPROVED,
    )  # fmt: skip
    DisbursementFactory(
        union=union, member=None, recipient_name="退休职工老张", recipient_relation="退休职工",
        kind=DisbursementKind.RETIREMENT, date=dt.date(Y, 9, 9), cash_amount=Decimal("300"), **paid,
    )  # fmt: skip
    DisbursementFactory(
        union=union, member=people[1], date=dt.date(Y, 5, 1), cash_amount=Decimal("999")
    )  # draft
    DisbursementFactory(
        union=union, member=people[1], date=dt.date(Y - 1, 5, 1), cash_amount=Decimal("777"), **paid
    )  # last year
    voided = DisbursementFactory(
        union=union, member=people[2], date=dt.date(Y, 5, 1), cash_amount=Decimal("555"), **paid
    )
    voided.void("录入错误")

    # Activities.
    ActivityFactory(union=union, category=ActivityCategory.LABOUR_COMPETITION, start_date=dt.date(Y, 4, 1),
                    participants=120, women_participants=40, cost=Decimal("8000.00"))  # fmt: skip
    ActivityFactory(union=union, category=ActivityCategory.SPORTS_CULTURE, start_date=dt.date(Y, 5, 4),
                    end_date=dt.date(Y, 5, 6), participants=60, women_participants=30, cost=Decimal("1234.56"),
                    title="-篮球赛")  # fmt: skip
    ActivityFactory(union=union, start_date=dt.date(Y - 1, 5, 4), participants=99)  # last year

    # Democracy.
    congress = CongressFactory(union=union, date=dt.date(Y, 3, 15), delegates_total=50, delegates_women=20)
    ProposalFactory(
        union=union, congress=congress, submitted_on=dt.date(Y, 3, 15), status=ProposalStatus.ACCEPTED
    )
    ProposalFactory(union=union, submitted_on=dt.date(Y, 3, 16))
    DisclosureFactory(union=union, date=dt.date(Y, 4, 1), topic="@季度财务公开")
    DisclosureFactory(union=union, date=dt.date(Y, 10, 1))
    CollectiveContractFactory(union=union, kind=ContractKind.GENERAL, signed_on=dt.date(Y, 1, 5),
                              start_date=dt.date(Y, 1, 1), end_date=dt.date(Y + 2, 12, 31), workers_covered=300)  # fmt: skip
    CollectiveContractFactory(union=union, kind=ContractKind.WOMEN, signed_on=dt.date(Y - 1, 1, 5),
                              start_date=dt.date(Y - 1, 1, 1), end_date=dt.date(Y + 1, 12, 31), workers_covered=120,
                              wage_growth=None)  # fmt: skip
    SuggestionFactory(union=union, date=dt.date(Y, 6, 1), adopted=True, benefit=Decimal("5000"))

    # Rights.
    MediationCaseFactory(union=union, received_on=dt.date(Y, 4, 10), outcome=MediationOutcome.SUCCESS,
                         closed_on=dt.date(Y, 5, 1), amount_recovered=Decimal("4200"), workers_involved=3)  # fmt: skip
    LegalAidFactory(union=union, date=dt.date(Y, 5, 1), kind=LegalAidKind.CONSULTATION, persons=4)
    PetitionFactory(union=union, date=dt.date(Y, 6, 1), cases=2, persons=5)

    # Funds.
    FundEntryFactory(union=union, date=dt.date(Y, 3, 1), direction=Direction.INCOME, category=Category.DUES,
                     amount=Decimal("12000.00"), voucher="0012")  # fmt: skip
    FundEntryFactory(union=union, date=dt.date(Y, 3, 2), direction=Direction.INCOME, category=Category.ALLOCATION,
                     amount=Decimal("88000.40"))  # fmt: skip
    FundEntryFactory(union=union, date=dt.date(Y, 4, 2), direction=Direction.SPENDING, category=Category.ACTIVITIES,
                     amount=Decimal("9234.56"))  # fmt: skip
    FundEntryFactory(
        union=union,
        date=dt.date(Y - 1, 4, 2),
        direction=Direction.INCOME,
        category=Category.DUES,
        amount=Decimal("1"),
    )  # last year
    # The year profile: 职工 figures and institutions, so the return passes its logic checks.
    ProfileFactory(
        union=union, year=Y, workers=400, women_workers=200, has_congress=True, has_disclosure=True,
        has_mediation_committee=True, has_women_committee=True, has_audit_committee=True,
    )  # fmt: skip
    return Year(union, period_for(union, Y), people, gone, formula, id_member)


@pytest.fixture
def records(union) -> Year:
    return make_records(union)


def read(content: bytes | str, **kwargs: Any):  # type: ignore[no-untyped-def]
    """The workbook as openpyxl reads it back (full mode: styles and quote prefixes)."""
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    return load_workbook(content, **kwargs)


def table(sheet, header_row: int = 1) -> tuple[list[str], list[tuple]]:  # type: ignore[no-untyped-def]
    """Header and data rows of a one-table sheet, without the 合计 row."""
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    header, body = list(rows[0]), rows[1:]
    if body and body[-1][0] == "合计":
        body = body[:-1]
    return header, body


def blocks(sheet) -> dict[str, tuple[list[str], list[tuple], tuple | None]]:  # type: ignore[no-untyped-def]
    """Tables of a sheet of several: {title: (header, rows, totals row or None)}."""
    found: dict[str, Any] = {}
    rows = list(sheet.iter_rows(values_only=True))
    i = 0
    while i < len(rows):
        if rows[i] and rows[i][0] is not None and all(v is None for v in rows[i][1:]):
            title, header = rows[i][0], list(rows[i + 1])
            body = []
            i += 2
            while i < len(rows) and any(v is not None for v in rows[i]):
                body.append(rows[i])
                i += 1
            totals = body.pop() if body and body[-1][0] == "合计" else None
            found[title] = (header, body, totals)
        i += 1
    return found


def totals_row(sheet) -> tuple:  # type: ignore[no-untyped-def]
    last = list(sheet.iter_rows(min_row=sheet.max_row, max_row=sheet.max_row, values_only=True))[0]
    assert last[0] == "合计"
    return last


def sheet_values(sheet) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """{indicator key: value} of a 统计指标 sheet (codes read back through workbook.codes)."""
    from workbook.codes import KEY_OF

    return {
        KEY_OF[row[0]]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] in KEY_OF
    }


def indicator_row(sheet, key: str) -> int:  # type: ignore[no-untyped-def]
    """The sheet row of indicator `key` (1-based)."""
    from workbook.codes import CODE_OF

    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == CODE_OF[key])
