"""Figures of union funds (经费) for the summary page, the annual report and the workbook."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Sum
from django.db.models.functions import Coalesce

from records.by_union import rows_by_union
from records.memo import per_union
from records.periods import Period
from unions.models import Union

from .choices import INCOME_CATEGORIES, SPENDING_CATEGORIES, WELFARE_LINE_KEY, WELFARE_LINE_LABEL
from .models import FundAudit, FundEntry

ZERO = Decimal("0")


@dataclass(frozen=True)
class CategoryAmount:
    key: str
    label: str
    amount: Decimal  # 元
    derived: bool = False  # computed from another app's records, not typed as fund entries


@dataclass(frozen=True)
class FundSummary:
    period: Period
    income: tuple[CategoryAmount, ...]  # every income category, in the vocabulary's order
    spending: tuple[CategoryAmount, ...]  # every spending category, then the welfare line

    @property
    def income_total(self) -> Decimal:
        return sum((line.amount for line in self.income), ZERO)

    @property
    def spending_total(self) -> Decimal:
        return sum((line.amount for line in self.spending), ZERO)

    @property
    def balance(self) -> Decimal:
        """Income less spending in the period (本年结余); negative when spending exceeded it."""
        return self.income_total - self.spending_total

    @property
    def welfare_disbursements(self) -> Decimal:
        return self.line(WELFARE_LINE_KEY).amount

    def line(self, key: str) -> CategoryAmount:
        return next(line for line in self.income + self.spending if line.key == key)


def welfare_spending(*, union: Union, period: Period) -> Decimal:
    """Welfare disbursements paid in the period from union funds (工会经费), as recorded in
    the welfare app. Imported here so that funds does not depend on welfare at import time."""
    from welfare.selectors import disbursements_paid_from_union_funds

    return disbursements_paid_from_union_funds(union=union, period=period)


@per_union
def fund_summary(*, unions: Sequence[Union], period: Period) -> dict[int, FundSummary]:
    from welfare.selectors import disbursements_paid_from_union_funds

    grouped = rows_by_union(
        FundEntry.objects.filter(voided_at__isnull=True, date__range=(period.start, period.end)),
        unions,
        "category",
        total=Coalesce(Sum("amount"), ZERO, output_field=DecimalField()),
    )
    # Through the one-union selector: it answers the scope's peers together.
    welfare = {u.pk: disbursements_paid_from_union_funds(union=u, period=period) for u in unions}
    return {
        pk: _fund_summary(period, {r["category"]: r["total"] for r in rows}, welfare[pk])
        for pk, rows in grouped.items()
    }


def _fund_summary(period: Period, totals: dict[str, Decimal], welfare: Decimal) -> FundSummary:
    income = tuple(
        CategoryAmount(c.value, str(c.label), totals.get(c.value, ZERO)) for c in INCOME_CATEGORIES
    )
    spending = tuple(
        CategoryAmount(c.value, str(c.label), totals.get(c.value, ZERO)) for c in SPENDING_CATEGORIES
    ) + (CategoryAmount(WELFARE_LINE_KEY, str(WELFARE_LINE_LABEL), Decimal(welfare), derived=True),)
    return FundSummary(period=period, income=income, spending=spending)


def audits_for_year(*, union: Union, year: int) -> list[FundAudit]:
    return list(
        FundAudit.objects.filter(union=union, year=year, voided_at__isnull=True).order_by("audited_on", "id")
    )
