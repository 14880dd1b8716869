"""Issue #9, item 13: imported workbooks are verified by the exporting installation's
Ed25519 signature, not by an unkeyed digest anyone can recompute.

The exporting union (`union`, code "main") and the importing county (丙县, not above it, as
for a union that is off the importing side's system) share this test database, but only
through what real installations exchange: the exported .xlsx and the public key file.
URLs are written out (not reversed) so that on the code before the fix the tests fail on
their assertions instead of on a missing route.
"""

from __future__ import annotations

import io
import stat
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from openpyxl import load_workbook

from audit.models import AuditEntry
from tests.factories import UnionFactory, UnionRoleFactory, UserFactory
from tests.workbook.conftest import Y, make_records
from unions.models import Role, UnionLevel
from workbook.codes import KEY_OF
from workbook.indicators import BY_KEY, digest, parse_cell
from workbook.models import ExternalReport
from workbook.rollup import rollup
from workbook.services import export_annual_workbook

pytestmark = pytest.mark.django_db

CONFIRM = {"accept_unverified": "on"}


@pytest.fixture
def exported(union) -> bytes:
    make_records(union)
    buffer = io.BytesIO()
    export_annual_workbook(union=union, year=Y, full_ids=False, target=buffer)
    return buffer.getvalue()


@pytest.fixture
def elsewhere(db):
    """A county federation above nothing on this side, and its admin."""
    county = UnionFactory(name="丙县总工会", code="county-c", level=UnionLevel.COUNTY)
    user = UserFactory(username="county-c-admin")
    UnionRoleFactory(user=user, union=county, role=Role.ADMIN)
    client = Client()
    client.force_login(user)
    return county, client


def _public_key(admin_client_) -> bytes:  # type: ignore[no-untyped-def]
    """The exporting installation's public key, as its admin downloads it."""
    return admin_client_.get("/u/main/workbook/keys/public.pem").content


def _register(client: Client, county, pem: bytes, code: str = "main"):  # type: ignore[no-untyped-def]
    return client.post(
        f"/u/{county.code}/workbook/keys/",
        {"source_code": code, "source_name": "测试机械厂工会", "key_text": pem.decode("ascii", "replace")},
    )


def _import(client: Client, county, content: bytes, **data):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("年报.xlsx", content, content_type="application/octet-stream")
    return client.post(f"/u/{county.code}/workbook/rollup/import/", {"file": upload, **data})


def _about_row(sheet, label: str) -> int | None:  # type: ignore[no-untyped-def]
    return next((r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label), None)


