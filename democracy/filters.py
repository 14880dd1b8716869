"""List filters particular to democratic management."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from records.filters import Filter, YearFilter
from unions.models import Union

from .choices import ContractStatus


@dataclass
class AnyYearFilter(YearFilter):
    """A year filter that starts on all years: contracts run for several years, so the
    ones in force were mostly signed before the current one."""

    def default(self, union: Union) -> str:
        return "all"


@dataclass
class ContractStatusFilter(Filter):
    param: str = "status"
    label: str = "状态"

    def options(self, union: Union) -> list[tuple[str, str]]:
        return [("", "全部")] + [(str(s.value), str(s.label)) for s in ContractStatus]

    def apply(self, qs: QuerySet, value: str, union: Union) -> QuerySet:
        today = timezone.localdate()
        if value == ContractStatus.PENDING:
            return qs.filter(start_date__gt=today)
        if value == ContractStatus.IN_FORCE:
            return qs.filter(start_date__lte=today, end_date__gte=today)
        if value == ContractStatus.EXPIRED:
            return qs.filter(end_date__lt=today)
        return qs
