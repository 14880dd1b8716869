"""The works figures of each union of a subtree, side by side: what a federation's summary
sums (works.selectors with `subtree=True`) split by the union the records belong to, so each
total can be traced to its unions. One grouped query per record type, however many unions.

Only unions on the system have works records: an imported workbook carries the return's
indicators (workbook.importing), not the works sheets, so the units off the system are not
in these figures, and the summary says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from records.periods import Period
from unions.models import Union

from .choices import DuesItem, HomeKind, PublicityKind
from .models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome
from .selectors import ZERO, _dated, _live, _money, rate_of


@dataclass
class UnitWorks:
    """One union's works figures of the period (the keys of `FIELDS`)."""

    union_id: int
    name: str
    depth: int  # 0 for the federation itself
    values: dict[str, int | Decimal] = field(default_factory=dict)

    def __getitem__(self, key: str) -> int | Decimal:
        return self.values.get(key, ZERO if key in MONEY else 0)

    def rate(self, part: str, whole: str) -> Decimal | None:
        return rate_of(self[part], self[whole])


# key: (label, unit) — the columns of the breakdown tables.
FIELDS: dict[str, tuple[str, str]] = {
    "study_sessions": ("政治理论学习", "次"),
    "study_persons": ("参加学习", "人次"),
    "articles_submitted": ("报送稿件", "篇"),
    "articles_adopted": ("采用稿件", "篇"),
    "info_submitted": ("报送信息", "条"),
    "info_adopted": ("采用信息", "条"),
    "homes_built": ("新建职工之家", "个"),
    "libraries_built": ("新建职工书屋", "个"),
    "homes_total": ("职工之家", "个"),
    "libraries_total": ("职工书屋", "个"),
    "care_persons": ("关爱劳模", "人次"),
    "care_amount": ("关爱劳模金额", "元"),
    "dues_due": ("会费应缴", "元"),
    "dues_paid": ("会费实缴", "元"),
    "allocation_due": ("拨缴经费应缴", "元"),
    "allocation_paid": ("拨缴经费实缴", "元"),
    "inspections": ("安全检查", "次"),
    "hazards_found": ("发现隐患", "处"),
    "hazards_fixed": ("已整改隐患", "处"),
    "innovations": ("创新成果", "项"),
    "benefit_wan": ("创新效益", "万元"),
}
MONEY = {key for key, (_, unit) in FIELDS.items() if unit in ("元", "万元")}


def _grouped(qs, **aggregates) -> dict[int, dict]:  # type: ignore[no-untyped-def]
    return {row.pop("union_id"): row for row in qs.values("union_id").annotate(**aggregates).order_by()}


def works_by_union(*, union: Union, period: Period) -> list[UnitWorks]:
    """Every union of `union`'s subtree with any works record, in the tree's order."""
    sub = {"subtree": True}
    study, article, info = (
        Q(kind=k) for k in (PublicityKind.STUDY, PublicityKind.ARTICLE, PublicityKind.INFO)
    )
    home, library = Q(kind=HomeKind.HOME), Q(kind=HomeKind.LIBRARY)
    built = Q(built_on__gte=period.start)
    found: dict[int, dict] = {}
    for rows in (
        _grouped(
            _dated(Publicity, union, period, **sub),
            study_sessions=Count("id", filter=study),
            study_persons=Sum("participants", filter=study),
            articles_submitted=Sum("submitted", filter=article),
            articles_adopted=Sum("adopted", filter=article),
            info_submitted=Sum("submitted", filter=info),
            info_adopted=Sum("adopted", filter=info),
        ),
        _grouped(
            _live(WorkersHome, union, True).filter(built_on__lte=period.end),
            homes_built=Count("id", filter=home & built),
            libraries_built=Count("id", filter=library & built),
            homes_total=Count("id", filter=home),
            libraries_total=Count("id", filter=library),
        ),
        _grouped(
            _dated(ModelWorkerCare, union, period, **sub),
            care_persons=Sum("persons"),
            care_amount=_money("amount"),
        ),
        _grouped(
            _dated(DuesCollection, union, period, **sub),
            dues_due=_money("due", Q(item=DuesItem.DUES)),
            dues_paid=_money("paid", Q(item=DuesItem.DUES)),
            allocation_due=_money("due", ~Q(item=DuesItem.DUES)),
            allocation_paid=_money("paid", ~Q(item=DuesItem.DUES)),
        ),
        _grouped(
            _dated(SafetyInspection, union, period, **sub),
            inspections=Count("id"),
            hazards_found=Sum("hazards_found"),
            hazards_fixed=Sum("hazards_fixed"),
        ),
        _grouped(
            _dated(Innovation, union, period, **sub), innovations=Count("id"), benefit_wan=_money("benefit")
        ),
    ):
        for union_id, values in rows.items():
            found.setdefault(union_id, {}).update({k: v for k, v in values.items() if v is not None})
    if not found:
        return []
    base = len(union.path)
    unions = Union.objects.filter(pk__in=found).order_by("path").values_list("pk", "name", "path")
    return [UnitWorks(pk, name, int(len(path) > base), found[pk]) for pk, name, path in unions]


def total(rows: list[UnitWorks], key: str) -> int | Decimal:
    return sum((row[key] for row in rows), ZERO if key in MONEY else 0)
