"""Files that cannot be imported at all: each gets its own message and changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import openpyxl
import pytest

from members.import_models import RosterImport
from members.models import Member
from tests.factories import make_id_number

from .test_import import HEADERS, upload, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def refused(client: Any, union: Any, content: bytes, name: str = "花名册.xlsx") -> str:
    """Upload, assert that nothing was stored or written, and return the form's message."""
    response = upload(client, union, content, name=name)
    assert response.status_code == 200
    assert RosterImport.objects.count() == 0
    assert Member.objects.count() == 0
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    assert errors[0] in response.content.decode()
    return errors[0]


def good_row() -> list[Any]:
    return ["甲", make_id_number(), "", "", "", "2020-01-05", ""]


def test_a_text_file_renamed_to_xlsx(clerk_client, union):
    message = refused(clerk_client, union, "姓名,身份证号\n张三,110105\n".encode(), name="名单.xlsx")
    assert message.startswith("文件不是 Excel 工作簿（.xlsx）格式。")


def test_an_old_xls_file(clerk_client, union):
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000
    message = refused(clerk_client, union, content, name="名单.xls")
    assert "旧版 Excel（.xls）" in message and "另存为" in message


def test_an_html_table_saved_as_xls(clerk_client, union):
    message = refused(
        clerk_client, union, b"<html><table><tr><td>1</td></tr></table></html>", name="导出.xls"
    )
    assert "网页或 XML 格式" in message


def test_a_zero_byte_file(clerk_client, union):
    message = refused(clerk_client, union, b"")
    assert "空的" in message


