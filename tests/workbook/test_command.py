"""python manage.py export_workbook."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from members.id_numbers import mask

from .conftest import FULL_ID, Y, read, table

pytestmark = pytest.mark.django_db


def test_it_writes_the_workbook_with_full_ids(records, tmp_path, capsys):
    output = tmp_path / "年报.xlsx"
    call_command("export_workbook", "--union", records.union.code, "--year", str(Y), "--output", str(output))
    book = read(str(output))
    assert book.sheetnames[:2] == ["封面", "统计指标"] and len(book.sheetnames) == 18
    assert FULL_ID in [row[5] for row in table(book["会员花名册"])[1]]
    out = capsys.readouterr().out
    assert "会员花名册\t8 行" in out and "完整身份证号" in out
    entry = AuditEntry.objects.get(action="workbook.exported")
    assert entry.actor is None and entry.actor_label == "命令 export_workbook"
    assert entry.changes["via"] == "命令" and entry.changes["full_ids"] is True
    assert not (tmp_path / "年报.xlsx.part").exists()


def test_masked_writes_masked_ids(records, tmp_path):
    output = tmp_path / "masked.xlsx"
    call_command(
        "export_workbook",
        "--union",
        records.union.code,
        "--year",
        str(Y),
        "--output",
        str(output),
        "--masked",
    )
    numbers = [row[5] for row in table(read(str(output))["会员花名册"])[1]]
    assert mask(FULL_ID) in numbers and FULL_ID not in numbers


def test_the_help_says_the_ids_are_full():
    from workbook.management.commands.export_workbook import Command

    assert "完整" in Command.help and "--masked" in Command.help


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--union", "nope", "--year", "2025", "--output", "x.xlsx"], "没有找到代码为“nope”的工会"),
        (["--union", "main", "--year", "1999", "--output", "x.xlsx"], "统计年度"),
        (["--union", "main", "--year", "2025", "--output", "x.csv"], ".xlsx"),
        (["--union", "main", "--year", "2025", "--output", "/nonexistent-dir/x.xlsx"], "输出目录不存在"),
    ],
)
def test_it_refuses_bad_arguments(union, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_workbook", *args)
