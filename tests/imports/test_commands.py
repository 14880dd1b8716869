"""`manage.py import_records KIND FILE --union CODE`: one command for every record type."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from audit.models import AuditEntry
from imports import registry
from imports.management.commands.import_records import Command
from members.models import Member
from tests.factories import make_id_number

from .files import xlsx

pytestmark = pytest.mark.django_db


def test_every_registered_type_is_a_choice_of_the_command():
    parser = Command().create_parser("manage.py", "import_records")
    kind = next(action for action in parser._actions if action.dest == "kind")
    assert sorted(kind.choices) == sorted(t.key for t in registry.all_types())
    assert {"roster", "disbursements", "petitions", "activities"} <= set(kind.choices)


def test_the_roster_through_import_records(union, tmp_path):
    path = tmp_path / "花名册.xlsx"
    number = make_id_number()
    path.write_bytes(xlsx([["姓名", "身份证号", "入会时间"], ["甲", number, dt.date(2020, 1, 5)]]))
    out = io.StringIO()
    call_command("import_records", "roster", str(path), union=union.code, stdout=out)
    assert "新增 1 人，更新 0 人，无变化 0 人，错误 0 行" in out.getvalue()
    assert "导入完成：新增 1 人，更新 0 人。" in out.getvalue()
    assert Member.objects.get(union=union, id_number=number).name == "甲"
    event = AuditEntry.objects.get(action="members.roster.imported")
    assert event.changes["added"] == 1 and event.actor_label == "命令 import_records"


def test_another_type_through_import_records(union, clerk, tmp_path):
    from rights.models import Petition

    path = tmp_path / "信访.xlsx"
    path.write_bytes(xlsx([["日期", "反映事项", "人次"], [dt.date.today(), "食堂", 3]]))
    out = io.StringIO()
    call_command("import_records", "petitions", str(path), union=union.code, user=clerk.username, stdout=out)
    assert Petition.objects.filter(union=union).count() == 1
    assert "导入完成" in out.getvalue()