def test_a_truncated_zip(clerk_client, union):
    content = xlsx([good_row()])
    message = refused(clerk_client, union, content[: len(content) // 2])
    assert message.startswith("文件已损坏")


def test_a_zip_that_is_not_a_workbook(clerk_client, union):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    message = refused(clerk_client, union, buffer.getvalue(), name="通知.xlsx")
    assert "这不是 Excel 工作簿（.xlsx）" in message


def test_a_zip_whose_workbook_part_is_broken(clerk_client, union):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-closed")
    message = refused(clerk_client, union, buffer.getvalue())
    assert message.startswith("无法读取该 Excel 文件")


def test_an_empty_workbook(clerk_client, union):
    message = refused(clerk_client, union, xlsx([], headers=None))
    assert message.startswith("Excel 文件是空的")


def test_a_header_row_without_data(clerk_client, union):
    message = refused(clerk_client, union, xlsx([]))
    assert message == "文件中只有表头，没有会员数据。"


def test_wrong_headers_are_listed(clerk_client, union):
    message = refused(clerk_client, union, xlsx([["甲", "x"]], headers=["名字", "证件"]))
    assert message.startswith("缺少必需的列：姓名、身份证号。")


def test_a_missing_id_column(clerk_client, union):
    message = refused(clerk_client, union, xlsx([["甲", "13911112222"]], headers=["姓名", "手机"]))
    assert message.startswith("缺少必需的列：身份证号。")


def test_two_columns_for_the_same_field(clerk_client, union):
    content = xlsx(
        [["甲", make_id_number(), "13911112222", "13911112222"]],
        headers=["姓名", "身份证号", "手机", "联系电话"],
    )
    message = refused(clerk_client, union, content)
    assert "“手机”与“联系电话”" in message and "只保留一列" in message


def test_an_oversized_upload(clerk_client, union, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    content = xlsx([good_row() for _ in range(50)])
    assert len(content) > 1000
    message = refused(clerk_client, union, content)
    assert message.startswith("文件过大") and "上限为" in message


def test_too_many_rows(clerk_client, union, settings):
    settings.ROSTER_IMPORT_MAX_ROWS = 3
    message = refused(clerk_client, union, xlsx([good_row() for _ in range(4)]))
    assert message == "数据超过 3 行的上限，请拆分成多个文件分批导入。"


def _zip_bomb(size: int) -> bytes:
    """A zip holding a valid small workbook plus one huge, highly compressible member,
    streamed so the test never holds the inflated data."""
    workbook = zipfile.ZipFile(io.BytesIO(xlsx([good_row()])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in workbook.infolist():
            archive.writestr(item, workbook.read(item.filename))
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated(clerk_client, union):
    content = _zip_bomb(210 * 1024 * 1024)
    assert len(content) < 1024 * 1024  # tiny on the wire
    message = refused(clerk_client, union, content)
    assert message.startswith("文件过大：解压后超过 150 MB")


def test_an_absurd_compression_ratio_is_refused_under_the_size_limit(clerk_client, union):
    content = _zip_bomb(15 * 1024 * 1024)  # 15 MB of zeros: compressed about 1000 times
    message = refused(clerk_client, union, content)
    assert message.startswith("文件压缩比异常")


def test_a_lying_zip_directory_does_not_get_past(clerk_client, union):
    """A member that declares a small size but inflates to much more: zipfile stops at the
    declared size and fails the CRC check, which surfaces as a damaged file."""
    content = xlsx([good_row()])
    archive = zipfile.ZipFile(io.BytesIO(content))
    sheet = archive.read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"</sheetData>", b"</sheetData>" + b"<!--" + b"x" * 5_000_000 + b"-->")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in archive.infolist():
            data = padded if item.filename == "xl/worksheets/sheet1.xml" else archive.read(item.filename)
            out.writestr(item.filename, data)
    forged = bytearray(buffer.getvalue())
    # Rewrite the declared uncompressed size of the sheet in both headers to the original one.
    real = len(padded).to_bytes(4, "little")
    fake = len(sheet).to_bytes(4, "little")
    assert forged.count(real) == 2
    forged = bytearray(bytes(forged).replace(real, fake))
    message = refused(clerk_client, union, bytes(forged))
    assert "损坏" in message


def test_a_formula_cell_is_an_error_on_its_row(clerk_client, union):
    content = xlsx([["甲", make_id_number(), "", "=1+1", "", "2020-01-05", ""]])
    upload(clerk_client, union, content)
    roster_import = RosterImport.objects.get()
    problems = roster_import.summary["errors"][0]["problems"]
    assert roster_import.summary["errors"][0]["row"] == 2
    assert problems == [
        ["手机", "单元格中是公式。请在 Excel 中复制后用“选择性粘贴 → 数值”替换公式，再导入。"]
    ]
    assert Member.objects.count() == 0


def test_an_id_number_typed_as_a_number_says_digits_were_lost(clerk_client, union):
    content = xlsx(
        [
            ["甲", 110105194912310020, "", "", "", "2020-01-05", ""],
            ["乙", 1.10105194912310e17, "", "", "", "2020-01-05", ""],
        ]
    )
    upload(clerk_client, union, content)
    roster_import = RosterImport.objects.get()
    assert roster_import.invalid_count == 2
    for row in roster_import.summary["errors"]:
        column, message = row["problems"][0]
        assert column == "身份证号"
        assert "存成了数字" in message and "文本" in message


def test_the_header_may_sit_below_a_title_row(clerk_client, union):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["某某公司工会会员花名册"])
    sheet.append(HEADERS)
    sheet.append(["甲", make_id_number(), "", "", "", dt.date(2020, 1, 5), ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(clerk_client, union, buffer.getvalue())
    roster_import = RosterImport.objects.get()
    assert roster_import.summary["header_row"] == 2
    assert roster_import.summary["adds"][0]["row"] == 3


def test_a_corrupt_sheet_body_is_reported(clerk_client, union):
    content = xlsx([good_row()])
    archive = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in archive.infolist():
            data = archive.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row r='3'><c r='A3'><v>1</c></row></sheetData>")
            out.writestr(item.filename, data)
    message = refused(clerk_client, union, buffer.getvalue())
    assert "损坏" in message
