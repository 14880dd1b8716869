"""What unions' own files look like: merged two-row headers, totals and footer lines, numbered
blank rows, WPS files with a wrong <dimension>; the template; the error workbook; the command."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from imports import registry
from imports.apply import apply_import
from imports.services import record_import_errors_workbook
from imports.template import build_template
from tests.factories import MemberFactory
from welfare.models import Disbursement

from .files import problems, upload, xlsx

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
ID = "11010519491231002X"


def test_a_merged_two_row_header_with_totals_footer_and_numbered_blank_rows(union, clerk):
    MemberFactory(union=union, name="王芳", id_number=ID)
    rows = [
        ["2025年帮扶慰问发放台账"],
        ["序号", "发放日期", "慰问类型", "受助人", "慰问金额", None, "资金来源"],
        [None, None, None, None, "现金", "物品折价", None],
        [1, TODAY, "春节慰问", "王芳", 500, None, "工会经费"],
        [2, TODAY, "生活救助", "王芳", 300, 0, "工会经费"],
        ["合计", None, None, None, "=SUM(E4:E5)", None, None],
        ["制表人：李会计", None, None, "审核人：张主席"],
        [3], [4], [5],
    ]  # fmt: skip
    content = xlsx(rows, merges=["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2", "G2:G3"])
    record_import = upload(union, clerk, "disbursements", content)
    summary = record_import.summary
    assert summary["header_rows"] == [2, 3]
    mapped = {c["header"]: c["key"] for c in summary["columns"]}
    assert mapped["慰问金额·现金"] == "cash_amount"
    assert mapped["慰问金额·物品折价"] == "goods_value"
    assert mapped["序号"] == ""
    assert (summary["skipped_totals"], summary["skipped_footers"]) == ([6], [7])
    assert record_import.row_count == 2
    assert problems(record_import) == []
    assert apply_import(record_import, clerk).applied
    assert sorted(Disbursement.objects.values_list("cash_amount", flat=True)) == [300, 500]


def _wrong_dimension(content: bytes) -> bytes:
    """What WPS writes: a <dimension> of A1 whatever the sheet holds."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
            target.writestr(item, data)
    return buffer.getvalue()


def test_a_file_whose_dimension_reads_wrong_is_read_whole(union, clerk):
    rows = [["日期", "公开事项", "公开形式"], *[[TODAY, f"事项{n}", "公开栏"] for n in range(30)]]
    content = _wrong_dimension(xlsx(rows))
    assert b'<dimension ref="A1"/>' in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    record_import = upload(union, clerk, "disclosures", content)
    assert record_import.valid_count == 30


@pytest.mark.parametrize("kind", [t.key for t in registry.all_types()])
def test_the_template_has_every_header_dropdowns_and_text_id_columns(kind, union, clerk):
    record_type = registry.get(kind)
    book = openpyxl.load_workbook(io.BytesIO(build_template(record_type)))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [c.header for c in record_type.columns]
    # No example row to import by mistake; the roster's is refused by its ID number.
    assert sheet.max_row == (2 if record_type.template_example_row else 1)
    choices = [c for c in record_type.columns if c.allowed]
    assert len(sheet.data_validations.dataValidation) >= len(choices)
    for index, column in enumerate(record_type.columns, start=1):
        if column.as_text:
            letter = openpyxl.utils.get_column_letter(index)
            assert sheet.column_dimensions[letter].number_format == "@"
    # The template, filled in, reads back with every column mapped exactly.
    record_import = upload(union, clerk, kind, build_template(record_type))
    assert {c["how"] for c in record_import.summary["columns"]} == {"exact"}


def test_the_error_workbook_lists_bad_rows_and_masks_ids_for_other_viewers(union, clerk):
    MemberFactory(union=union, name="王芳", id_number=ID)
    headers = ["日期", "类型", "姓名", "身份证号", "现金（元）", "资金来源", "备注"]
    content = xlsx([headers, [TODAY, "生活救助", "王芳", ID, 100, "工会经费", None],
                    [TODAY, "不存在", "王芳", ID, 100, "工会经费", f"另见{ID}"]])  # fmt: skip
    record_import = upload(union, clerk, "disbursements", content)
    assert [(r, c) for r, c, _ in problems(record_import)] == [(3, "类型")]
    masked = openpyxl.load_workbook(io.BytesIO(record_import_errors_workbook(record_import=record_import)))
    values = [[c.value for c in row] for row in masked.active.iter_rows()]
    assert "脱敏" in values[0][0]
    assert values[1][-2:] == ["原行号", "错误说明"]
    [bad] = values[2:]
    assert bad[-2] == 3 and "类型" in bad[-1]
    assert ID not in str(values) and ID[-4:] in bad[3]
    full = openpyxl.load_workbook(
        io.BytesIO(record_import_errors_workbook(record_import=record_import, full_ids=True))
    )
    assert [c.value for c in list(full.active.iter_rows())[1]][3] == ID


def test_the_command_imports_or_writes_nothing(union, clerk, tmp_path, capsys):
    good = tmp_path / "ok.xlsx"
    good.write_bytes(xlsx([["日期", "反映事项", "人次"], [TODAY, "食堂", 3], [TODAY, "班车", 2]]))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([["日期", "反映事项", "人次"], [TODAY, "食堂", 3], ["昨天", "班车", 2]]))
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import_records", "petitions", str(bad), union=union.code)
    assert "第3行\t日期" in capsys.readouterr().out
    call_command("import_records", "petitions", str(good), union=union.code, user=clerk.username)
    from rights.models import Petition

    assert Petition.objects.filter(union=union).count() == 2
    assert AuditEntry.objects.filter(action="imports.records.imported", actor=clerk).count() == 1
