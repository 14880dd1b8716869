"""Export what you see (issue #13 item 8): every record list exports its current filtered
view to xlsx through the workbook's safe writer, with the viewer's masking rules.

The generic tests run over every list the URL patterns register (`*-export`), so a new
record kind is covered without editing this file."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import resolve, reverse

from audit.models import AuditEntry
from records.list_export import EXPORTED
from tests.factories import BranchFactory, MemberFactory
from tests.records.rules import export_url_names
from tests.rules import collect
from tests.welfare.factories import DisbursementFactory, DonationDriveFactory

pytestmark = pytest.mark.django_db

BUILDERS = {name: build for name, (_, build) in collect("URL_RULES").items() if build}
EXPORTS = export_url_names()
ID = "11010519491231002X"


def _stem(export_name: str) -> str:
    return export_name.removesuffix("-export")


def _viewset(export_name: str, union):
    view = resolve(reverse(export_name, args=[union.code])).func
    return view.__wrapped__.__self__  # union_view wraps the viewset's bound export_view


def _book(response) -> openpyxl.Workbook:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _rows(response) -> list[tuple]:
    sheet = _book(response).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def _broadest(client, list_url: str) -> dict[str, str]:
    """Every filter of the list set to its widest option (全部 / 全部年度 / 不限)."""
    widgets = client.get(list_url).context["widgets"]
    query = {}
    for w in widgets:
        values = [v for v, _ in w["options"]]
        query[w["param"]] = "all" if "all" in values else ""
    return query


def test_every_record_list_has_an_export():
    assert len(EXPORTS) >= 17  # the viewsets of activities, democracy, funds, members, rights, welfare
    for name in EXPORTS:
        assert f"{_stem(name)}-detail" in BUILDERS, f"no builder for {name}'s records"


@pytest.mark.parametrize("name", EXPORTS)
def test_the_export_holds_exactly_the_rows_the_list_selects(clerk_client, union, other_union, name):
    stem = _stem(name)
    BUILDERS[f"{stem}-detail"](union)
    BUILDERS[f"{stem}-detail"](other_union)  # never in this union's file
    list_url = reverse(f"{stem}-list", args=[union.code])
    export_url = reverse(name, args=[union.code])
    columns = [c.label for c in _viewset(name, union).columns]
    for query in ({}, _broadest(clerk_client, list_url)):
        shown = clerk_client.get(list_url, query).context["page"].paginator.count
        rows = _rows(clerk_client.get(export_url, query))
        assert list(rows[0]) == columns, name
        assert len(rows) - 1 == shown, (name, query)
    assert shown == 1, name  # with every filter wide open, the one record of this union


@pytest.mark.parametrize("name", EXPORTS)
def test_another_union_and_anonymous_users_get_nothing(client, outsider_client, union, name):
    url = reverse(name, args=[union.code])
    assert outsider_client.get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_filters_and_search_apply_and_values_keep_their_types(clerk_client, union):
    branch = BranchFactory(union=union, name="机加分会")
    zhao = MemberFactory(union=union, name="赵一", branch=branch)
    DisbursementFactory(
        union=union,
        member=zhao,
        kind="festival",
        festival="spring",
        date=dt.date(2025, 1, 20),
        cash_amount=Decimal("1234.50"),
        goods_value=Decimal("200"),
        goods_description="米油",
    )
    DisbursementFactory(
        union=union, member=None, recipient_name="钱二", kind="funeral", date=dt.date(2025, 3, 1)
    )
    DisbursementFactory(union=union, member=zhao, kind="medical", date=dt.date(2024, 5, 1))
    url = reverse("welfare:disbursement-export", args=[union.code])

    rows = _rows(clerk_client.get(url, {"year": "2025", "branch": branch.pk}))
    assert len(rows) == 2
    header, (day, kind, who, cash, goods, total, source, status) = rows
    assert header[:3] == ("日期", "类型", "对象")
    assert day == dt.datetime(2025, 1, 20) and kind == "节日慰问（春节）" and who == str(zhao)
    assert (cash, goods, total) == (1234.5, 200, 1434.5)  # numbers, not "1,234.50" text
    assert (source, status) == ("工会经费", "草稿")  # labels, not internal keys

    searched = _rows(clerk_client.get(url, {"year": "2025", "q": "钱"}))
    assert [r[2] for r in searched[1:]] == ["钱二"]
    assert len(_rows(clerk_client.get(url, {"year": "all"}))) == 4
    assert len(_rows(clerk_client.get(url, {"year": "2025", "kind": "medical"}))) == 1  # the header only


def test_the_export_is_logged_with_the_filters_in_words(clerk_client, clerk, union):
    DisbursementFactory(union=union, date=dt.date(2025, 1, 20), kind="festival", festival="spring")
    clerk_client.get(
        reverse("welfare:disbursement-export", args=[union.code]), {"year": "2025", "kind": "festival"}
    )
    entry = AuditEntry.objects.get(action=EXPORTED)
    assert entry.actor == clerk
    assert entry.changes["rows"] == 1 and entry.changes["list"] == "帮扶慰问发放"
    assert "年度：2025年" in entry.changes["filters"] and "类型：节日慰问" in entry.changes["filters"]


def test_ids_in_free_text_are_masked_unless_the_viewer_may_see_them(clerk_client, admin_client_, union):
    DonationDriveFactory(union=union, title='=HYPERLINK("http://x")', beneficiary=f"资助{ID}家庭")
    url = reverse("welfare:donation-export", args=[union.code])
    query = {"year": "2025"}
    clerk_book = _book(clerk_client.get(url, query))
    clerk_rows = list(clerk_book.worksheets[0].iter_rows(values_only=True))
    assert ID not in str(clerk_rows) and "资助**************002X家庭" in str(clerk_rows)
    title = clerk_book.worksheets[0]["B2"]
    assert title.value.startswith("=HYPERLINK") and title.data_type == "s"  # text, never a formula
    assert ID in str(_rows(admin_client_.get(url, query)))  # 管理员 may see full IDs


def test_the_list_page_links_its_own_filters_to_the_export(clerk_client, union):
    page = clerk_client.get(
        reverse("welfare:disbursement-list", args=[union.code]), {"year": "2025", "q": "赵"}
    )
    html = page.content.decode()
    assert 'data-testid="list-export"' in html
    assert "disbursement/export.xlsx?year=2025&amp;q=%E8%B5%B5" in html
