"""The roster on the one import framework: a union's own headers mapped in the preview and
remembered for its next roster; the roster among the record types of the imports pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from imports.models import HeaderMapping, RecordImport
from members.import_models import RosterImport
from members.models import Member
from tests.factories import make_id_number

from .test_import import last_import, upload, xlsx

pytestmark = pytest.mark.django_db

OWN_HEADERS = ["姓名", "身份证号码", "入会日期", "所在班组", "工号"]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _column_index(roster_import: RosterImport, header: str) -> int:
    return next(c["index"] for c in roster_import.summary["columns"] if c["header"] == header)


def test_own_headers_are_mapped_once_and_remembered_for_the_next_roster(clerk_client, union):
    first = make_id_number()
    upload(clerk_client, union, xlsx([["甲", first, "2020-01-05", "三班", "A01"]], headers=OWN_HEADERS))
    roster_import = last_import()
    assert roster_import.summary["ignored_columns"] == ["所在班组", "工号"]
    page = clerk_client.get(reverse("members:import-preview", args=[union.code, roster_import.pk]))
    assert 'id="mapping-form"' in page.content.decode()

    column = _column_index(roster_import, "所在班组")
    response = clerk_client.post(
        reverse("imports:mapping", args=[union.code, roster_import.pk]), {f"col-{column}": "department"}
    )
    assert response.url == reverse("members:import-preview", args=[union.code, roster_import.pk])
    roster_import.refresh_from_db()
    assert roster_import.summary["ignored_columns"] == ["工号"]
    assert HeaderMapping.objects.get(union=union, kind="roster").mapping["所在班组"] == "department"
    clerk_client.post(reverse("members:import-confirm", args=[union.code, roster_import.pk]))
    assert Member.objects.get(id_number=first).department == "三班"

    # The next file with the same headers: mapped as the union chose, nothing to do again.
    second = make_id_number()
    upload(clerk_client, union, xlsx([["乙", second, "2021-02-01", "五班", "A02"]], headers=OWN_HEADERS))
    again = last_import()
    how = {c["header"]: c["how"] for c in again.summary["columns"]}
    assert how["所在班组"] == "remembered" and again.summary["ignored_columns"] == ["工号"]
    assert again.summary["adds"][0]["row"] == 2 and again.added_count == 1
    clerk_client.post(reverse("members:import-confirm", args=[union.code, again.pk]))
    assert Member.objects.get(id_number=second).department == "五班"


def test_another_unions_mapping_is_not_used(clerk_client, union, other_union):
    HeaderMapping.objects.create(union=other_union, kind="roster", mapping={"所在班组": "department"})
    upload(
        clerk_client,
        union,
        xlsx([["甲", make_id_number(), "2020-01-05", "三班", "A01"]], headers=OWN_HEADERS),
    )
    assert "所在班组" in last_import().summary["ignored_columns"]


def test_the_roster_is_one_of_the_record_types_and_its_imports_are_record_imports(clerk_client, union):
    home = clerk_client.get(reverse("imports:home", args=[union.code])).content.decode()
    assert "会员花名册" in home and reverse("members:import", args=[union.code]) in home
    upload(clerk_client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
    record = RecordImport.objects.get()
    assert record.kind == "roster" and RosterImport.objects.get().pk == record.pk
    # The generic addresses lead to the roster's own pages.
    preview = clerk_client.get(reverse("imports:preview", args=[union.code, record.pk]))
    assert preview.url == reverse("members:import-preview", args=[union.code, record.pk])
    upload_page = clerk_client.get(reverse("imports:upload", args=[union.code]) + "?kind=roster")
    assert upload_page.url == reverse("members:import", args=[union.code])
