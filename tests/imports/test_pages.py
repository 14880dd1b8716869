"""The import through its pages: upload, preview (mapping, namesakes), confirm, downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import HeaderMapping, RecordImport
from tests.factories import BranchFactory, MemberFactory
from welfare.models import Disbursement

from .files import xlsx

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _upload(client, union, kind, content):
    url = reverse("imports:upload", args=[union.code]) + f"?kind={kind}"
    return client.post(url, {"file": SimpleUploadedFile("本会台账.xlsx", content)})


def test_a_year_of_disbursements_with_own_headers_and_a_namesake(clerk_client, union, clerk):
    one, two = BranchFactory(union=union, name="一车间"), BranchFactory(union=union, name="二车间")
    fang = MemberFactory(union=union, name="王芳", branch=one)
    MemberFactory(union=union, name="王芳", branch=two, id_number="11010519491231002X")
    rows = [["日期", "类型", "领取人", "现金（元）", "资金来源"]]
    rows += [[TODAY, "生活救助", "王芳", 100 + n, "工会经费"] for n in range(12)]
    response = _upload(clerk_client, union, "disbursements", xlsx(rows))
    record_import = RecordImport.objects.get()
    preview = reverse("imports:preview", args=[union.code, record_import.pk])
    assert response.status_code == 302 and response["Location"] == preview
    page = clerk_client.get(preview).content.decode()
    assert "缺少必需的列" in page  # 领取人 is not a header we know
    column = next(c for c in record_import.summary["columns"] if c["header"] == "领取人")

    response = clerk_client.post(
        reverse("imports:mapping", args=[union.code, record_import.pk]), {f"col-{column['index']}": "name"}
    )
    assert response.status_code == 302
    record_import.refresh_from_db()
    assert record_import.pending_count == 12
    assert HeaderMapping.objects.get(union=union, kind="disbursements").mapping["领取人"] == "name"
    page = clerk_client.get(preview + "?tab=pending").content.decode()
    assert "本会有 2 名会员叫“王芳”" in page
    assert "身份证尾号002X" in page and "11010519491231002X" not in page

    choices = {f"row-{row}": str(fang.pk) for row in range(2, 14)}
    clerk_client.post(reverse("imports:resolve", args=[union.code, record_import.pk]), choices)
    record_import.refresh_from_db()
    assert record_import.can_confirm
    response = clerk_client.post(reverse("imports:confirm", args=[union.code, record_import.pk]))
    assert response.status_code == 302
    assert Disbursement.objects.filter(union=union, member=fang).count() == 12
    record_import.refresh_from_db()
    assert (record_import.status, record_import.created_count) == ("applied", 12)
    # A second confirmation does nothing.
    clerk_client.post(reverse("imports:confirm", args=[union.code, record_import.pk]))
    assert Disbursement.objects.count() == 12


def test_a_bad_file_is_refused_on_the_form(clerk_client, union):
    response = _upload(clerk_client, union, "petitions", b"not a workbook")
    assert response.status_code == 200
    assert "不是 Excel 工作簿" in response.content.decode()
    assert RecordImport.objects.count() == 0


def test_the_template_and_the_error_file_download(clerk_client, union):
    response = clerk_client.get(reverse("imports:template", args=[union.code]) + "?kind=activities")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    _upload(clerk_client, union, "petitions", xlsx([["日期", "反映事项"], ["明天", "食堂"]]))
    record_import = RecordImport.objects.get()
    assert record_import.invalid_count == 1
    response = clerk_client.get(reverse("imports:errors", args=[union.code, record_import.pk]))
    assert response.status_code == 200


def test_another_unions_import_is_not_found(clerk_client, union, other_union, outsider):
    from .files import upload

    foreign = upload(other_union, outsider, "petitions", xlsx([["日期", "反映事项"], [TODAY, "食堂"]]))
    for name in ("imports:preview", "imports:errors"):
        assert clerk_client.get(reverse(name, args=[union.code, foreign.pk])).status_code == 404
    assert clerk_client.post(reverse("imports:confirm", args=[union.code, foreign.pk])).status_code == 404
