"""The union's local 低保 standard: read as the default of new hardship files and reviews."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from unions.models import Union

from .standard_models import LocalLivingLine


def local_living_line(*, union: Union) -> LocalLivingLine | None:
    return LocalLivingLine.objects.filter(union=union).first()


def local_living_line_amount(*, union: Union) -> Decimal | None:
    setting = local_living_line(union=union)
    return setting.amount if setting else None


@transaction.atomic
def local_living_line_set(*, union: Union, amount: Decimal | None, basis: str = "") -> LocalLivingLine:
    setting = LocalLivingLine.objects.select_for_update().filter(union=union).first()
    setting = setting or LocalLivingLine(union=union)
    setting.amount = amount
    setting.basis = basis.strip()
    setting.full_clean()
    setting.save()
    return setting
