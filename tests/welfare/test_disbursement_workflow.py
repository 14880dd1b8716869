"""The approval workflow of disbursements, driven through the pages as clerks and leaders do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import MemberFactory
from tests.welfare.factories import DisbursementFactory, HardshipFileFactory
from welfare import services
from welfare.choices import DisbursementStatus as S
from welfare.errors import RecordLocked, WorkflowError
from welfare.models import Disbursement

pytestmark = pytest.mark.django_db


def _url(name: str, union, *args) -> str:
    return reverse(f"welfare:{name}", args=[union.code, *args])


def _entry(member=None, **overrides) -> dict:
    data = {
        "date": "2025-06-10",
        "kind": "medical",
        "festival": "",
        "member": member.pk if member else "",
        "recipient_name": "",
        "recipient_relation": "",
        "hardship_file": "",
        "cash_amount": "2000.00",
        "goods_description": "",
        "goods_value": "0",
        "funding_source": "union_funds",
        "notes": "",
    }
    data.update(overrides)
    return data


def _decide(client, union, action: str, *ids: int, reason: str = "", follow: bool = False):
    data = {"action": action, "ids": [str(i) for i in ids], "reason": reason}
    return client.post(_url("disbursement-decide", union), data, follow=follow)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _workflow_events(record: Disbursement) -> list[str]:
    entries = AuditEntry.objects.for_object(record).order_by("id")
    return [a.rsplit(".", 1)[1] for a in entries.values_list("action", flat=True) if a.startswith("welfare.")]


def test_the_whole_workflow_through_the_pages(clerk_client, leader_client, union, clerk, leader):
    member = MemberFactory(union=union, name="王大力")

    # A clerk drafts the record: it is a draft, and drafts do not count.
    response = clerk_client.post(_url("disbursement-create", union), _entry(member))
    assert response.status_code == 302
    record = Disbursement.objects.get()
    assert (record.status, record.cash_amount, record.member) == (S.DRAFT, Decimal("2000.00"), member)

    # ...and submits it.
    assert clerk_client.post(_url("disbursement-submit", union, record.pk)).status_code == 302
    record.refresh_from_db()
    assert record.status == S.SUBMITTED
    assert record.submitted_by == clerk

    # A clerk cannot approve.
    assert _decide(clerk_client, union, "approve", record.pk).status_code == 403
    record.refresh_from_db()
    assert record.status == S.SUBMITTED

    # A leader rejecting without a reason is told to give one; nothing changes.
    response = _decide(leader_client, union, "reject", record.pk, reason="   ", follow=True)
    assert "退回时请填写退回原因。" in _messages(response)
    record.refresh_from_db()
    assert record.status == S.SUBMITTED

    # With a reason the record goes back to the clerk, who sees why.
    _decide(leader_client, union, "reject", record.pk, reason="请附住院发票")
    record.refresh_from_db()
    assert (record.status, record.reject_reason, record.rejected_by) == (S.REJECTED, "请附住院发票", leader)
    page = clerk_client.get(_url("disbursement-detail", union, record.pk)).content.decode()
    assert "请附住院发票" in page

    # The clerk corrects the amount and resubmits.
    response = clerk_client.post(
        _url("disbursement-edit", union, record.pk), _entry(member, cash_amount="1800")
    )
    assert response.status_code == 302
    clerk_client.post(_url("disbursement-submit", union, record.pk))
    record.refresh_from_db()
    assert (record.status, record.cash_amount, record.reject_reason) == (S.SUBMITTED, Decimal("1800.00"), "")

    # A leader approves.
    response = _decide(leader_client, union, "approve", record.pk, follow=True)
    assert "已审批通过" in _messages(response)
    record.refresh_from_db()
    assert (record.status, record.approved_by) == (S.APPROVED, leader)
    assert record.approved_at is not None

    # The amount of an approved record cannot change through the edit page...
    response = clerk_client.post(
        _url("disbursement-edit", union, record.pk), _entry(member, cash_amount="5000")
    )
    assert response.status_code == 200
    assert "已审批的记录不能直接修改现金（元）" in response.content.decode()
    record.refresh_from_db()
    assert record.cash_amount == Decimal("1800.00")
    # ...nor through the service, whoever calls it.
    with pytest.raises(RecordLocked, match="撤回修改"):
        services.disbursement_update(disbursement=record, cash_amount=Decimal("5000"))
    with pytest.raises(RecordLocked):
        services.disbursement_update(disbursement=record, funding_source="donation")
    record.refresh_from_db()
    assert (record.cash_amount, record.funding_source) == (Decimal("1800.00"), "union_funds")
    # Notes are not what the approval vouched for: they may still be corrected.
    response = clerk_client.post(
        _url("disbursement-edit", union, record.pk), _entry(member, cash_amount="1800", notes="家属代领")
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.notes) == (S.APPROVED, "家属代领")

    # The clerk marks it paid; from then on it is locked.
    response = clerk_client.post(_url("disbursement-pay", union, record.pk), {"paid_on": "2025-06-12"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.paid_on, record.paid_by) == (S.PAID, dt.date(2025, 6, 12), clerk)

    response = clerk_client.get(_url("disbursement-edit", union, record.pk), follow=True)
    assert "当前状态不允许修改" in _messages(response)
    response = clerk_client.post(
        _url("disbursement-edit", union, record.pk), _entry(member, cash_amount="1800", notes="改")
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.notes == "家属代领"
    with pytest.raises(RecordLocked, match="已发放的记录已锁定"):
        services.disbursement_update(disbursement=record, notes="改")
    response = clerk_client.post(_url("disbursement-withdraw", union, record.pk), follow=True)
    assert "只有待审批或已审批（尚未发放）的记录可以撤回修改。" in _messages(response)
    record.refresh_from_db()
    assert record.status == S.PAID

    # Every step is in the log, with who did it.
    assert _workflow_events(record) == ["submitted", "rejected", "submitted", "approved", "paid"]
    approved = AuditEntry.objects.for_object(record).get(action="welfare.disbursement.approved")
    assert approved.actor == leader
    rejected = AuditEntry.objects.for_object(record).get(action="welfare.disbursement.rejected")
    assert rejected.changes["reject_reason"] == "请附住院发票"
    # ...and the history panel names the steps in Chinese.
    page = clerk_client.get(_url("disbursement-detail", union, record.pk)).content.decode()
    assert "审批通过" in page and "登记发放" in page
    assert "welfare.disbursement.approved" not in page


def test_withdrawing_an_approved_record_sends_it_back_through_approval(clerk_client, leader_client, union):
    record = DisbursementFactory(union=union, status=S.SUBMITTED)
    _decide(leader_client, union, "approve", record.pk)
    response = clerk_client.post(_url("disbursement-withdraw", union, record.pk), {"reason": "金额录错"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.approved_by, record.approved_at) == (S.DRAFT, None, None)
    withdrawn = AuditEntry.objects.for_object(record).get(action="welfare.disbursement.withdrawn")
    assert withdrawn.changes == {"status": "draft", "撤回原因": "金额录错"}

    # Now the amount may change, and the record needs a new approval to count.
    response = clerk_client.post(
        _url("disbursement-edit", union, record.pk), _entry(record.member, kind="living", cash_amount="900")
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.cash_amount) == (S.DRAFT, Decimal("900.00"))


def test_a_clerk_cannot_approve_even_with_a_crafted_request(clerk_client, admin_client_, union):
    record = DisbursementFactory(union=union, status=S.SUBMITTED)
    assert _decide(clerk_client, union, "approve", record.pk).status_code == 403
    # Admins run the system but do not approve money.
    assert _decide(admin_client_, union, "approve", record.pk).status_code == 403
    assert clerk_client.get(_url("disbursement-pending", union)).status_code == 403
    record.refresh_from_db()
    assert record.status == S.SUBMITTED


def test_read_only_and_foreign_users_are_refused(county_client, outsider_client, union):
    record = DisbursementFactory(union=union)
    for name in ("disbursement-submit", "disbursement-pay", "disbursement-withdraw"):
        assert county_client.post(_url(name, union, record.pk)).status_code == 403
        assert outsider_client.post(_url(name, union, record.pk)).status_code == 404
    assert county_client.post(_url("disbursement-create", union), _entry(record.member)).status_code == 403
    record.refresh_from_db()
    assert record.status == S.DRAFT


def test_a_record_of_another_union_cannot_be_approved_by_id(leader_client, union, other_union):
    foreign = DisbursementFactory(union=other_union, status=S.SUBMITTED)
    assert _decide(leader_client, union, "approve", foreign.pk).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == S.SUBMITTED


def test_steps_out_of_order_are_refused_with_a_chinese_message(clerk_client, leader_client, union):
    draft = DisbursementFactory(union=union)
    response = _decide(leader_client, union, "approve", draft.pk, follow=True)
    assert "只有待审批的记录可以审批。" in _messages(response)
    response = clerk_client.post(
        _url("disbursement-pay", union, draft.pk), {"paid_on": "2025-06-12"}, follow=True
    )
    assert "只有已审批的记录可以登记发放。" in _messages(response)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT

    submitted = DisbursementFactory(union=union, status=S.SUBMITTED)
    response = clerk_client.get(_url("disbursement-edit", union, submitted.pk), follow=True)
    assert "当前状态不允许修改" in _messages(response)
    with pytest.raises(RecordLocked, match="待审批的记录不能修改"):
        services.disbursement_update(disbursement=submitted, cash_amount=Decimal("1"))


def test_paying_needs_a_date_not_in_the_future(clerk_client, union):
    record = DisbursementFactory(union=union, status=S.APPROVED)
    response = clerk_client.post(_url("disbursement-pay", union, record.pk), {"paid_on": ""}, follow=True)
    assert "请填写发放日期。" in _messages(response)
    with pytest.raises(WorkflowError, match="发放日期不能晚于今天"):
        services.disbursement_mark_paid(
            disbursement=record, actor=None, paid_on=dt.date.today() + dt.timedelta(days=2)
        )
    record.refresh_from_db()
    assert record.status == S.APPROVED


def test_approved_and_paid_records_are_voided_by_leaders_only(clerk_client, leader_client, union):
    paid = DisbursementFactory(union=union, status=S.PAID, paid_on=dt.date(2025, 6, 12))
    assert clerk_client.get(_url("disbursement-void", union, paid.pk)).status_code == 403
    assert clerk_client.post(_url("disbursement-void", union, paid.pk), {"reason": "重复"}).status_code == 403
    paid.refresh_from_db()
    assert not paid.is_void
    assert "作废" not in _detail_buttons(clerk_client, union, paid)

    response = leader_client.post(_url("disbursement-void", union, paid.pk), {"reason": "重复录入"})
    assert response.status_code == 302
    paid.refresh_from_db()
    assert (paid.is_void, paid.void_reason) == (True, "重复录入")
    assert AuditEntry.objects.for_object(paid).filter(action="welfare.disbursement.voided").count() == 1
    # A voided record is out of the workflow.
    with pytest.raises(WorkflowError, match="已作废"):
        services.disbursement_withdraw(disbursement=paid, actor=None)

    # Drafts are the clerk's own mistakes to void.
    draft = DisbursementFactory(union=union)
    assert (
        clerk_client.post(_url("disbursement-void", union, draft.pk), {"reason": "误录"}).status_code == 302
    )
    draft.refresh_from_db()
    assert draft.is_void


def _detail_buttons(client, union, record) -> str:
    page = client.get(_url("disbursement-detail", union, record.pk)).content.decode()
    start = page.index("<h1")
    return page[start : page.index("</div>", start)]


def test_entry_validation_messages(clerk_client, union, branch):
    member = MemberFactory(union=union)
    other = MemberFactory(union=union)

    def errors_for(**data) -> str:
        response = clerk_client.post(_url("disbursement-create", union), _entry(**data))
        assert response.status_code == 200
        return response.content.decode()

    assert "请选择会员，或填写非会员受助人姓名（二者只填其一）。" in errors_for(
        member=member, recipient_name="李某"
    )
    assert "请选择会员，或填写非会员受助人姓名（二者只填其一）。" in errors_for(member=None)
    assert "节日慰问请选择节日。" in errors_for(member=member, kind="festival")
    assert "现金和物品折价不能都为零。" in errors_for(member=member, cash_amount="0")
    assert "填写了物品折价，请注明慰问物品。" in errors_for(member=member, cash_amount="0", goods_value="100")
    assert "金额不能为负数。" in errors_for(member=member, cash_amount="-5")
    other_file = HardshipFileFactory(union=union, member=other)
    assert "所选困难职工档案不属于该受助会员。" in errors_for(member=member, hardship_file=other_file.pk)
    assert not Disbursement.objects.exists()

    # A named non-member is a valid recipient.
    response = clerk_client.post(
        _url("disbursement-create", union),
        _entry(member=None, recipient_name="老 张", recipient_relation="退休职工", kind="retirement"),
    )
    assert response.status_code == 302
    record = Disbursement.objects.get()
    assert (record.recipient_name, record.recipient_display) == ("老 张", "老 张（退休职工）")


def test_the_list_shows_the_columns_and_filters(clerk_client, union, branch, other_union):
    member = MemberFactory(union=union, name="赵一", branch=branch)
    DisbursementFactory(
        union=union,
        member=member,
        kind="festival",
        festival="spring",
        cash_amount=Decimal("500"),
        goods_value=Decimal("200"),
        goods_description="米油",
        date=dt.date.today(),
    )
    DisbursementFactory(union=union, member=None, recipient_name="钱二", kind="funeral", date=dt.date.today())
    DisbursementFactory(union=other_union, recipient_name="外会某人", member=None, date=dt.date.today())
    page = clerk_client.get(_url("disbursement-list", union)).content.decode()
    for text in ("节日慰问（春节）", "赵一", "700.00", "工会经费", "草稿", "钱二"):
        assert text in page
    assert "外会某人" not in page

    by_branch = clerk_client.get(_url("disbursement-list", union), {"branch": branch.pk}).content.decode()
    assert "赵一" in by_branch and "钱二" not in by_branch
    by_search = clerk_client.get(_url("disbursement-list", union), {"q": "钱"}).content.decode()
    assert "钱二" in by_search and "赵一" not in by_search
    by_kind = clerk_client.get(_url("disbursement-list", union), {"kind": "funeral"}).content.decode()
    assert "钱二" in by_kind and "赵一" not in by_kind


def test_leaders_see_the_pending_count_and_queue(leader_client, clerk_client, union):
    DisbursementFactory.create_batch(3, union=union, status=S.SUBMITTED)
    DisbursementFactory(union=union, status=S.SUBMITTED, voided_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    DisbursementFactory(union=union, status=S.DRAFT)
    page = leader_client.get(_url("disbursement-list", union)).content.decode()
    assert 'data-testid="pending-link"' in page
    assert '待审批 <span class="badge text-bg-danger">3</span>' in page
    assert (
        'data-testid="pending-link"'
        not in clerk_client.get(_url("disbursement-list", union)).content.decode()
    )

    queue = leader_client.get(_url("disbursement-pending", union))
    assert len(queue.context["pending"]) == 3
    ids = [d.pk for d in queue.context["pending"]][:2]
    response = _decide(leader_client, union, "approve", *ids, follow=True)
    assert "已审批通过 2 条记录，合计 2000元。" in _messages(response)
    assert Disbursement.objects.filter(status=S.APPROVED).count() == 2
