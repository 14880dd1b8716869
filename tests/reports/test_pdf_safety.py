from __future__ import annotations

import io
from decimal import Decimal

import pypdf
import pytest

from reports.charts import column_chart, horizontal_bars
from reports.pdf import BASE_URL, RefusedURL, fetch_static, render_pdf


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/static/css/app.css",
        f"{BASE_URL}media/imports/roster.xlsx",
        f"{BASE_URL}static/../../../etc/passwd",
        f"{BASE_URL}static/%2e%2e/%2e%2e/settings.py",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(url):
    with pytest.raises(RefusedURL):
        fetch_static(url)


def test_the_fetcher_serves_our_static_files():
    body, mime_type = fetch_static(f"{BASE_URL}static/css/app.css")
    assert b"font-family" in body
    assert mime_type == "text/css"


def test_a_document_naming_outside_files_still_renders_without_them(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("body::after { content: 'LEAKED-SECRET' }")
    html = (
        f'<html><head><link rel="stylesheet" href="file://{secret}"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        f'</head><body><p>正文内容</p><img src="file:///etc/passwd"></body></html>'
    )
    pdf = render_pdf(html)
    text = _text(pdf)
    assert "正文内容" in text
    assert "LEAKED-SECRET" not in text


def test_charts_escape_their_labels():
    svg = horizontal_bars([("<script>alert(1)</script>", Decimal("3.5"))], unit="万元", title="帮扶<b>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "3.5万元" in svg
    assert "&lt;b&gt;" in svg


def test_column_chart_draws_one_column_per_item():
    svg = column_chart([(f"{m}月", m) for m in range(1, 13)], title="各月活动")
    assert svg.count("<rect") == 12
    assert "12月" in svg


def test_an_svg_chart_renders_in_a_pdf_with_its_text():
    svg = horizontal_bars([("节日慰问", 120), ("大病救助", 8)], unit="人次")
    text = _text(render_pdf(f"<html><body>{svg}</body></html>"))
    assert "节日慰问" in text and "120人次" in text


def test_production_hashed_static_files_are_served_to_the_pdf(tmp_path, settings):
    """With DEBUG off {% static %} names the hashed copy made by collectstatic."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command
    from django.template import Context, Template
    from django.utils.functional import empty

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    staticfiles_storage._wrapped = empty  # pick up the new backend
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
        url = Template("{% load static %}{% static 'css/gbt9704.css' %}").render(Context())
        assert url != "/static/css/gbt9704.css"  # hashed
        body, mime_type = fetch_static(BASE_URL + url.lstrip("/"))
        assert b"@page" in body and mime_type == "text/css"
        with pytest.raises(RefusedURL):
            fetch_static(BASE_URL + "static/../settings.py")
    finally:
        staticfiles_storage._wrapped = empty
