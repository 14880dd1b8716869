"""A federation's return (基层以上工会调查表): the checks run on its totals and on every
source of its roll-up, the unions on the system and the imported workbooks, so the county
knows whom to chase."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from records.periods import period_for
from unions.models import Union

from ..models import ExternalReport
from ..rollup import Rollup, RollupSource
from .links import figure_url
from .review import Review, review_values


@dataclass(frozen=True)
class SourceReview:
    source: RollupSource
    review: Review
    url: str  # the union's dashboard, or the imported report's page


@dataclass(frozen=True)
class FederationReview:
    totals: Review
    sources: tuple[SourceReview, ...]

    @property
    def failing(self) -> list[SourceReview]:
        """Sources with an error: the ones to chase, in the roll-up's order."""
        return [s for s in self.sources if s.review.errors]

    @property
    def warned(self) -> list[SourceReview]:
        return [s for s in self.sources if not s.review.errors and s.review.warnings]


def review_rollup(rollup: Rollup) -> FederationReview:
    top = rollup.union
    unions = {u.pk: u for u in top.descendants(include_self=True)}
    # An imported report's page is under the union that imported it.
    importer = dict(
        ExternalReport.objects.filter(
            pk__in=[s.external_id for s in rollup.sources if s.external_id]
        ).values_list("pk", "union__code")
    )
    reviews = []
    for source in rollup.sources:
        if source.union_id is not None:
            union = unions[source.union_id]
            period = period_for(union, rollup.year)

            def url_of(key: str, union: Union = union, period=period) -> str:  # type: ignore[no-untyped-def]
                return figure_url(key, union=union, period=period)

            review = review_values(source.values, url_of=url_of)
            url = reverse("unions:home", args=[union.code])
        else:
            review = review_values(source.values)
            url = reverse("workbook:external-detail", args=[importer[source.external_id], source.external_id])
        reviews.append(SourceReview(source, review, url))
    return FederationReview(totals=review_values(rollup.totals), sources=tuple(reviews))
