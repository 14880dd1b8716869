"""Issue #9 item 8: an upload cannot make a worker read without bound.

Malicious workbooks are built here part by part (as Excel lays them out, with a shared-string
table), and each must be refused with a Chinese message after bounded work: the tests assert
on what was inflated and parsed (records.xlsx_upload.ReadBudget), not on wall time alone.
Both upload paths are covered: the roster import and the workbook import.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.import_models import RosterImport
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
_XML = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEADER = ["姓名", "身份证号", "入会时间"]
WHITESPACE_STRING = b'<si><t xml:space="preserve"> </t></si>'


def whitespace_strings(count: int, seed: int = 9) -> Iterable[bytes]:
    """Whitespace-only strings of random make-up: they compress about 20 times, like the
    reported file (27), under any compression-ratio limit."""
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(" \t\n\u3000") for _ in range(rng.randint(1, 8)))
        yield f'<si><t xml:space="preserve">{text}</t></si>'.encode()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Files this large by their recorded dimension go to the task worker (imports.sizing),
    # which reads them with the same bounded reader; here they are read in the request, where
    # the refusal is a form error (tests/imports/test_import_jobs.py has one on the worker).
    settings.IMPORT_SYNC_MAX_ROWS = 10**9


def _header_row() -> bytes:
    cells = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(HEADER)
    )
    return f'<row r="1">{cells}</row>'.encode()


def _good_row(number: int) -> bytes:
    return (
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>甲</t></is></c>'
        f'<c r="B{number}" t="inlineStr"><is><t>{make_id_number()}</t></is></c>'
        f'<c r="C{number}" t="inlineStr"><is><t>2020-01-05</t></is></c></row>'
    ).encode()


def build_xlsx(
    rows: Iterable[bytes],
    *,
    strings: Iterable[bytes] = (),
    dimension: str = "A1:C2",
    sheet_name: str = "花名册",
    level: int = 6,
) -> bytes:
    """An .xlsx with one sheet whose rows (XML, streamed) and shared strings are given."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{_MAIN.decode()}" xmlns:r="{_REL}">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode())
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(_XML + b'<sst xmlns="' + _MAIN + b'">')
            _stream(part, strings)
            part.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(
                _XML + b'<worksheet xmlns="' + _MAIN + b'"><dimension ref="' + dimension.encode() + b'"/>'
            )
            part.write(b"<sheetData>")
            _stream(part, rows)
            part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _stream(part: Any, pieces: Iterable[bytes]) -> None:
    batch: list[bytes] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= 10_000:
            part.write(b"".join(batch))
            batch.clear()
    part.write(b"".join(batch))


def _whitespace_rows(count: int, start: int = 2) -> Iterable[bytes]:
    """Rows whose cells all point at whitespace-only shared strings: blank to the importer."""
    for n in range(start, start + count):
        yield f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}" t="s"><v>1</v></c></row>'.encode()


def _refused_roster(client: Any, union: Any, content: bytes) -> str:
    response = client.post(
        reverse("members:import", args=[union.code]),
        {"file": SimpleUploadedFile("花名册.xlsx", content)},
    )
    assert response.status_code == 200
    assert RosterImport.objects.count() == 0
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and errors[0] in response.content.decode()
    return errors[0]


def _refusal(content: bytes) -> Any:
    """Read `content` the way every upload path does; return the refusal (with its budget)."""
    from records.xlsx_upload import UploadRefused, open_workbook

    with pytest.raises(UploadRefused) as caught:
        workbook = open_workbook(io.BytesIO(content), data_only=False)
        for sheet in workbook.worksheets:
            for _ in workbook.rows(sheet):
                pass
    # The bound is asserted on the work done (the callers read the budget), not on wall time,
    # which a loaded CI machine stretches.
    return caught.value


# --- before parsing: the zip directory --------------------------------------------------------


def test_the_reported_whitespace_string_table_is_refused_before_anything_is_inflated(clerk_client, union):
    # 183 MB of whitespace-only shared strings, as in the report (a few hundred kB on the wire).
    count = 183 * MB // len(WHITESPACE_STRING)
    content = build_xlsx(
        [_header_row(), *_whitespace_rows(10)], strings=(WHITESPACE_STRING for _ in range(count))
    )
    assert len(content) < 2 * MB
    message = _refused_roster(clerk_client, union, content)
    assert message.startswith("文件过大：解压后超过 150 MB")
    refusal = _refusal(content)
    assert refusal.message == message
    assert refusal.budget.bytes_inflated == 0


