"""The union's cadres (工会干部): who holds which post, full- or part-time, for which term."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, Count, Q, Value, When

from records.by_union import aggregate_by_union, rows_by_union
from records.filters import BoolFilter, ChoiceFilter
from records.forms import RecordForm
from records.memo import per_union
from records.periods import Period
from records.viewsets import Column, RecordViewSet
from unions.models import Union

from .choices import COMMITTEE_POSTS, CadrePost, Gender
from .models import Cadre


class CadreForm(RecordForm):
    class Meta:
        model = Cadre
        fields = ["member", "post", "full_time", "term", "start_date", "end_date", "notes"]


class ServingFilter(BoolFilter):
    """Serving today (the default), or every post ever held."""

    def options(self, union: Union) -> list[tuple[str, str]]:
        return [("1", "现任"), ("0", "已离任"), ("all", "全部")]

    def default(self, union: Union) -> str:
        return "1"

    def apply(self, qs, value, union):  # type: ignore[no-untyped-def]
        today = dt.date.today()
        serving = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gt=today))
        if value == "1":
            return qs.filter(serving)
        if value == "0":
            return qs.exclude(serving)
        return qs


# Posts listed by rank (主席, 副主席, 委员, …), the order of CadrePost, not alphabetically.
POST_RANK = Case(*[When(post=value, then=Value(rank)) for rank, (value, _) in enumerate(CadrePost.choices)])


cadres = RecordViewSet(
    model=Cadre,
    form_class=CadreForm,
    namespace="members",
    prefix="cadre",
    columns=[
        Column("姓名", "member.name", link=True),
        Column("职务", "post"),
        Column("专职/兼职", lambda c: "专职" if c.full_time else "兼职"),
        Column("届次", "term"),
        Column("任职日期", "start_date"),
        Column("离任日期", "end_date"),
    ],
    filters=[
        ServingFilter(param="serving", label="任职状态", field_name=""),
        ChoiceFilter(param="post", label="职务", field_name="post", choices=CadrePost.choices),
    ],
    search_fields=["member__name", "term"],
    search_placeholder="姓名或届次",
    select_related=["member"],
    ordering=[POST_RANK, "start_date", "id"],
)


@dataclass(frozen=True)
class CadreFigures:
    total: int  # people holding any post at the period's end
    full_time: int
    part_time: int
    women: int
    committee: int  # on the union committee itself (主席, 副主席, 委员)
    new_terms: tuple[str, ...]  # 届次 whose posts began in the period (换届)


@per_union
def cadre_figures(*, unions: Sequence[Union], period: Period) -> dict[int, CadreFigures]:
    people = aggregate_by_union(
        Cadre.objects.serving_on(period.end),
        unions,
        total=Count("member", distinct=True),
        full_time=Count("member", distinct=True, filter=Q(full_time=True)),
        women=Count("member", distinct=True, filter=Q(member__gender=Gender.FEMALE)),
        committee=Count("member", distinct=True, filter=Q(post__in=COMMITTEE_POSTS)),
    )
    terms = rows_by_union(
        Cadre.objects.live()
        .filter(start_date__range=(period.start, period.end), post__in=COMMITTEE_POSTS)
        .exclude(term="")
        .order_by("term")
        .distinct(),
        unions,
        "term",
    )
    return {
        pk: CadreFigures(
            total=found["total"],
            full_time=found["full_time"],
            part_time=found["total"] - found["full_time"],
            women=found["women"],
            committee=found["committee"],
            new_terms=tuple(sorted(row["term"] for row in terms[pk])),
        )
        for pk, found in people.items()
    }
