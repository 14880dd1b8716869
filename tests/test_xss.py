"""Markup typed into any free-text field is shown as text, never run.

Every record with a detail page (from tests/<app>/rules.py) gets the payload in each of
its free-text fields; its detail and list pages must show it escaped.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, models, transaction
from django.urls import NoReverseMatch, reverse

from tests.rules import collect

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"
DETAIL_URLS = sorted(
    name
    for name, (_, build) in collect("URL_RULES").items()
    if build and (name.endswith("-detail") or name == "members:detail")
)


def _free_text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and not f.choices
        and not isinstance(f, (models.EmailField, models.URLField, models.SlugField))
        and f.name not in {"id_number", "phone", "code", "void_reason", "path"}
        and f.editable
    ]


def test_there_are_detail_pages_to_check():
    assert len(DETAIL_URLS) >= 15


@pytest.mark.parametrize("name", DETAIL_URLS)
def test_free_text_is_escaped_on_detail_and_list_pages(admin_client_, union, name):
    obj = collect("URL_RULES")[name][1](union)
    fields = _free_text_fields(type(obj))
    assert fields, f"{type(obj).__name__} has no free-text field?"
    for f in fields:
        value = PAYLOAD if f.max_length is None or f.max_length >= len(PAYLOAD) else "<b>x</b>"
        try:
            with transaction.atomic():
                type(obj).objects.filter(pk=obj.pk).update(**{f.name: value})
        except IntegrityError:
            pass  # a field that must stay empty for this record (a database check says so)
    detail = admin_client_.get(reverse(name, args=[union.code, obj.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "<script>alert(" not in body and "<img src=x" not in body
    assert ESCAPED in body or "&lt;b&gt;x&lt;/b&gt;" in body
    try:
        list_url = reverse(
            name.replace("-detail", "-list").replace("members:detail", "members:list"), args=[union.code]
        )
    except NoReverseMatch:
        return
    listing = admin_client_.get(list_url, {"year": "all"}).content.decode()
    assert "<script>alert(" not in listing and "<img src=x" not in listing


def test_markup_in_record_text_is_inert_in_the_report_and_the_workbook(union, tmp_path):
    """An activity title typed with markup appears, as typed, in the summary's HTML (escaped),
    its PDF (as text) and the workbook (as a plain string cell)."""
    import datetime as dt
    import io

    import openpyxl

    from activities.choices import ActivityCategory
    from reports.document import assemble
    from reports.services import render_html, render_report_pdf, report_start
    from tests.activities.factories import ActivityFactory
    from tests.reports.pdfs import pdf_text
    from workbook.services import annual_context, write_annual_workbook

    ActivityFactory(
        union=union, category=ActivityCategory.SPORTS_CULTURE, title=PAYLOAD, start_date=dt.date(2025, 5, 1)
    )
    report = report_start(union=union, year=2025, actor=None)
    html = render_html(assemble(report))
    assert PAYLOAD not in html and ESCAPED in html
    assert PAYLOAD.replace(" ", "") in pdf_text(render_report_pdf(report))
    buffer = io.BytesIO()
    write_annual_workbook(context=annual_context(union=union, year=2025, full_ids=False), target=buffer)
    buffer.seek(0)
    sheet = openpyxl.load_workbook(buffer)["活动台账"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == PAYLOAD]
    assert cells and all(c.data_type == "s" for c in cells)
