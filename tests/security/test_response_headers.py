"""Issue #9, hardening: `Cache-Control: no-store` on everything a signed-in user gets, and a
Content-Security-Policy (django-csp) on every HTML page, with no inline script or style
left in the templates for it to block.

The URL walk reuses the rules of tests/test_url_security.py, so a new page is covered
without touching this file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from members.importing.columns import COLUMNS
from records.periods import current_period
from tests.activities.factories import ActivityFactory, ActivityPhotoFactory
from tests.reports.rules import _final_report
from tests.test_url_security import RULES, _url, all_url_names
from tests.workbook.factories import ExportJobFactory
from unions.permissions import ROLE_PERMS
from workbook.models import ExportStatus

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _no_store(response) -> bool:  # type: ignore[no-untyped-def]
    return "no-store" in response.get("Cache-Control", "")


def _directives(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def _assert_csp(response, where: str) -> None:  # type: ignore[no-untyped-def]
    policy = _directives(response)
    assert policy, f"{where}: no Content-Security-Policy"
    assert policy.get("default-src") == "default-src 'self'", where
    assert policy.get("frame-ancestors") == "frame-ancestors 'none'", where
    assert policy.get("form-action") == "form-action 'self'", where
    assert "unsafe-inline" not in response["Content-Security-Policy"], where
    assert "unsafe-eval" not in response["Content-Security-Policy"], where


def _client_for(request, name: str):  # type: ignore[no-untyped-def]
    """A user whose role may open the page: the admin, or the leader for approvals."""
    if name not in RULES or RULES[name] in ROLE_PERMS["admin"]:
        return request.getfixturevalue("admin_client_")
    assert RULES[name] in ROLE_PERMS["leader"], name
    return request.getfixturevalue("leader_client")


def _pages() -> list[str]:
    return [n for n in all_url_names() if n not in ("logout", "login")]


@pytest.mark.parametrize("name", _pages())
def test_every_page_for_a_signed_in_user_is_no_store_and_html_has_a_csp(request, union, name):
    client = _client_for(request, name)
    url = reverse(name) if name in ("home", "password_change") else _url(name, union)
    response = client.get(url)
    assert response.status_code < 500, (name, response.status_code)
    assert _no_store(response), (name, response.get("Cache-Control"))
    if response["Content-Type"].startswith("text/html"):
        _assert_csp(response, name)


def test_the_login_page_has_the_csp_too(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    _assert_csp(response, "login")


def test_static_files_may_still_be_cached(admin_client_):
    response = admin_client_.get("/static/css/app.css")
    assert response.status_code == 200
    assert not _no_store(response)


# --- every download -------------------------------------------------------------------------


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content) if response.streaming else response.content


def _downloaded(response, content_type: str) -> bytes:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert _no_store(response), response.get("Cache-Control")
    assert "max-age=3600" not in response.get("Cache-Control", "")
    return _body(response)


def test_the_annual_workbook_is_not_stored(admin_client_, union):
    year = current_period(union).year
    response = admin_client_.post(reverse("workbook:export", args=[union.code]), {"year": year})
    assert _downloaded(response, XLSX).startswith(b"PK")


def test_a_background_workbook_download_is_not_stored(admin_client_, union, admin_user):
    name = default_storage.save("exports/headers-test.xlsx", ContentFile(b"PK\x03\x04 test"))
    job = ExportJobFactory(union=union, requested_by=admin_user, status=ExportStatus.DONE, file=name)
    response = admin_client_.get(reverse("workbook:download", args=[union.code, job.pk]))
    assert _downloaded(response, XLSX).startswith(b"PK")
    default_storage.delete(name)


def test_the_rollup_workbook_is_not_stored(admin_client_, union):
    response = admin_client_.get(reverse("workbook:rollup-export", args=[union.code]))
    _downloaded(response, XLSX)


def test_the_public_key_download_is_not_stored(admin_client_, union):
    response = admin_client_.get(reverse("workbook:public-key", args=[union.code]))
    assert b"PUBLIC KEY" in _downloaded(response, "application/x-pem-file")


def test_the_roster_template_and_error_workbook_are_not_stored(clerk_client, union):
    _downloaded(clerk_client.get(reverse("members:import-template", args=[union.code])), XLSX)
    book = openpyxl.Workbook()
    book.active.append([c.header for c in COLUMNS])
    book.active.append(["甲", "123"])  # an invalid ID number: one error row
    buffer = io.BytesIO()
    book.save(buffer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("花名册.xlsx", buffer.getvalue())
    preview = clerk_client.post(reverse("members:import", args=[union.code]), {"file": upload})
    assert preview.status_code == 302
    pk = int(re.search(r"/import/(\d+)/", preview["Location"]).group(1))
    errors = clerk_client.get(reverse("members:import-errors", args=[union.code, pk]))
    assert _downloaded(errors, XLSX).startswith(b"PK")


def test_report_pdfs_are_not_stored(leader_client, union):
    report = _final_report(union)
    response = leader_client.get(reverse("reports:pdf", args=[union.code, report.pk]))
    assert _downloaded(response, "application/pdf").startswith(b"%PDF")
    report.pdf.save("headers-test.pdf", ContentFile(b"%PDF-1.7 stored"), save=True)
    response = leader_client.get(reverse("reports:pdf", args=[union.code, report.pk]))
    assert _downloaded(response, "application/pdf") == b"%PDF-1.7 stored"


def test_activity_photos_are_not_stored(clerk_client, union):
    photo = ActivityPhotoFactory(activity=ActivityFactory(union=union))
    response = clerk_client.get(reverse("activities:photo", args=[union.code, photo.pk]))
    _downloaded(response, "image/png")
    # The photo keeps its own, stricter policy for the image itself.
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


# --- templates and scripts ------------------------------------------------------------------

INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def _html_templates() -> list[Path]:
    found = sorted((ROOT / "templates").rglob("*.html"))
    for app in ROOT.iterdir():
        if (app / "templates").is_dir() and app.name != "templates":
            found += sorted((app / "templates").rglob("*.html"))
    # The PDF templates are rendered by WeasyPrint, never by a browser under the CSP.
    return [p for p in found if "/pdf" not in str(p.relative_to(ROOT))]


def test_no_template_needs_inline_script_or_style():
    problems = []
    for path in _html_templates():
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not problems, "\n".join(problems)


def test_scripts_write_no_style_attributes_or_inline_handlers():
    scripts = [
        p for p in ROOT.glob("**/static/**/*.js") if "vendor" not in p.parts and ".venv" not in p.parts
    ]
    assert scripts
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"setAttribute\(\s*[\"'](style|on[a-z]+)[\"']", text), path
        assert "eval(" not in text and "new Function" not in text, path
        assert not re.search(r"innerHTML\s*=.*(style=|on[a-z]+=)", text), path


def test_settings_use_django_csp():
    from django.conf import settings

    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-ancestors"] == ["'none'"]
