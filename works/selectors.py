"""Figures of publicity, 建家, model-worker care, dues, safety and innovation, for the report,
the workbook and the lists. Every figure counts one union's live (not voided) records dated
in the period; 职工之家 also stand as a stock at the period's end (built on or before it).

With `subtree=True` a figure counts the records of the union and of every union below it on
the system (a federation's summary); `works.breakdown` gives the same figures per union."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from records.periods import Period
from reports.figures import percent
from unions.models import Union

from .choices import CareKind, DuesItem, HomeKind, HomeLevel, InnovationLevel, OutletLevel, PublicityKind
from .models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome

ZERO = Decimal("0")
rate_of = percent  # one rule for every rate: part / whole in %, one decimal, None for a zero whole


def _money(field: str, condition: Q | None = None) -> Coalesce:
    return Coalesce(Sum(field, filter=condition), ZERO, output_field=DecimalField())


def _live(model: type, union: Union, subtree: bool = False) -> QuerySet:
    if subtree:
        below = Union.objects.filter(path__startswith=union.path).values("pk")
        return model.objects.filter(union__in=below, voided_at__isnull=True)
    return model.objects.filter(union=union, voided_at__isnull=True)


def _dated(model: type, union: Union, period: Period, field: str = "date", subtree: bool = False) -> QuerySet:
    return _live(model, union, subtree).filter(**{f"{field}__range": (period.start, period.end)})


# --- querysets of the period, for the workbook's sheets -------------------------------------


def publicity_in(*, union: Union, period: Period) -> QuerySet[Publicity]:
    return _dated(Publicity, union, period).order_by("date", "id")


def homes_at(*, union: Union, period: Period) -> QuerySet[WorkersHome]:
    """The homes and libraries standing at the period's end."""
    return _live(WorkersHome, union).filter(built_on__lte=period.end).order_by("built_on", "id")


def care_in(*, union: Union, period: Period, subtree: bool = False) -> QuerySet[ModelWorkerCare]:
    qs = _dated(ModelWorkerCare, union, period, subtree=subtree)
    return qs.select_related("member").order_by("date", "id")


def dues_in(*, union: Union, period: Period) -> QuerySet[DuesCollection]:
    return _dated(DuesCollection, union, period).order_by("date", "id")


def inspections_in(*, union: Union, period: Period, subtree: bool = False) -> QuerySet[SafetyInspection]:
    return _dated(SafetyInspection, union, period, subtree=subtree).order_by("date", "id")


def innovations_in(*, union: Union, period: Period) -> QuerySet[Innovation]:
    return _dated(Innovation, union, period).order_by("date", "id")


# --- publicity ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelCount:
    level: str
    label: str
    count: int


@dataclass(frozen=True)
class PublicitySummary:
    study_sessions: int  # 次
    study_persons: int  # 人次
    articles_submitted: int  # 篇
    articles_adopted: int
    info_submitted: int  # 条
    info_adopted: int
    articles_by_level: tuple[LevelCount, ...]  # adopted, highest level first
    info_by_level: tuple[LevelCount, ...]


def _by_level(rows: QuerySet, choices: type, field: str = "outlet_level", value: str = "n") -> tuple:
    found = {row[field]: row[value] for row in rows}
    return tuple(
        LevelCount(str(c.value), str(c.label), found[c.value]) for c in choices if found.get(c.value)
    )


def publicity_summary(*, union: Union, period: Period, subtree: bool = False) -> PublicitySummary:
    qs = _dated(Publicity, union, period, subtree=subtree)
    study, article, info = (
        Q(kind=PublicityKind.STUDY),
        Q(kind=PublicityKind.ARTICLE),
        Q(kind=PublicityKind.INFO),
    )
    totals = qs.aggregate(
        sessions=Count("id", filter=study),
        persons=Coalesce(Sum("participants", filter=study), 0),
        a_sub=Coalesce(Sum("submitted", filter=article), 0),
        a_ad=Coalesce(Sum("adopted", filter=article), 0),
        i_sub=Coalesce(Sum("submitted", filter=info), 0),
        i_ad=Coalesce(Sum("adopted", filter=info), 0),
    )

    def levels(kind: str) -> tuple[LevelCount, ...]:
        rows = qs.filter(kind=kind, adopted__gt=0).values("outlet_level").annotate(n=Sum("adopted"))
        return _by_level(rows, OutletLevel)

    return PublicitySummary(
        study_sessions=totals["sessions"],
        study_persons=totals["persons"],
        articles_submitted=totals["a_sub"],
        articles_adopted=totals["a_ad"],
        info_submitted=totals["i_sub"],
        info_adopted=totals["i_ad"],
        articles_by_level=levels(PublicityKind.ARTICLE),
        info_by_level=levels(PublicityKind.INFO),
    )


def study_titles(*, union: Union, period: Period, subtree: bool = False) -> list[str]:
    """The study sessions' subjects, the best attended first."""
    qs = _dated(Publicity, union, period, subtree=subtree).filter(kind=PublicityKind.STUDY)
    return list(qs.order_by("-participants", "date", "id").values_list("title", flat=True))


# --- 职工之家 / 职工书屋 ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Recognition:
    kind: str
    level: str
    level_label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class HomesSummary:
    homes_built: int  # in the period
    libraries_built: int
    homes_total: int  # standing at the period's end
    libraries_total: int
    books_total: int  # 册, of the homes and libraries standing
    model_homes_by_level: tuple[LevelCount, ...]  # 模范职工之家 standing, highest level first
    recognised: tuple[Recognition, ...]  # titles given in the period, highest level first


