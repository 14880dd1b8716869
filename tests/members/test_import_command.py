"""`manage.py import_members FILE --union CODE [--dry-run]`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from members.models import Member
from tests.factories import MemberFactory, make_id_number

from .test_import import member_entries, xlsx

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, rows: list[list[object]]) -> Path:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(xlsx(rows, headers=["姓名", "身份证号", "手机", "入会时间"]))
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_members", *args, stdout=out)
    return out.getvalue()


def test_dry_run_reports_and_writes_nothing(tmp_path, union):
    existing = MemberFactory(union=union, phone="13800000000")
    path = write(
        tmp_path, [["甲", make_id_number(), "", "2020-01-05"], ["老", existing.id_number, "13911112222", ""]]
    )
    output = run(str(path), "--union", union.code, "--dry-run")
    assert "新增 1 人，更新 1 人，无变化 0 人，错误 0 行" in output
    assert "未写入任何数据" in output
    assert Member.objects.filter(union=union).count() == 1
    existing.refresh_from_db()
    assert existing.phone == "13800000000"
    assert not AuditEntry.objects.filter(action="members.roster.imported").exists()


def test_without_dry_run_it_writes_with_the_command_as_actor(tmp_path, union):
    existing = MemberFactory(union=union, phone="13800000000")
    number = make_id_number()
    path = write(tmp_path, [["甲", number, "", "2020-01-05"], ["老", existing.id_number, "13911112222", ""]])
    output = run(str(path), "--union", union.code)
    assert "导入完成：新增 1 人，更新 1 人。" in output
    added = Member.objects.get(union=union, id_number=number)
    existing.refresh_from_db()
    assert existing.phone == "13911112222"
    entries = member_entries().filter(actor_label="命令 import_members", actor=None)
    assert sorted(entries.values_list("action", "object_id")) == [
        ("create", str(added.pk)),
        ("update", str(existing.pk)),
    ]
    summary = AuditEntry.objects.get(action="members.roster.imported")
    assert summary.union_id == union.pk and summary.changes["file"] == "roster.xlsx"


def test_errors_are_printed_and_the_exit_is_non_zero(tmp_path, union):
    path = write(tmp_path, [["甲", make_id_number(), "", "2020-01-05"], ["乙", "12345", "", "2020-01-05"]])
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 行错误，未写入任何数据"):
        call_command("import_members", str(path), "--union", union.code, stdout=out)
    assert "第3行\t身份证号\t身份证号应为18位，当前为5位。" in out.getvalue()
    assert Member.objects.count() == 0


def test_a_bad_file_or_union_is_a_clear_error(tmp_path, union):
    text = tmp_path / "roster.xlsx"
    text.write_text("不是表格")
    with pytest.raises(CommandError, match="不是 Excel 工作簿"):
        run(str(text), "--union", union.code)
    with pytest.raises(CommandError, match="没有找到代码为“nope”的工会"):
        run(str(text), "--union", "nope")
    with pytest.raises(CommandError, match="找不到文件"):
        run(str(tmp_path / "missing.xlsx"), "--union", union.code)
