"""records.bulk_write against Model.objects.create: the same row, field by field, on the
database the suite runs on (SQLite, or PostgreSQL's COPY path)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from audit.context import acting_as
from audit.models import Action, AuditEntry
from audit.registry import build_entry, creation_changes, update_changes
from imports.plan import build_plan
from members.importers import RosterType, open_roster
from members.importing.apply import roster_import_apply
from members.models import Member
from records import bulk_write
from tests.factories import MemberFactory, make_id_number
from tests.members.test_import import xlsx
from welfare.choices import DisbursementKind, DisbursementStatus, FundingSource
from welfare.models import Disbursement

pytestmark = pytest.mark.django_db

# Text a COPY or a parameter could get wrong: tabs, line breaks, backslashes, quotes, NUL-free.
AWKWARD = "王\t芳\\N \\ 'x' \"y\"\r\n第二行"


def stored(model: type[models.Model], pk: int) -> dict[str, Any]:
    return model.objects.filter(pk=pk).values(*[f.attname for f in model._meta.concrete_fields]).get()


def same_but_keys(a: dict[str, Any], b: dict[str, Any], *, skip: set[str]) -> None:
    assert {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}


@pytest.mark.parametrize("model", [Member, Disbursement, AuditEntry])
def test_the_models_written_in_bulk_do_nothing_in_save_or_its_signals_but_the_audit(model):
    # The bulk path skips save() and the save signals (as bulk_create does). If one of these
    # models gains a value computed there, the bulk writers must compute it too.
    assert model.save is models.Model.save or model is AuditEntry  # AuditEntry.save only refuses edits
    assert not pre_save.has_listeners(model)
    receivers = post_save._live_receivers(model)
    assert all(r.__module__ == "audit.registry" for group in receivers for r in group)


def test_a_member_imported_equals_one_saved_by_the_form_path(union, branch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    number = make_id_number(dt.date(1988, 3, 9), "M")
    # The form path: full_clean() fills birth date and gender from the ID number, then save().
    by_form = Member(
        union=union, branch=branch, name="李强", id_number=number.lower(), joined_on=dt.date(2015, 4, 1)
    )
    by_form.full_clean()
    by_form.save()
    saved = stored(Member, by_form.pk)
    Member.objects.filter(pk=by_form.pk).update(id_number="X")  # free the number for the import

    content = xlsx([["李强", number.lower(), "", "", branch.name, "2015-04-01", ""]])
    path = tmp_path / "roster.xlsx"
    path.write_bytes(content)
    before = timezone.now()
    with open_roster(path) as sheet:
        plan = build_plan(record_type=RosterType(), sheet=sheet, union=union)
    assert not plan.invalid
    roster_import_apply(union=union, plan=plan)
    imported = Member.objects.get(union=union, id_number=number.upper())
    row = stored(Member, imported.pk)
    same_but_keys(row, saved, skip={"id", "created_at", "updated_at", "id_number"})
    assert row["id_number"] == saved["id_number"] == number.upper()
    assert row["birth_date"] == dt.date(1988, 3, 9) and row["gender"] == "M"
    assert before <= row["created_at"] <= timezone.now()
    assert row["created_at"] == row["updated_at"] or row["updated_at"] >= row["created_at"]


def disbursement(union: Any, member: Any, **kw: Any) -> Disbursement:
    fields = dict(
        union=union,
        date=dt.date(2024, 2, 5),
        kind=DisbursementKind.LIVING,
        member=member,
        cash_amount=Decimal("1200.50"),
        goods_value=Decimal("0.00"),
        goods_description=AWKWARD,
        funding_source=FundingSource.UNION_FUNDS,
        status=DisbursementStatus.PAID,
        paid_on=dt.date(2024, 2, 6),
        notes="",
    )
    fields.update(kw)
    return Disbursement(**fields)


def test_a_disbursement_in_bulk_equals_one_created(union):
    member = MemberFactory(union=union)
    created = Disbursement.objects.create(**{f.name: getattr(disbursement(union, member), f.name)
                                             for f in Disbursement._meta.concrete_fields if f.name != "id"})  # fmt: skip
    record = disbursement(union, member)
    with transaction.atomic():
        bulk_write.insert([record])
    assert record.pk and record.pk != created.pk and not record._state.adding
    row, other = stored(Disbursement, record.pk), stored(Disbursement, created.pk)
    same_but_keys(row, other, skip={"id", "created_at", "updated_at"})
    assert row["goods_description"] == AWKWARD and row["cash_amount"] == Decimal("1200.50")
    assert row["created_at"] is not None and row["updated_at"] is not None
    assert row["voided_at"] is None


def test_audit_entries_in_bulk_equal_those_saved(union, clerk):
    member = MemberFactory(union=union, name=AWKWARD[:50])
    with acting_as(clerk, ip_address="10.0.0.7"):
        changes = {**creation_changes(member), "nested": {"list": [1, "二", None], "text": AWKWARD}}
        saved = build_entry(member, Action.CREATE, changes)
        saved.save()
        fast = build_entry(member, Action.CREATE, changes)
        fast.created_at = saved.created_at
        with transaction.atomic():
            bulk_write.insert([fast])
    row, other = stored(AuditEntry, fast.pk), stored(AuditEntry, saved.pk)
    same_but_keys(row, other, skip={"id"})
    assert row["changes"]["nested"]["text"] == AWKWARD and row["ip_address"] == "10.0.0.7"


def test_keys_are_consecutive_and_follow_the_tables_own(union):
    first = MemberFactory(union=union)
    members = [
        Member(union=union, name=f"会员{i}", id_number=make_id_number(), birth_date=dt.date(1985, 6, 15),
               joined_on=dt.date(2020, 1, 1))
        for i in range(7)
    ]  # fmt: skip
    with transaction.atomic():
        bulk_write.insert(members)
    keys = [m.pk for m in members]
    assert keys == sorted(keys) and len(set(keys)) == 7 and keys[0] > first.pk
    assert set(Member.objects.filter(pk__in=keys).values_list("name", flat=True)) == {m.name for m in members}
    after = MemberFactory(union=union)
    assert after.pk > keys[-1]


def test_a_clash_in_the_middle_leaves_nothing(union):
    taken = MemberFactory(union=union)
    members = [
        Member(union=union, name=f"会员{i}", id_number=number, birth_date=dt.date(1985, 6, 15),
               joined_on=dt.date(2020, 1, 1))
        for i, number in enumerate([make_id_number(), taken.id_number, make_id_number()])
    ]  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_write.insert(members)
    assert Member.objects.filter(union=union).count() == 1


def test_updates_set_the_named_fields_and_auto_now(union):
    member = MemberFactory(union=union, phone="")
    before = stored(Member, member.pk)
    member.phone = "13812345678"
    member.name = "不写入"  # not named: stays as stored
    with transaction.atomic():
        bulk_write.update([member], ["phone"])
    row = stored(Member, member.pk)
    assert row["phone"] == "13812345678" and row["name"] == before["name"]
    assert row["updated_at"] > before["updated_at"] and row["created_at"] == before["created_at"]


@pytest.mark.django_db(transaction=True)
def test_writes_outside_a_transaction_are_refused(union):
    with pytest.raises(RuntimeError):
        bulk_write.insert([disbursement(union, MemberFactory(union=union))])


def test_the_roster_imports_audit_entries_say_what_the_save_signals_would(union, branch, clerk, tmp_path):
    # The import writes rows and entries without Member instances (insert_rows, entry_rows):
    # each entry must be the one post_save would write for the member as stored.
    existing = MemberFactory(union=union, phone="13800000000", department="车间")
    before = Member.objects.get(pk=existing.pk)
    logged = AuditEntry.objects.order_by("id").last().pk
    number = make_id_number(dt.date(1991, 7, 2), "M")
    headers = ["姓名", "身份证号", "手机", "分会", "单位/部门", "入会时间", "会籍状态", "状态日期"]
    rows = [
        [AWKWARD[:40], number.lower(), "13911112222", branch.name, "", "2016-05-01", "退休", "2024-03-01"],
        ["", existing.id_number, "13922223333", branch.name, "科室", "", "", ""],
    ]
    path = tmp_path / "roster.xlsx"
    path.write_bytes(xlsx(rows, headers=headers))
    with open_roster(path) as sheet:
        plan = build_plan(record_type=RosterType(), sheet=sheet, union=union)
    assert not plan.invalid
    with acting_as(clerk, ip_address="10.0.0.9"):
        roster_import_apply(union=union, plan=plan)
        added = Member.objects.get(union=union, id_number=number)
        after = Member.objects.get(pk=existing.pk)
        expected = {
            ("create", added.pk): build_entry(added, Action.CREATE, creation_changes(added)),
            ("update", after.pk): build_entry(after, Action.UPDATE, update_changes(after, before.__dict__)),
        }
    entries = AuditEntry.objects.filter(content_type__model="member", pk__gt=logged)
    assert len(entries) == 2
    for entry in entries:
        want = expected[(entry.action, int(entry.object_id))]
        same_but_keys(stored(AuditEntry, entry.pk), {f.attname: getattr(want, f.attname)
                      for f in AuditEntry._meta.concrete_fields}, skip={"id", "created_at"})  # fmt: skip
    assert set(expected[("update", after.pk)].changes) == {"phone", "branch", "department"}
    assert expected[("create", added.pk)].changes["status_date"] == "2024-03-01"


def test_rows_written_without_instances_read_back_as_given(union, branch):
    # insert_rows: text that looks like COPY's NULL marker, escapes or separators, beside
    # real NULLs, in rows of one batch (each row is checked for escaping on its own).
    names = bulk_write.attnames(Member)
    now = timezone.now()
    base = {f.attname: f.get_default() for f in Member._meta.concrete_fields if f.attname in names}
    base.update(union_id=union.pk, birth_date=dt.date(1985, 6, 15), joined_on=dt.date(2020, 1, 1),
                created_at=now, updated_at=now)  # fmt: skip
    given = [
        {"name": "\\N", "department": AWKWARD, "notes": "", "branch_id": None, "status_date": None},
        {"name": "王芳", "department": "车间", "notes": "甲\t乙", "branch_id": branch.pk},
        {"name": "李强", "department": "\\", "job_title": "\\N", "is_migrant_worker": True},
        {
            "name": "张伟",
            "notes": "第一行\n第二行\r",
            "status_date": dt.date(2024, 3, 1),
            "status": "retired",
        },
    ]
    rows = []
    for values in given:
        values = {**base, **values, "id_number": make_id_number()}
        rows.append(tuple(values[name] for name in names))
    with transaction.atomic():
        keys = bulk_write.insert_rows(Member, rows)
    for key, row in zip(keys, rows, strict=True):
        assert stored(Member, key) == {"id": key, **dict(zip(names, row, strict=True))}


def test_updates_of_many_rows_read_back_as_given(union, branch):
    # update_rows: each row its own values (PostgreSQL: one UPDATE … FROM (VALUES …) per
    # chunk), text COPY or a parameter could get wrong, NULLs, dates and a foreign key; a
    # member not named keeps what it had.
    members = [MemberFactory(union=union, phone="", department="旧") for _ in range(4)]
    names = ["department", "phone", "status_date", "branch_id", "updated_at"]
    now = timezone.now()
    new = [
        (AWKWARD, "13812345678", dt.date(2024, 3, 1), branch.pk),
        ("\\N", "", None, None),
        ("车间", "13900000000", None, branch.pk),
    ]
    rows = [(*values, now, member.pk) for values, member in zip(new, members, strict=False)]
    with transaction.atomic():
        bulk_write.update_rows(Member, names, rows)
    for values, member in zip(new, members, strict=False):
        row = stored(Member, member.pk)
        assert (row["department"], row["phone"], row["status_date"], row["branch_id"]) == values
        assert row["updated_at"] == now
    assert stored(Member, members[3].pk)["department"] == "旧"


def test_an_update_naming_a_member_twice_leaves_the_last_values(union):
    member = MemberFactory(union=union, phone="")
    now = timezone.now()
    rows = [("13800000001", now, member.pk), ("13800000002", now, member.pk)]
    with transaction.atomic():
        bulk_write.update_rows(Member, ["phone", "updated_at"], rows)
    assert stored(Member, member.pk)["phone"] == "13800000002"
