"""Disbursement imports: recipients matched by ID number or name and branch, namesakes resolved
by the clerk, non-member recipients, past periods as paid with their recorded approver,
current ones as drafts the importing user may not approve."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.models import AuditEntry
from audit.presentation import history_for
from imports.apply import apply_import
from imports.services import record_import_resolve
from imports.spec import NONMEMBER
from tests.factories import BranchFactory, MemberFactory, UnionRoleFactory, UserFactory
from unions.models import Role
from welfare.choices import DisbursementStatus
from welfare.duties import own_records
from welfare.errors import WorkflowError
from welfare.models import Disbursement
from welfare.services import disbursement_approve, disbursement_submit

from .files import problems, upload, xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["日期", "类型", "姓名", "分会", "受助人说明", "现金（元）", "资金来源", "审批人"]
TODAY = dt.date.today()
LAST_YEAR = dt.date(TODAY.year - 1, 9, 17)


@pytest.fixture
def people(union):
    one = BranchFactory(union=union, name="一车间")
    two = BranchFactory(union=union, name="二车间")
    return {
        "fang1": MemberFactory(union=union, name="王芳", branch=one),
        "fang2": MemberFactory(union=union, name="王芳", branch=two),
        "qiang": MemberFactory(union=union, name="李强", branch=one),
    }


def test_a_namesake_is_asked_about_and_resolved_by_the_clerk(union, clerk, people):
    content = xlsx([HEADERS, [TODAY, "生活救助", "王芳", None, None, 800, "工会经费", None],
                    [TODAY, "生活救助", "王芳", "二车间", None, 600, "工会经费", None]])  # fmt: skip
    record_import = upload(union, clerk, "disbursements", content)
    assert (record_import.valid_count, record_import.pending_count) == (1, 1)
    pending = record_import.summary["pending"][0]
    assert pending["row"] == 2
    values = [value for value, _ in pending["candidates"]]
    assert values == [str(people["fang1"].pk), str(people["fang2"].pk), NONMEMBER]
    assert "一车间" in pending["candidates"][0][1]
    assert not apply_import(record_import, clerk).applied  # not before the question is answered
    assert Disbursement.objects.count() == 0

    record_import_resolve(record_import=record_import, choices={"2": str(people["fang1"].pk)})
    record_import.refresh_from_db()
    assert record_import.can_confirm
    assert apply_import(record_import, clerk).applied
    by_amount = {d.cash_amount: d.member for d in Disbursement.objects.all()}
    assert by_amount == {800: people["fang1"], 600: people["fang2"]}


def test_a_choice_outside_the_candidates_is_refused(union, clerk, people):
    content = xlsx([HEADERS, [TODAY, "生活救助", "王芳", None, None, 800, "工会经费", None]])
    record_import = upload(union, clerk, "disbursements", content)
    with pytest.raises(Exception, match="选择无效"):
        record_import_resolve(record_import=record_import, choices={"2": str(people["qiang"].pk)})


def test_non_member_recipients_come_in_by_name(union, clerk, people):
    content = xlsx([HEADERS, [TODAY, "退休慰问", "赵大爷", None, "退休职工", 300, "工会经费", None],
                    [TODAY, "丧葬慰问", "钱某", None, None, 1000, "工会经费", None]])  # fmt: skip
    record_import = upload(union, clerk, "disbursements", content)
    assert problems(record_import) == [
        (
            3,
            "姓名",
            "本会没有名为“钱某”的会员。如受助人不是会员，请在“受助人说明”中注明（如退休职工），或“是否会员”填“否”。",
        )
    ]
    content = xlsx([HEADERS, [TODAY, "退休慰问", "赵大爷", None, "退休职工", 300, "工会经费", None]])
    record_import = upload(union, clerk, "disbursements", content)
    assert apply_import(record_import, clerk).applied
    record = Disbursement.objects.get()
    assert (record.member, record.recipient_name, record.recipient_relation) == (None, "赵大爷", "退休职工")


def test_a_past_period_comes_in_paid_with_its_recorded_approver(union, clerk, leader, people):
    content = xlsx([HEADERS, [LAST_YEAR, "中秋慰问", "李强", None, None, 200, "工会经费", "张主席"],
                    [TODAY, "生活救助", "李强", None, None, 900, "工会经费", None]])  # fmt: skip
    record_import = upload(union, clerk, "disbursements", content)
    assert apply_import(record_import, clerk).applied
    past = Disbursement.objects.get(date=LAST_YEAR)
    assert (past.status, past.paid_on, past.festival) == (DisbursementStatus.PAID, LAST_YEAR, "mid_autumn")
    assert past.is_counted
    event = AuditEntry.objects.for_object(past).get(action="welfare.disbursement.imported_paid")
    assert event.changes["台账记载的审批人"] == "张主席"
    assert event.actor == clerk
    lines = [line.label for item in history_for(past) for line in item.lines]
    assert "台账记载的审批人" in lines

    current = Disbursement.objects.get(date=TODAY)
    assert current.status == DisbursementStatus.DRAFT
    assert not current.is_counted


def test_a_past_row_without_an_approver_is_an_error(union, clerk, people):
    content = xlsx([HEADERS, [LAST_YEAR, "生活救助", "李强", None, None, 200, "工会经费", None]])
    record_import = upload(union, clerk, "disbursements", content)
    [(row, column, message)] = problems(record_import)
    assert (row, column) == (2, "审批人")
    assert "本报告期" in message


def test_the_importing_user_counts_as_the_enterer(union, clerk, leader, people):
    content = xlsx([HEADERS, [TODAY, "生活救助", "李强", None, None, 900, "工会经费", None]])
    record_import = upload(union, clerk, "disbursements", content)
    assert apply_import(record_import, leader).applied  # the leader confirmed the import
    record = Disbursement.objects.get()
    assert own_records(actor=leader, ids=[record.pk]) == {record.pk}
    disbursement_submit(disbursement=record, actor=clerk)
    record.refresh_from_db()
    with pytest.raises(WorkflowError):
        disbursement_approve(disbursement=record, actor=leader)
    other_leader = UserFactory(username="leader2")
    UnionRoleFactory(user=other_leader, union=union, role=Role.LEADER)
    approved = disbursement_approve(disbursement=record, actor=other_leader)
    assert approved.status == DisbursementStatus.APPROVED


def test_members_are_matched_by_id_number_first(union, clerk, people):
    member = people["fang2"]
    headers = ["日期", "类型", "姓名", "身份证号", "现金（元）", "资金来源"]
    content = xlsx([headers, [TODAY, "生活救助", "王芳", member.id_number, 100, "工会经费"],
                    [TODAY, "生活救助", "李四", member.id_number, 100, "工会经费"]])  # fmt: skip
    record_import = upload(union, clerk, "disbursements", content)
    [(row, column, message)] = problems(record_import)
    assert (row, column) == (3, "身份证号")
    assert "王芳" in message
