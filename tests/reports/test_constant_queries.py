"""The report's assembly and the dashboard ask the database the same number of questions
for a small union and one four times its size: nothing is fetched per member or per record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.load_data import generate_load_data
from reports.document import assemble
from reports.services import report_start

pytestmark = pytest.mark.django_db

YEAR = 2024
TODAY = dt.date(2025, 6, 30)


def _union(code: str, members: int):
    return generate_load_data(code=code, members=members, year=YEAR, today=TODAY).union


def _queries(work) -> int:
    for name in ("default", "fragments"):
        caches[name].clear()  # cold, as after any write
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def _admin(union):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=f"{union.code}-admin")


def test_assembly_and_the_cold_dashboard_do_not_grow_with_the_union():
    small, large = _union("small-load", 60), _union("large-load", 240)
    counts = {}
    for union in (small, large):
        report = report_start(union=union, year=YEAR, actor=_admin(union))
        client = Client()
        client.force_login(_admin(union))
        home = reverse("unions:home", kwargs={"code": union.code}) + f"?year={YEAR}"
        assert client.get(home).status_code == 200
        assemble(report)  # warm: ContentTypes and such, cached per process
        counts[union.code] = (
            _queries(lambda report=report: assemble(report)),
            _queries(lambda client=client, home=home: client.get(home)),
        )
    assert counts["small-load"] == counts["large-load"], counts
    assemble_queries = counts["small-load"][0]
    # One pass for membership, one for the welfare totals; 115 with every section of the
    # merged product (works, aid, the opening's headline); a grassroots union does not roll
    # itself up for the subtree section. Constant is the guarantee.
    assert assemble_queries <= 115, counts
    # The dashboard's statistics-return checks count what its cards count, once
    # (records.memo.figures_scope): 68 queries when each asked for itself.
    assert counts["small-load"][1] <= 50, counts


def test_a_federations_assembly_does_not_grow_with_its_units():
    from django.core.management import call_command

    from unions.models import Union, UnionLevel

    counts = {}
    for code, units in (("pa", 2), ("pb", 5)):
        call_command(
            "generate_province",
            *("--code", code, "--cities", "1", "--counties", "1"),
            *("--unions", str(units), "--members", str(units * 120)),
            stdout=None,
        )
        county = Union.objects.get(
            level=UnionLevel.COUNTY, path__startswith=Union.objects.get(code=code).path
        )
        year = dt.date.today().year - 1  # the generated data spans last year and this one
        report = report_start(union=county, year=year, actor=_admin(county))
        assemble(report)  # warm, and the units' figures stored: the rest is the summary's own
        counts[units] = _queries(lambda report=report: assemble(report))
    assert counts[2] == counts[5], counts
