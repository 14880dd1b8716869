"""Warnings at entry when a payout passes the union's 慰问标准 or a person's yearly cap.

A warning is for the clerk to confirm, never a block: a serious illness may justify more
than the standard. What a person already received counts every live record of the
statistical year that is not rejected (drafts too: they are about to be given)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, Sum
from django.db.models.functions import Coalesce

from members.models import Member
from records.money import ZERO, format_amount
from records.periods import current_period
from unions.models import Union

from .choices import DisbursementStatus
from .models import Disbursement
from .standard_models import WelfareStandard

CONFIRM_HINT = "如确需超标发放，请勾选“已核对，仍按此金额发放”后再次提交。"


@dataclass(frozen=True)
class OverCap:
    """One person whose year would pass a cap with this payout."""

    member: Member
    rule: WelfareStandard
    given: Decimal  # already received this year under the rule
    adding: Decimal

    @property
    def after(self) -> Decimal:
        return self.given + self.adding

    @property
    def text(self) -> str:
        return (
            f"{self.member.name}本年度已领{self.rule.scope_display} {format_amount(self.given)} 元，"
            f"加上本次 {format_amount(self.adding)} 元共 {format_amount(self.after)} 元，"
            f"超过每人每年上限 {format_amount(self.rule.yearly_cap)} 元。"
        )


@dataclass(frozen=True)
class PayoutWarnings:
    over_standard: list[str]
    over_cap: list[OverCap]

    def __bool__(self) -> bool:
        return bool(self.over_standard or self.over_cap)

    @property
    def texts(self) -> list[str]:
        return [*self.over_standard, *(o.text for o in self.over_cap)]


def rules_for(*, union: Union, kind: str, festival: str) -> list[WelfareStandard]:
    rules = WelfareStandard.objects.live().filter(union=union)
    return [r for r in rules if r.applies_to(kind, festival)]


def standard_for(*, union: Union, kind: str, festival: str) -> WelfareStandard | None:
    """The most specific rule with a standard amount (the festival's before the kind's)."""
    found = [r for r in rules_for(union=union, kind=kind, festival=festival) if r.standard_amount is not None]
    return max(found, key=lambda r: (bool(r.kind), bool(r.festival)), default=None)


def _received(
    *, union: Union, member_ids: list[int], day: dt.date, exclude_ids: Iterable[int]
) -> dict[int, list[tuple[str, str, Decimal]]]:
    """Per member: (kind, festival, amount) sums of the statistical year around `day`."""
    period = current_period(union, day)
    rows = (
        Disbursement.objects.filter(
            union=union,
            voided_at__isnull=True,
            member_id__in=member_ids,
            date__range=(period.start, period.end),
        )
        .exclude(status=DisbursementStatus.REJECTED)
        .exclude(pk__in=list(exclude_ids))
        .values("member_id", "kind", "festival")
        .annotate(
            amount=Coalesce(
                Sum(F("cash_amount") + F("goods_value")), ZERO, output_field=DecimalField(max_digits=14)
            )
        )
    )
    received: dict[int, list[tuple[str, str, Decimal]]] = defaultdict(list)
    for row in rows:
        received[row["member_id"]].append((row["kind"], row["festival"], row["amount"]))
    return received


def payout_warnings(
    *,
    union: Union,
    kind: str,
    festival: str,
    day: dt.date,
    per_person: Decimal,
    members: Iterable[Member] = (),
    exclude_ids: Iterable[int] = (),
) -> PayoutWarnings:
    """What to warn about before giving `per_person` of `kind` to each of `members` on `day`.
    `exclude_ids`: the record being edited, so it is not counted twice."""
    rules = rules_for(union=union, kind=kind, festival=festival)
    over_standard = []
    standard = standard_for(union=union, kind=kind, festival=festival)
    if standard is not None and per_person > standard.standard_amount:
        over_standard.append(
            f"每人 {format_amount(per_person)} 元，超过{standard.scope_display}标准 "
            f"{format_amount(standard.standard_amount)} 元。"
        )
    caps = [r for r in rules if r.yearly_cap is not None]
    members = list(members)
    over_cap: list[OverCap] = []
    if caps and members:
        received = _received(
            union=union, member_ids=[m.pk for m in members], day=day, exclude_ids=exclude_ids
        )
        for member in members:
            for rule in caps:
                given = sum(
                    (a for k, f, a in received.get(member.pk, []) if rule.applies_to(k, f)), Decimal("0")
                )
                if given + per_person > rule.yearly_cap:
                    over_cap.append(OverCap(member=member, rule=rule, given=given, adding=per_person))
                    break  # one line per person: the first cap passed says enough
    return PayoutWarnings(over_standard=over_standard, over_cap=over_cap)