def _saved(book) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _tampered(content: bytes, members: int = 999_999) -> bytes:
    """会员人数 edited with openpyxl, and the old check digest recomputed to match."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["统计指标"]
    values = {}
    for row in range(2, sheet.max_row + 1):
        key = KEY_OF.get(sheet.cell(row, 1).value)
        if key == "members":
            sheet.cell(row, 4).value = members
        if key in BY_KEY:
            values[key] = parse_cell(BY_KEY[key], sheet.cell(row, 4).value)
    about = book["说明"]
    code = about.cell(_about_row(about, "工会代码"), 2).value
    about.cell(_about_row(about, "指标校验码"), 2).value = digest(union_code=code, year=Y, values=values)
    return _saved(book)


def _unsigned(content: bytes) -> bytes:
    book = load_workbook(io.BytesIO(content))
    about = book["说明"]
    for label in ("数字签名", "签名公钥指纹"):
        row = _about_row(about, label)
        if row:
            about.delete_rows(row)
    return _saved(book)


def test_a_tampered_workbook_with_a_recomputed_digest_is_refused(exported, elsewhere, admin_client_):
    county, client = elsewhere
    _register(client, county, _public_key(admin_client_))
    # Even a user ready to confirm an unverified file cannot import a bad signature.
    response = _import(client, county, _tampered(exported), **CONFIRM)
    text = response.content.decode()
    assert response.status_code == 200
    assert "签名无效" in text and "文件未导入" in text
    assert not ExternalReport.objects.exists()
    assert rollup(union=county, year=Y).totals["members"] == 0
    refused = AuditEntry.objects.get(action="workbook.import_refused")
    assert refused.union_id == county.pk and refused.changes["source_code"] == "main"
    assert refused.changes["signature"] == "签名无效"


def test_a_workbook_signed_with_the_registered_key_is_verified(exported, elsewhere, admin_client_):
    county, client = elsewhere
    registered = _register(client, county, _public_key(admin_client_))
    assert registered.status_code == 302
    response = _import(client, county, exported)  # no confirmation needed
    assert response.status_code == 302
    report = ExternalReport.objects.get()
    assert report.signature_status == "verified" and report.signing_key.source_code == "main"
    assert rollup(union=county, year=Y).totals["members"] == 8
    page = client.get(f"/u/{county.code}/workbook/rollup/", {"year": Y}).content.decode()
    assert "已验证签名" in page and "未验证签名" not in page
    entry = AuditEntry.objects.get(action="workbook.external_imported")
    assert entry.changes["signature"] == "已验证签名" and entry.changes["confirmed_unverified"] is False


def test_an_unsigned_workbook_needs_confirmation_and_is_marked(exported, elsewhere, admin_client_):
    county, client = elsewhere
    _register(client, county, _public_key(admin_client_))
    content = _unsigned(exported)
    first = _import(client, county, content)
    assert first.status_code == 200 and not ExternalReport.objects.exists()
    text = first.content.decode()
    assert "没有数字签名" in text and "确认导入未验证签名的文件" in text
    assert "本会已为该单位登记了签名公钥" in text  # a file that should have been signed

    confirmed = _import(client, county, content, **CONFIRM)
    assert confirmed.status_code == 302
    report = ExternalReport.objects.get()
    assert report.signature_status == "unsigned" and report.signing_key is None
    page = client.get(f"/u/{county.code}/workbook/rollup/", {"year": Y}).content.decode()
    assert "未验证签名" in page and "已验证签名" not in page
    detail = client.get(f"/u/{county.code}/workbook/external/{report.pk}/").content.decode()
    assert "未验证签名" in detail
    entry = AuditEntry.objects.get(action="workbook.external_imported")
    assert entry.changes["signature"] == "未签名" and entry.changes["confirmed_unverified"] is True


def test_a_tampered_and_unsigned_workbook_is_at_most_an_unverified_import(exported, elsewhere):
    county, client = elsewhere
    content = _unsigned(_tampered(exported))
    assert _import(client, county, content).status_code == 200
    assert not ExternalReport.objects.exists()
    _import(client, county, content, **CONFIRM)
    assert ExternalReport.objects.get().signature_status == "unsigned"
    breakdown = rollup(union=county, year=Y).sources
    assert [s.signature_label for s in breakdown if s.external_id] == ["未验证签名"]


def test_a_key_registered_for_another_union_does_not_verify(exported, elsewhere, admin_client_):
    county, client = elsewhere
    _register(client, county, _public_key(admin_client_), code="someone-else")
    response = _import(client, county, exported)
    assert response.status_code == 200 and "未在本会登记" in response.content.decode()
    _import(client, county, exported, **CONFIRM)
    assert ExternalReport.objects.get().signature_status == "unknown_key"


def test_another_installation_signs_with_its_own_key(union, elsewhere, admin_client_, tmp_path):
    """A second installation (its own key file) is unknown until its own key is registered."""
    county, client = elsewhere
    _register(client, county, _public_key(admin_client_))  # this installation's key
    make_records(union)
    with override_settings(WORKBOOK_SIGNING_KEY_FILE=tmp_path / "b" / "key.pem"):
        buffer = io.BytesIO()
        export_annual_workbook(union=union, year=Y, full_ids=False, target=buffer)
        other_pem = _public_key(admin_client_)
    assert other_pem != _public_key(admin_client_)
    assert "未在本会登记" in _import(client, county, buffer.getvalue()).content.decode()
    assert _register(client, county, other_pem).status_code == 302
    assert _import(client, county, buffer.getvalue()).status_code == 302
    assert ExternalReport.objects.get().signature_status == "verified"


def test_the_about_sheet_carries_the_signature_and_key_id(exported, admin_client_):
    about = load_workbook(io.BytesIO(exported))["说明"]
    key_id = about.cell(_about_row(about, "签名公钥指纹"), 2).value
    signature = about.cell(_about_row(about, "数字签名"), 2).value
    assert len(key_id) == 64 and len(signature) == 88
    page = admin_client_.get("/u/main/workbook/keys/").content.decode()
    assert " ".join(key_id[i : i + 4] for i in range(0, 64, 4)) in page  # the fingerprint shown
    note = about.cell(_about_row(about, "备注"), 2).value
    assert "不能防止有意篡改" in note


def test_the_key_file_is_private_and_made_once(tmp_path, capsys):
    path = tmp_path / "keys" / "signing.pem"
    with override_settings(WORKBOOK_SIGNING_KEY_FILE=path):
        call_command("workbook_signing_key")
        first = capsys.readouterr().out
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        call_command("workbook_signing_key", public_key=tmp_path / "public.pem")
        second = capsys.readouterr().out
    fingerprint = first.splitlines()[1]
    assert "已生成" in first and "已有" in second and fingerprint in second
    assert (tmp_path / "public.pem").read_text().startswith("-----BEGIN PUBLIC KEY-----")


def test_only_the_unions_admin_registers_keys(union, elsewhere, clerk_client, outsider_client, admin_client_):
    county, client = elsewhere
    pem = _public_key(admin_client_)
    assert clerk_client.get("/u/main/workbook/keys/").status_code == 403
    assert clerk_client.get("/u/main/workbook/keys/public.pem").status_code == 403
    assert outsider_client.get(f"/u/{county.code}/workbook/keys/").status_code == 404
    assert _register(outsider_client, county, pem).status_code == 404
    assert _register(client, county, b"not a key").status_code == 200  # form error
    assert _register(client, county, pem).status_code == 302
    assert _register(client, county, pem).status_code == 200  # already registered
    from workbook.models import RegisteredKey

    key = RegisteredKey.objects.get()
    withdrawn = client.post(f"/u/{county.code}/workbook/keys/{key.pk}/void/", {"reason": "换了服务器"})
    assert withdrawn.status_code == 302
    key.refresh_from_db()
    assert key.is_void
    assert AuditEntry.objects.filter(object_id=str(key.pk), changes__has_key="fingerprint").exists()


def test_nothing_claims_tamper_proofing_that_the_digest_cannot_give():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = [root / "README.md", *sorted((root / "templates").rglob("*.html"))]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "防篡改" not in text, path
        assert "改过数字的文件会被拒绝" not in text, path


def test_money_figures_survive_the_signature_round_trip(exported, elsewhere, admin_client_):
    county, client = elsewhere
    _register(client, county, _public_key(admin_client_))
    assert _import(client, county, exported).status_code == 302
    assert rollup(union=county, year=Y).totals["welfare_total"] == Decimal("4000.75")


def test_without_a_usable_key_the_workbook_goes_out_unsigned(union, elsewhere, tmp_path):
    """An export never fails for want of a key; the file is then plainly unsigned."""
    county, client = elsewhere
    make_records(union)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with override_settings(WORKBOOK_SIGNING_KEY_FILE=blocker / "key.pem"):
        buffer = io.BytesIO()
        export_annual_workbook(union=union, year=Y, full_ids=False, target=buffer)
    about = load_workbook(io.BytesIO(buffer.getvalue()))["说明"]
    assert _about_row(about, "数字签名") is None
    assert "本文件未签名" in about.cell(_about_row(about, "备注"), 2).value
    response = _import(client, county, buffer.getvalue())
    assert response.status_code == 200 and "没有数字签名" in response.content.decode()
