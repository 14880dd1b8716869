"""The roster import through its pages: upload → preview → confirm, downloads, permissions.

Helpers at the top build real .xlsx files with openpyxl; the other test_import_* modules
use them too.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from members.import_models import RosterImport
from members.importing.columns import COLUMNS
from members.models import Member
from tests.factories import BranchFactory, MemberFactory, make_id_number

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "身份证号", "性别", "手机", "分会", "入会时间", "会籍状态"]


def xlsx(
    rows: Sequence[Sequence[Any]], headers: Sequence[Any] | None = HEADERS, title: str = "花名册"
) -> bytes:
    """A real workbook: an optional header row, then `rows` with the cell types given."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    if headers is not None:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client: Any, union: Any, content: bytes, name: str = "花名册.xlsx") -> Any:
    return client.post(
        reverse("members:import", args=[union.code]),
        {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")},
    )


def last_import() -> RosterImport:
    return RosterImport.objects.latest("pk")


def member_entries() -> Any:
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Member))


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_good_file_adds_and_updates_and_logs_who(clerk_client, clerk, union, branch):
    existing = MemberFactory(union=union, name="老会员", phone="13800000000", gender="F")
    new_id = make_id_number(dt.date(1990, 2, 3), gender="M")
    content = xlsx(
        [
            ["新会员", new_id, "男", "13911112222", "机加分会", dt.date(2021, 4, 1), "在册"],
            # matched by ID though typed with a lower-case x if it has one; phone changes
            ["老会员", existing.id_number.lower(), "", "13922223333", "", "", ""],
        ]
    )
    response = upload(clerk_client, union, content)
    roster_import = last_import()
    assert response.status_code == 302
    assert response.url == reverse("members:import-preview", args=[union.code, roster_import.pk])
    assert (roster_import.added_count, roster_import.updated_count, roster_import.invalid_count) == (1, 1, 0)
    assert Member.objects.filter(union=union).count() == 1  # preview writes nothing

    preview = clerk_client.get(response.url + "?tab=updates")
    page = preview.content.decode()
    assert "手机：" in page and "13800000000" in page and "13922223333" in page

    response = clerk_client.post(reverse("members:import-confirm", args=[union.code, roster_import.pk]))
    assert response.status_code == 302
    assert response.url == reverse("members:list", args=[union.code])
    added = Member.objects.get(union=union, id_number=new_id)
    assert (added.name, added.gender, added.branch, added.joined_on) == (
        "新会员",
        "M",
        branch,
        dt.date(2021, 4, 1),
    )
    assert added.birth_date == dt.date(1990, 2, 3)  # read from the ID number
    existing.refresh_from_db()
    assert existing.phone == "13922223333"
    assert existing.name == "老会员" and existing.joined_on == dt.date(2010, 3, 1)  # blanks kept values

    created = member_entries().get(action="create", object_id=str(added.pk))
    assert created.actor == clerk
    assert created.union_id == union.pk
    assert created.changes["id_number"] != new_id  # masked in the log
    updated = member_entries().get(action="update", object_id=str(existing.pk))
    assert updated.actor == clerk
    assert updated.changes == {"phone": ["13800000000", "13922223333"]}
    summary = AuditEntry.objects.get(action="members.roster.imported")
    assert summary.actor == clerk and summary.changes["added"] == 1 and summary.changes["updated"] == 1
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.APPLIED
    assert roster_import.applied_by == clerk


def test_a_mixed_file_lists_each_bad_cell_by_row_and_cannot_be_confirmed(clerk_client, union, branch):
    good = make_id_number()
    content = xlsx(
        [
            ["甲", good, "女", "13911112222", "机加分会", "2020-01-05", "在册"],
            ["乙", "110105194912310021", "", "", "", "2020/1/5", ""],  # bad check digit
            ["丙", make_id_number(), "", "12345", "不存在分会", "2020.13.5", "在职"],
            ["丁", good, "", "", "", "20200105", ""],  # same ID as row 2
        ]
    )
    upload(clerk_client, union, content)
    roster_import = last_import()
    assert (roster_import.added_count, roster_import.invalid_count) == (1, 3)
    errors = {row["row"]: dict(row["problems"]) for row in roster_import.summary["errors"]}
    assert errors[3] == {"身份证号": "身份证号校验位不正确，请核对是否有录入错误。"}
    assert set(errors[4]) == {"手机", "分会", "入会时间", "会籍状态"}
    assert "机加分会" in errors[4]["分会"]  # names the branches that exist
    assert "在职" in errors[4]["会籍状态"] and "在册" in errors[4]["会籍状态"]
    assert errors[5] == {"身份证号": "身份证号与第2行重复。"}

    page = clerk_client.get(
        reverse("members:import-preview", args=[union.code, roster_import.pk])
    ).content.decode()
    assert "第 4 行" in page and "不能导入" in page
    assert "确认导入（" not in page

    response = clerk_client.post(reverse("members:import-confirm", args=[union.code, roster_import.pk]))
    assert response.status_code == 302
    assert Member.objects.filter(union=union).count() == 0
    assert member_entries().count() == 0
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEWED


