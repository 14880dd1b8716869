"""汇总 over a three-level tree: totals equal the sum of the leaves."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db.models import F, Sum
from django.urls import reverse

from audit.models import AuditEntry
from members.selectors import members_at
from records.periods import period_for
from tests.factories import UnionFactory, UnionRoleFactory, UserFactory
from unions.models import Role, UnionLevel
from welfare.models import Disbursement
from workbook.indicators import INDICATORS, add_up, indicator_values, to_text
from workbook.rollup import rollup

from .conftest import Y, make_records, read, sheet_values, table
from .factories import ExternalReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    """city → county A (grassroots g1, g2) and county B (grassroots g3); records in the leaves."""
    city = UnionFactory(name="测试市总工会", code="city", level=UnionLevel.CITY)
    county_a = UnionFactory(name="甲县总工会", code="county-a", level=UnionLevel.COUNTY, parent=city)
    county_b = UnionFactory(name="乙县总工会", code="county-b", level=UnionLevel.COUNTY, parent=city)
    g1 = UnionFactory(name="甲一厂工会", code="g1", parent=county_a)
    g2 = UnionFactory(name="甲二厂工会", code="g2", parent=county_a)
    g3 = UnionFactory(name="乙一厂工会", code="g3", parent=county_b)
    for leaf, size in ((g1, 5), (g2, 2), (g3, 9)):
        make_records(leaf, members=size)
    return {"city": city, "a": county_a, "b": county_b, "g1": g1, "g2": g2, "g3": g3}


def _client_for(union, role=Role.ADMIN):
    from django.test import Client

    user = UserFactory(username=f"{union.code}-{role}")
    UnionRoleFactory(user=user, union=union, role=role)
    client = Client()
    client.force_login(user)
    return client


def _counted_welfare(unions) -> Decimal:
    return Disbursement.objects.filter(
        union__in=unions, voided_at__isnull=True, status__in=["approved", "paid"], date__year=Y
    ).aggregate(total=Sum(F("cash_amount") + F("goods_value")))["total"]


def test_totals_equal_the_sum_of_the_leaves(tree):
    leaves = [tree["g1"], tree["g2"], tree["g3"]]
    result = rollup(union=tree["city"], year=Y)
    by_leaf = [indicator_values(union=leaf, period=period_for(leaf, Y)) for leaf in leaves]
    assert result.totals == add_up(by_leaf)
    for d in INDICATORS:
        assert result.totals[d.key] == sum((v[d.key] for v in by_leaf), d.zero), d.key
    # And against the records themselves, counted here without the selectors.
    members = sum(members_at(union=leaf, day=period_for(leaf, Y).end).count() for leaf in leaves)
    assert result.totals["members"] == members == (5 + 2) + (2 + 2) + (9 + 2)
    assert result.totals["welfare_total"] == _counted_welfare(leaves) == 3 * Decimal("4000.75")
    assert result.totals["funds_income"] == 3 * Decimal("100000.40")


def test_a_county_adds_up_only_its_own_subtree(tree):
    result = rollup(union=tree["a"], year=Y)
    assert [s.code for s in result.sources] == ["county-a", "g1", "g2"]
    assert [s.depth for s in result.sources] == [0, 1, 1]
    assert result.totals["members"] == 7 + 4
    grassroots = rollup(union=tree["g3"], year=Y)
    assert grassroots.totals == indicator_values(union=tree["g3"], period=period_for(tree["g3"], Y))


def test_the_breakdown_lists_every_union_and_sums_to_the_totals(tree):
    result = rollup(union=tree["city"], year=Y)
    assert {s.code for s in result.sources} == {"city", "county-a", "county-b", "g1", "g2", "g3"}
    for row in result.rows():
        assert sum(row.values, row.definition.zero) == row.total


def test_imported_reports_join_the_sums_of_every_union_above(tree):
    values = {d.key: to_text(d, d.zero) for d in INDICATORS}
    values.update(members="100", welfare_total="2500.50")
    ExternalReportFactory(union=tree["b"], values=values, year=Y)
    ExternalReportFactory(union=tree["b"], values=values, year=Y - 1)  # another year
    voided = ExternalReportFactory(union=tree["b"], values=values, year=Y)
    voided.void("重复导入")
    city = rollup(union=tree["city"], year=Y)
    assert city.totals["members"] == 22 + 100
    assert city.totals["welfare_total"] == 3 * Decimal("4000.75") + Decimal("2500.50")
    assert city.external_count == 1
    assert rollup(union=tree["a"], year=Y).totals["members"] == 11


def test_the_rollup_page_for_the_countys_own_users(tree):
    client = _client_for(tree["a"], Role.CLERK)
    response = client.get(reverse("workbook:rollup", args=["county-a"]), {"year": Y})
    text = response.content.decode()
    assert response.status_code == 200
    assert "甲一厂工会" in text and "甲二厂工会" in text and "乙一厂工会" not in text
    assert "11人" in text  # 会员人数 over the subtree
    assert "导出汇总工作簿" not in text  # a clerk reads, an admin exports
    assert client.get(reverse("workbook:rollup-export", args=["county-a"])).status_code == 403
    assert client.get(reverse("workbook:import", args=["county-a"])).status_code == 403
    full = client.get(reverse("workbook:rollup-indicators", args=["county-a"]), {"year": Y})
    assert full.status_code == 200 and "帮扶慰问金额合计" in full.content.decode()


def test_a_subordinate_cannot_see_its_superiors_rollup(tree):
    client = _client_for(tree["g1"])
    assert client.get(reverse("workbook:rollup", args=["county-a"])).status_code == 404


def test_the_county_admin_exports_the_rollup(tree):
    client = _client_for(tree["a"])
    response = client.get(reverse("workbook:rollup-export", args=["county-a"]), {"year": Y})
    assert response.status_code == 200
    book = read(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["封面", "统计指标", "分单位明细", "逻辑检查", "说明"]
    values = sheet_values(book["统计指标"])
    totals = rollup(union=tree["a"], year=Y).totals
    assert values["members"] == totals["members"] == 11
    assert Decimal(str(values["welfare_total"])) == totals["welfare_total"]
    header, rows = table(book["分单位明细"])
    assert [r[1] for r in rows] == ["county-a", "g1", "g2"]
    last = [c.value for c in book["分单位明细"][book["分单位明细"].max_row]]
    assert last[0] == "合计" and last[header.index("会员人数（人）")] == 11
    about = {r[0]: r[1] for r in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert about["文件类型"] == "汇总统计年报工作簿" and about["汇总单位数"] == "3"
    entry = AuditEntry.objects.get(action="workbook.rollup_exported")
    assert entry.union == tree["a"] and entry.changes["units"] == 3