def test_too_many_parts_are_refused(clerk_client, union, settings):
    settings.XLSX_MAX_PARTS = 20
    buffer = io.BytesIO()
    base = zipfile.ZipFile(io.BytesIO(build_xlsx([_header_row(), _good_row(2)])))
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in base.infolist():
            archive.writestr(item, base.read(item.filename))
        for i in range(30):
            archive.writestr(f"xl/media/image{i}.bin", b"x")
    message = _refused_roster(clerk_client, union, buffer.getvalue())
    assert message.startswith("文件结构异常：包含 36 个部件，超过 20 个的上限")


def test_an_oversized_style_part_is_refused_before_it_is_parsed(clerk_client, union, settings):
    # openpyxl parses styles.xml whole, in memory: a part like that is held to a smaller size.
    settings.XLSX_MAX_OTHER_PART_BYTES = 1 * MB
    buffer = io.BytesIO()
    base = zipfile.ZipFile(io.BytesIO(build_xlsx([_header_row(), _good_row(2)])))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in base.infolist():
            archive.writestr(item, base.read(item.filename))
        archive.writestr("xl/styles.xml", b"<styleSheet>" + b"<numFmt/>" * 200_000 + b"</styleSheet>")
    message = _refused_roster(clerk_client, union, buffer.getvalue())
    assert message.startswith("文件过大：其中一个部件解压后超过 1 MB")
    refusal = _refusal(buffer.getvalue())
    assert refusal.message == message
    assert refusal.budget.bytes_inflated == 0


# --- while parsing -------------------------------------------------------------------------


def test_a_whitespace_string_table_under_the_size_limits_is_stopped_at_the_string_limit(
    clerk_client, union, settings
):
    settings.XLSX_MAX_SHARED_STRINGS = 5_000
    content = build_xlsx([_header_row(), *_whitespace_rows(10)], strings=whitespace_strings(200_000))
    message = _refused_roster(clerk_client, union, content)
    assert message == "文件中的文本条目超过 5000 条的上限，请删除无关内容或拆分成多个文件。"
    refusal = _refusal(content)
    assert refusal.message == message
    assert refusal.budget.shared_strings == 5_001
    assert refusal.budget.bytes_inflated < 1 * MB  # of about 8 MB


def test_a_million_blank_rows_are_stopped_at_the_row_limit(clerk_client, union):
    # Rows of whitespace: blank to the importer, which used to read every one of them.
    rows = [_header_row(), _good_row(2), *_whitespace_rows(1_000_000, start=3)]
    content = build_xlsx(rows, strings=[WHITESPACE_STRING, WHITESPACE_STRING], dimension="A1:B1000002")
    message = _refused_roster(clerk_client, union, content)
    assert message.startswith("工作表“花名册”的行数超过 120000 行（含空行）")
    refusal = _refusal(content)
    assert refusal.message.startswith("工作表“花名册”的行数超过 120000 行（含空行）")
    assert refusal.budget.rows == 120_001
    assert refusal.budget.bytes_inflated < 20 * MB  # of 75 MB


def test_a_row_far_below_the_data_is_refused_without_reading_the_gap(clerk_client, union):
    content = build_xlsx(
        [_header_row(), _good_row(2), b'<row r="1048576"><c r="A1048576" t="s"><v>0</v></c></row>'],
        strings=[WHITESPACE_STRING],
        dimension="A1:C1048576",
    )
    message = _refused_roster(clerk_client, union, content)
    assert message.startswith("工作表“花名册”的行数超过 120000 行")
    refusal = _refusal(content)
    assert refusal.message.startswith("工作表“花名册”的行数超过 120000 行（含空行）")
    assert refusal.budget.rows == 3