def homes_summary(*, union: Union, period: Period, subtree: bool = False) -> HomesSummary:
    standing = _live(WorkersHome, union, subtree).filter(built_on__lte=period.end)
    home, library = Q(kind=HomeKind.HOME), Q(kind=HomeKind.LIBRARY)
    built = Q(built_on__gte=period.start)
    totals = standing.aggregate(
        homes_built=Count("id", filter=home & built),
        libraries_built=Count("id", filter=library & built),
        homes=Count("id", filter=home),
        libraries=Count("id", filter=library),
        books=Coalesce(Sum("books"), 0),
    )
    model_rows = (
        standing.filter(home, recognised_on__lte=period.end)
        .exclude(level="")
        .values("level")
        .annotate(n=Count("id"))
    )
    given = standing.filter(recognised_on__range=(period.start, period.end)).exclude(level="")
    names: dict[tuple[str, str], list[str]] = {}
    rows = given.order_by("recognised_on", "id").values_list(
        "kind", "level", "name", "union_id", "union__name"
    )
    for kind, level, name, union_id, union_name in rows:
        # Over a subtree, a home below is named with its union: 红星机械厂工会机修车间职工之家.
        if union_id != union.pk and union_name not in name:
            name = f"{union_name}{name}"
        names.setdefault((kind, level), []).append(name)
    recognised = tuple(
        Recognition(kind, lvl.value, str(lvl.label), tuple(names[(kind, lvl.value)]))
        for lvl in HomeLevel
        for kind in (HomeKind.HOME, HomeKind.LIBRARY)
        if (kind, lvl.value) in names
    )
    return HomesSummary(
        homes_built=totals["homes_built"],
        libraries_built=totals["libraries_built"],
        homes_total=totals["homes"],
        libraries_total=totals["libraries"],
        books_total=totals["books"],
        model_homes_by_level=_by_level(model_rows, HomeLevel, field="level"),
        recognised=recognised,
    )


# --- model workers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CareLine:
    kind: str
    label: str
    records: int
    persons: int
    amount: Decimal


@dataclass(frozen=True)
class CareSummary:
    lines: tuple[CareLine, ...]  # kinds that occurred, in vocabulary order
    members: int  # distinct 劳模 named on the records

    def line(self, kind: str) -> CareLine:
        for line in self.lines:
            if line.kind == kind:
                return line
        return CareLine(kind, str(CareKind(kind).label), 0, 0, ZERO)

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def persons(self) -> int:
        return sum(line.persons for line in self.lines)


def care_summary(*, union: Union, period: Period, subtree: bool = False) -> CareSummary:
    qs = _dated(ModelWorkerCare, union, period, subtree=subtree)
    rows = {
        r["kind"]: r
        for r in qs.values("kind").annotate(
            records=Count("id"), n_persons=Sum("persons"), total=_money("amount")
        )
    }
    lines = tuple(
        CareLine(
            str(k.value),
            str(k.label),
            rows[k.value]["records"],
            rows[k.value]["n_persons"],
            rows[k.value]["total"],
        )
        for k in CareKind
        if k.value in rows
    )
    members = qs.exclude(member=None).values("member").distinct().count()
    return CareSummary(lines=lines, members=members)


# --- dues ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuesLine:
    item: str
    label: str
    due: Decimal
    paid: Decimal

    @property
    def rate(self) -> Decimal | None:
        return rate_of(self.paid, self.due)


def dues_summary(*, union: Union, period: Period, subtree: bool = False) -> tuple[DuesLine, ...]:
    """应缴 and 实缴 by item (会费, 拨缴经费), items with records only."""
    rows = {
        r["item"]: r
        for r in _dated(DuesCollection, union, period, subtree=subtree)
        .values("item")
        .annotate(d=_money("due"), p=_money("paid"))
    }
    return tuple(
        DuesLine(str(i.value), str(i.label), rows[i.value]["d"], rows[i.value]["p"])
        for i in DuesItem
        if i.value in rows
    )


# --- safety ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SafetySummary:
    inspections: int  # 次
    hazards_found: int  # 处
    hazards_fixed: int
    measures: int  # 条

    @property
    def fix_rate(self) -> Decimal | None:
        return rate_of(self.hazards_fixed, self.hazards_found)


def safety_summary(*, union: Union, period: Period, subtree: bool = False) -> SafetySummary:
    t = _dated(SafetyInspection, union, period, subtree=subtree).aggregate(
        n=Count("id"),
        found=Coalesce(Sum("hazards_found"), 0),
        fixed=Coalesce(Sum("hazards_fixed"), 0),
        n_measures=Coalesce(Sum("measures"), 0),
    )
    return SafetySummary(t["n"], t["found"], t["fixed"], t["n_measures"])


# --- innovation ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InnovationSummary:
    count: int  # 项
    by_level: tuple[LevelCount, ...]  # highest level first
    benefit_wan: Decimal  # 万元, as entered

    @property
    def benefit_yuan(self) -> Decimal:
        return self.benefit_wan * 10000


def innovation_summary(*, union: Union, period: Period, subtree: bool = False) -> InnovationSummary:
    qs = _dated(Innovation, union, period, subtree=subtree)
    totals = qs.aggregate(n=Count("id"), benefit_total=_money("benefit"))
    rows = qs.values("level").annotate(n=Count("id"))
    return InnovationSummary(
        totals["n"], _by_level(rows, InnovationLevel, field="level"), totals["benefit_total"]
    )


def innovations_biggest(*, union: Union, period: Period, subtree: bool = False) -> list[Innovation]:
    """The results with a benefit, the largest first."""
    qs = _dated(Innovation, union, period, subtree=subtree).filter(benefit__gt=0).select_related("union")
    return list(qs.order_by("-benefit", "date", "id"))
