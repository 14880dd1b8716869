"""A large ledger through the import pages, every step on the task path (the tests' task
backend runs a task as it is queued): upload, a new mapping, namesakes chosen, confirm; the
list follows jobs under way; a file refused on its kind is refused in the request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import HeaderMapping, ImportJob, RecordImport
from tests.factories import BranchFactory, MemberFactory
from welfare.models import Disbursement

from .files import xlsx

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def large(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.IMPORT_SYNC_MAX_ROWS = 1
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client, union, kind, content):  # type: ignore[no-untyped-def]
    url = reverse("imports:upload", args=[union.code]) + f"?kind={kind}"
    return client.post(url, {"file": SimpleUploadedFile("本会台账.xlsx", content)})


def _steps() -> list[tuple[str, str]]:
    return list(ImportJob.objects.order_by("pk").values_list("step", "status"))


def test_mapping_choices_and_confirmation_each_run_as_a_job(clerk_client, clerk, union):
    one, two = BranchFactory(union=union, name="一车间"), BranchFactory(union=union, name="二车间")
    fang = MemberFactory(union=union, name="王芳", branch=one)
    MemberFactory(union=union, name="王芳", branch=two, id_number="11010519491231002X")
    rows = [["日期", "类型", "领取人", "现金（元）", "资金来源"]]
    rows += [[TODAY, "生活救助", "王芳", 100 + n, "工会经费"] for n in range(12)]
    _upload(clerk_client, union, "disbursements", xlsx(rows))
    record_import = RecordImport.objects.get()
    preview = reverse("imports:preview", args=[union.code, record_import.pk])
    assert _steps() == [("read", "done")]
    assert "缺少必需的列" in clerk_client.get(preview).content.decode()

    column = next(c for c in record_import.summary["columns"] if c["header"] == "领取人")
    clerk_client.post(
        reverse("imports:mapping", args=[union.code, record_import.pk]), {f"col-{column['index']}": "name"}
    )
    record_import.refresh_from_db()
    assert _steps() == [("read", "done"), ("read", "done")]
    assert record_import.pending_count == 12
    assert HeaderMapping.objects.get(union=union, kind="disbursements").mapping["领取人"] == "name"

    choices = {f"row-{row}": str(fang.pk) for row in range(2, 14)}
    clerk_client.post(reverse("imports:resolve", args=[union.code, record_import.pk]), choices)
    record_import.refresh_from_db()
    assert record_import.can_confirm and len(_steps()) == 3

    clerk_client.post(reverse("imports:confirm", args=[union.code, record_import.pk]))
    assert _steps()[-1] == ("apply", "done")
    assert Disbursement.objects.filter(union=union, member=fang).count() == 12
    record_import.refresh_from_db()
    assert (record_import.status, record_import.created_count, record_import.applied_by) == (
        "applied",
        12,
        clerk,
    )
    page = clerk_client.get(preview)
    assert page.status_code == 200 and "导入完成：新增" in page.content.decode()
    clerk_client.post(reverse("imports:confirm", args=[union.code, record_import.pk]))
    assert Disbursement.objects.count() == 12 and len(_steps()) == 4  # a second confirmation writes nothing


def test_the_list_follows_a_job_under_way(clerk_client, clerk, union):
    _upload(clerk_client, union, "petitions", xlsx([["日期", "反映事项"], [TODAY, "食堂"], [TODAY, "澡堂"]]))
    record_import = RecordImport.objects.get()
    home = reverse("imports:home", args=[union.code])
    assert "Refresh" not in clerk_client.get(home)
    ImportJob.objects.create(
        union=union, record_import=record_import, step="apply", status="running", requested_by=clerk
    )
    page = clerk_client.get(home)
    assert page["Refresh"] == "5" and "正在导入 2 行" in page.content.decode()
    changes = reverse("imports:mapping", args=[union.code, record_import.pk])
    clerk_client.post(changes, {"col-0": "skip"})
    assert RecordImport.objects.get().mapping == {}  # nothing changes under a running job


def test_a_file_refused_on_its_kind_is_refused_in_the_request(clerk_client, union):
    response = _upload(clerk_client, union, "petitions", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert response.status_code == 200 and "旧版 Excel" in response.content.decode()
    assert RecordImport.objects.count() == 0 and ImportJob.objects.count() == 0