def test_a_row_of_a_million_cells_is_refused_while_it_is_parsed(clerk_client, union):
    def wide() -> Iterable[bytes]:
        yield b'<row r="2">'
        rng = random.Random(3)
        for _ in range(1_000_000):  # no r: openpyxl counts the columns on
            yield f"<c><v>{rng.randrange(10**6)}</v></c>".encode()
        yield b"</row>"

    content = build_xlsx([_header_row(), *wide()], strings=[WHITESPACE_STRING])
    message = _refused_roster(clerk_client, union, content)
    assert message.startswith("工作表结构异常：一行（或一段）内容超过 1000 列的上限")
    refusal = _refusal(content)
    assert refusal.message == message
    assert refusal.budget.elements < 20_000  # of two million
    assert refusal.budget.bytes_inflated < 2 * MB  # of 22 MB


def test_a_cell_far_to_the_right_is_refused(clerk_client, union):
    content = build_xlsx(
        [_header_row(), b'<row r="2"><c r="XFD2" t="s"><v>0</v></c></row>'], strings=[WHITESPACE_STRING]
    )
    message = _refused_roster(clerk_client, union, content)
    assert message == "工作表“花名册”第 2 行的列数超过 1000 列，请删除多余的列后重试。"
    refusal = _refusal(content)
    assert refusal.message == message


def test_the_cell_limit(clerk_client, union, settings):
    settings.XLSX_MAX_CELLS = 3_000
    content = build_xlsx([_header_row(), *(_good_row(n) for n in range(2, 2_002))])
    message = _refused_roster(clerk_client, union, content)
    assert message == "文件的单元格数超过 3000 个的上限，请拆分成多个文件分批导入。"
    refusal = _refusal(content)
    assert refusal.message == message
    assert refusal.budget.cells == 3_000 + 3  # the row that crossed the limit


def test_the_time_limit_is_checked_as_the_file_is_inflated(clerk_client, union, settings):
    settings.XLSX_MAX_SECONDS = 0
    content = build_xlsx([_header_row(), _good_row(2)])
    message = _refused_roster(clerk_client, union, content)
    assert message.startswith("读取文件超过 0 秒仍未完成，已停止。")
    refusal = _refusal(content)
    assert refusal.message == message
    assert refusal.budget.bytes_inflated < 64 * 1024


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_an_entity_declaration_is_refused_before_it_is_expanded(clerk_client, union, part):
    # A billion laughs: ten entities, each ten of the one before (defusedxml refused these
    # while openpyxl happened to parse with it; the C parser is guarded the same way).
    entities = '<!ENTITY e0 "laugh">' + "".join(
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    )
    base = zipfile.ZipFile(io.BytesIO(build_xlsx([_header_row(), _good_row(2)], strings=[WHITESPACE_STRING])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in base.infolist():
            data = base.read(item.filename)
            if item.filename == part:
                root = b"worksheet" if "sheet1" in part else b"sst"
                data = data.replace(_XML, _XML + b"<!DOCTYPE " + root + b" [" + entities.encode() + b"]>")
                data = data.replace(b"</t>", b"&e9;</t>", 1)
            archive.writestr(item, data)
    message = _refused_roster(clerk_client, union, buffer.getvalue())
    assert message == "文件内容包含实体声明（DOCTYPE/ENTITY），不是 Excel 保存的工作簿，已拒绝导入。"
    assert _refusal(buffer.getvalue()).message == message


def test_the_workbook_import_is_bounded_by_the_same_mechanism(settings):
    from workbook.importing import WorkbookImportError, read_workbook

    settings.XLSX_MAX_SHARED_STRINGS = 5_000
    content = build_xlsx([_header_row()], strings=whitespace_strings(200_000), sheet_name="说明")
    with pytest.raises(WorkbookImportError) as caught:
        read_workbook(io.BytesIO(content))
    assert caught.value.messages == ["文件中的文本条目超过 5000 条的上限，请删除无关内容或拆分成多个文件。"]


# --- what must still work ------------------------------------------------------------------


def test_a_50000_row_roster_reads_within_the_default_limits(tmp_path):
    """The benchmark's file (Excel layout: shared strings, <dimension>) reads in full."""
    from bench.import_roster import generate
    from members.importers import open_roster

    path = tmp_path / "roster.xlsx"
    generate(path, 50_000, 20240101, "excel")
    with open(path, "rb") as fh, open_roster(fh) as sheet:
        rows = sum(1 for _ in sheet.rows())
        budget = sheet.budget
    assert rows == 50_000
    assert budget.rows >= 50_001 and budget.cells > 800_000