def _error_rows(client: Any, union: Any) -> list[tuple[Any, ...]]:
    response = client.get(reverse("members:import-errors", args=[union.code, last_import().pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.iter_rows(values_only=True))


def test_the_error_workbook_has_the_original_columns_and_the_messages(admin_client_, union):
    content = xlsx(
        [["甲", "123", "", "", "", "2020-01-05", "", "保留这一列"]],
        headers=[*HEADERS, "工号"],
    )
    upload(admin_client_, union, content)
    rows = _error_rows(admin_client_, union)
    assert list(rows[0]) == [*HEADERS, "工号", "原行号", "错误说明"]
    assert rows[1][:2] == ("甲", "123")
    assert rows[1][7] == "保留这一列"
    assert rows[1][8] == 2
    assert rows[1][9] == "身份证号：身份证号应为18位，当前为3位。"
    assert len(rows) == 2


def test_a_clerks_error_workbook_masks_ids_and_says_so_above_the_header(clerk_client, union):
    number = make_id_number(dt.date(1990, 2, 3))
    content = xlsx(
        [["甲", number, "男", "2020-01-05", "", "1990-02-03", "保留这一列"]],
        headers=["姓名", "身份证号", "性别", "入会时间", "会籍状态", "出生日期", "工号"],
    )
    upload(clerk_client, union, content)
    rows = _error_rows(clerk_client, union)
    assert "已脱敏" in rows[0][0] and "重新填写完整的身份证号" in rows[0][0]
    assert list(rows[1]) == [
        "姓名",
        "身份证号",
        "性别",
        "入会时间",
        "会籍状态",
        "出生日期",
        "工号",
        "原行号",
        "错误说明",
    ]
    assert rows[2][:3] == ("甲", "*" * 14 + number[-4:], "男")
    assert rows[2][5] is None  # the birth date: read from the ID number on the next upload
    assert rows[2][6:9] == ("保留这一列", 2, "性别：性别与身份证号不一致（身份证号为女）。")
    assert len(rows) == 3


def test_confirming_twice_applies_once(clerk_client, union):
    upload(clerk_client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
    roster_import = last_import()
    url = reverse("members:import-confirm", args=[union.code, roster_import.pk])
    clerk_client.post(url)
    second = clerk_client.post(url, follow=True)
    assert "不会重复导入" in second.content.decode()
    assert Member.objects.filter(union=union).count() == 1
    assert member_entries().filter(action="create").count() == 1
    assert AuditEntry.objects.filter(action="members.roster.imported").count() == 1


def test_confirm_checks_again_against_the_roster_as_it_is_now(clerk_client, union):
    number = make_id_number()
    upload(clerk_client, union, xlsx([["甲", number, "", "", "", "2020-01-05", ""]]))
    roster_import = last_import()
    assert roster_import.added_count == 1
    MemberFactory(union=union, id_number=number, name="别人先录入了")  # the add became an update
    response = clerk_client.post(
        reverse("members:import-confirm", args=[union.code, roster_import.pk]), follow=True
    )
    assert "已按最新数据重新核对" in response.content.decode()
    roster_import.refresh_from_db()
    assert (roster_import.status, roster_import.added_count, roster_import.updated_count) == (
        "previewed",
        0,
        1,
    )
    assert Member.objects.get(union=union).name == "别人先录入了"


def test_confirm_only_takes_post(clerk_client, union):
    upload(clerk_client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
    response = clerk_client.get(reverse("members:import-confirm", args=[union.code, last_import().pk]))
    assert response.status_code == 405
    assert Member.objects.count() == 0


def test_preview_masks_id_numbers_unless_the_role_shows_them(clerk_client, admin_client_, union):
    number = make_id_number()
    upload(clerk_client, union, xlsx([["甲", number, "", "", "", "2020-01-05", ""]]))
    url = reverse("members:import-preview", args=[union.code, last_import().pk]) + "?tab=adds"
    clerk_page = clerk_client.get(url).content.decode()
    admin_page = admin_client_.get(url).content.decode()
    assert number not in clerk_page and number[:6] not in clerk_page
    assert f"{'*' * 14}{number[-4:]}" in clerk_page
    assert number in admin_page


def test_preview_renders_at_most_the_sample_of_a_large_file(clerk_client, union):
    rows = [[f"会员{i}", make_id_number(), "", "", "", "2020-01-05", ""] for i in range(260)]
    upload(clerk_client, union, xlsx(rows))
    roster_import = last_import()
    assert roster_import.added_count == 260
    assert len(roster_import.summary["adds"]) == 200
    page = clerk_client.get(reverse("members:import-preview", args=[union.code, roster_import.pk]))
    text = page.content.decode()
    assert "共 260 行，此处只列出前 200 行" in text
    assert len(page.context["page"].object_list) == 50
    assert page.context["page"].paginator.num_pages == 4


def test_outsider_gets_404_for_another_unions_import(clerk_client, outsider_client, union, other_union):
    upload(clerk_client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
    pk = last_import().pk
    for name in ("import-preview", "import-errors"):
        assert outsider_client.get(reverse(f"members:{name}", args=[union.code, pk])).status_code == 404
        assert outsider_client.get(reverse(f"members:{name}", args=[other_union.code, pk])).status_code == 404
    response = outsider_client.post(reverse("members:import-confirm", args=[other_union.code, pk]))
    assert response.status_code == 404
    assert Member.objects.count() == 0


def test_read_only_superior_union_is_refused(county_client, union):
    content = xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]])
    assert upload(county_client, union, content).status_code == 403
    assert county_client.get(reverse("members:import", args=[union.code])).status_code == 403
    assert county_client.get(reverse("members:import-template", args=[union.code])).status_code == 403
    assert RosterImport.objects.count() == 0


def test_leader_and_admin_may_import(leader_client, admin_client_, union):
    for client in (leader_client, admin_client_):
        response = upload(client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
        assert response.status_code == 302
    assert RosterImport.objects.filter(union=union).count() == 2


def test_upload_page_shows_the_form_and_recent_imports(clerk_client, union):
    upload(clerk_client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
    page = clerk_client.get(reverse("members:import", args=[union.code]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in text and "csrfmiddlewaretoken" in text
    assert "空白单元格不会清除" in text
    assert "花名册.xlsx" in text


def test_the_template_opens_and_its_headers_are_the_column_spec(clerk_client, union):
    BranchFactory(union=union, name="一车间")
    response = clerk_client.get(reverse("members:import-template", args=[union.code]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    roster = workbook.worksheets[0]
    assert [cell.value for cell in roster[1]] == [column.header for column in COLUMNS]
    id_cell = roster.cell(row=2, column=2)
    assert id_cell.number_format == "@" and isinstance(id_cell.value, str) and len(id_cell.value) == 18
    assert "填写说明" in workbook.sheetnames
    notes = "\n".join(str(c.value) for row in workbook["填写说明"].iter_rows() for c in row if c.value)
    assert "空白单元格不会清除" in notes and "中共党员" in notes and "一车间" in notes
    assert any(
        "一车间" in str(v.formula1) or v.formula1.startswith("'可选值'")
        for v in roster.data_validations.dataValidation
    )


def test_the_template_example_row_is_refused_if_left_in(clerk_client, union):
    response = clerk_client.get(reverse("members:import-template", args=[union.code]))
    upload(clerk_client, union, b"".join(response.streaming_content), name="模板.xlsx")
    roster_import = last_import()
    assert roster_import.invalid_count == 1
    assert roster_import.summary["errors"][0]["problems"] == [
        ["身份证号", "这是导入模板中的示例行，请删除后再导入。"]
    ]


def test_a_stored_file_that_is_gone_fails_the_import_with_a_message(clerk_client, union):
    upload(clerk_client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
    roster_import = last_import()
    roster_import.file.storage.delete(roster_import.file.name)
    response = clerk_client.post(
        reverse("members:import-confirm", args=[union.code, roster_import.pk]), follow=True
    )
    assert "保存的上传文件已无法读取，请重新上传。" in response.content.decode()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.FAILED
    assert Member.objects.count() == 0


def test_a_clash_while_writing_rolls_everything_back(clerk_client, union, monkeypatch):
    from django.db import IntegrityError

    from members import importers

    upload(clerk_client, union, xlsx([["甲", make_id_number(), "", "", "", "2020-01-05", ""]]))
    roster_import = last_import()

    def clash(**kwargs: Any) -> None:
        MemberFactory(union=union, name="写入一半")
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(importers, "write_roster", clash)
    response = clerk_client.post(
        reverse("members:import-confirm", args=[union.code, roster_import.pk]), follow=True
    )
    assert "被他人同时修改，未写入任何数据" in response.content.decode()
    assert not Member.objects.filter(name="写入一半").exists()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEWED
