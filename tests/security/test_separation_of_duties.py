"""Issue #9, item 4: separation of duties on disbursements, driven over HTTP.

Whoever entered (created, or changed what an approval vouches for) or submitted a disbursement
cannot approve it, on every approval path: the record's page, the ticked records of the approval
queue, and a whole festival batch. Rejection by the same person stays allowed (it sends the record
back; no money moves). A union with a single approver can switch the rule off in its settings;
that is shown on the approval pages and logged. Giving someone an approving role, or taking over
such an account by resetting its password, is an audit event the union's leaders see.
"""

from __future__ import annotations

import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import MemberFactory, UnionRoleFactory, UserFactory
from unions.models import Role, UnionRole
from welfare.choices import DisbursementStatus as S
from welfare.models import Disbursement, DisbursementBatch

pytestmark = pytest.mark.django_db

REFUSED = "您录入或提交了这笔发放，不能由您审批。"
SEPARATION_OFF_NOTICE = "本会已关闭“录入人不得审批”"
GOOD_PASSWORD = "Gonghui-2026-strong"


def _url(name: str, union, *args) -> str:
    return reverse(name, args=[union.code, *args])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second_leader(union):
    user = UserFactory(username="leader2")
    UnionRoleFactory(user=user, union=union, role=Role.LEADER)
    return user


@pytest.fixture
def member(union):
    return MemberFactory(union=union, name="王大力")


def _enter(client, union, member, cash: str = "2000.00") -> Disbursement:
    """A disbursement entered through the form, as a person does."""
    data = {
        "date": "2025-06-10",
        "kind": "medical",
        "festival": "",
        "member": member.pk,
        "recipient_name": "",
        "recipient_relation": "",
        "hardship_file": "",
        "cash_amount": cash,
        "goods_description": "",
        "goods_value": "0",
        "funding_source": "union_funds",
        "notes": "",
    }
    before = set(Disbursement.objects.values_list("pk", flat=True))
    response = client.post(_url("welfare:disbursement-create", union), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Disbursement.objects.exclude(pk__in=before).get()


def _submit(client, union, record: Disbursement) -> None:
    client.post(_url("welfare:disbursement-submit", union, record.pk))
    record.refresh_from_db()
    assert record.status == S.SUBMITTED


def _decide(client, union, action: str, *ids: int, reason: str = ""):
    data = {"action": action, "ids": [str(i) for i in ids], "reason": reason}
    return client.post(_url("welfare:disbursement-decide", union), data, follow=True)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _status(record: Disbursement) -> str:
    record.refresh_from_db()
    return record.status


def _set_separation(admin_client, union, enabled: bool):
    data = {"name": union.name, "period_start_month": 1, "separate_approval": str(enabled)}
    response = admin_client.post(_url("unions:settings", union), data)
    assert response.status_code == 302
    union.refresh_from_db()
    assert union.separate_approval is enabled


# --- the rule -------------------------------------------------------------------------------


def test_a_leader_cannot_approve_a_disbursement_they_entered(leader_client, second_leader, union, member):
    record = _enter(leader_client, union, member)
    _submit(leader_client, union, record)

    response = _decide(leader_client, union, "approve", record.pk)
    assert REFUSED in _messages(response)
    assert _status(record) == S.SUBMITTED
    assert not AuditEntry.objects.for_object(record).filter(action="welfare.disbursement.approved").exists()
    page = leader_client.get(_url("welfare:disbursement-detail", union, record.pk)).content.decode()
    assert re.search(r"<button[^>]*disabled[^>]*>审批通过</button>", page)
    assert "须由本会其他主席/领导审批" in page

    # Another leader sees a live button and approves; the entry carries no waiver.
    other = _client(second_leader)
    page = other.get(_url("welfare:disbursement-detail", union, record.pk)).content.decode()
    assert 'value="approve">审批通过</button>' in page
    assert "已审批通过" in _messages(_decide(other, union, "approve", record.pk))
    assert _status(record) == S.APPROVED
    approval = AuditEntry.objects.for_object(record).get(action="welfare.disbursement.approved")
    assert approval.actor == second_leader and "职责分离" not in approval.changes


def test_submitting_is_enough_to_be_barred_and_rejecting_stays_allowed(
    clerk_client, leader_client, union, member
):
    record = _enter(clerk_client, union, member)
    _submit(leader_client, union, record)
    assert REFUSED in _messages(_decide(leader_client, union, "approve", record.pk))
    assert _status(record) == S.SUBMITTED
    # Sending it back moves no money: the submitter may do that.
    _decide(leader_client, union, "reject", record.pk, reason="金额有误")
    assert _status(record) == S.REJECTED


def test_changing_the_amount_is_entering_it(clerk_client, leader_client, union, member):
    record = _enter(clerk_client, union, member)
    data = {
        "date": "2025-06-10",
        "kind": "medical",
        "member": member.pk,
        "cash_amount": "9000.00",
        "goods_value": "0",
        "funding_source": "union_funds",
    }
    assert leader_client.post(_url("welfare:disbursement-edit", union, record.pk), data).status_code == 302
    record.refresh_from_db()
    assert str(record.cash_amount) == "9000.00"
    _submit(clerk_client, union, record)
    assert REFUSED in _messages(_decide(leader_client, union, "approve", record.pk))
    assert _status(record) == S.SUBMITTED


def test_the_approval_queue_refuses_a_bulk_approval_that_includes_own_records(
    clerk_client, leader_client, union, member
):
    own = _enter(leader_client, union, member, cash="100.00")
    _submit(leader_client, union, own)
    theirs = _enter(clerk_client, union, member, cash="200.00")
    _submit(clerk_client, union, theirs)

    page = leader_client.get(_url("welfare:disbursement-pending", union)).content.decode()
    assert f'name="ids" value="{theirs.pk}"' in page
    assert f'name="ids" value="{own.pk}"' not in page  # not tickable
    assert "须由他人审批" in page

    response = _decide(leader_client, union, "approve", own.pk, theirs.pk)
    assert "不能由您审批" in _messages(response)
    assert (_status(own), _status(theirs)) == (S.SUBMITTED, S.SUBMITTED)

    _decide(leader_client, union, "approve", theirs.pk)
    assert _status(theirs) == S.APPROVED


def test_another_leader_approves_them_in_bulk(leader_client, second_leader, union, member):
    records = [_enter(leader_client, union, member, cash=c) for c in ("100.00", "200.00")]
    for record in records:
        _submit(leader_client, union, record)
    assert "不能由您审批" in _messages(_decide(leader_client, union, "approve", *[r.pk for r in records]))
    assert [_status(r) for r in records] == [S.SUBMITTED] * 2

    other = _client(second_leader)
    page = other.get(_url("welfare:disbursement-pending", union)).content.decode()
    assert all(f'name="ids" value="{r.pk}"' in page for r in records)
    assert "已审批通过 2 条记录" in _messages(_decide(other, union, "approve", *[r.pk for r in records]))
    assert [_status(r) for r in records] == [S.APPROVED] * 2
    entries = AuditEntry.objects.filter(action="welfare.disbursement.approved")
    assert set(entries.values_list("actor", flat=True)) == {second_leader.pk}


def test_a_festival_batch_the_leader_entered_is_not_theirs_to_approve(
    leader_client, second_leader, union, member
):
    data = {
        "title": "",
        "date": "2025-01-20",
        "kind": "festival",
        "festival": "spring",
        "cash_amount": "500",
        "goods_description": "",
        "goods_value": "0",
        "funding_source": "union_funds",
        "notes": "",
        "members": [member.pk, MemberFactory(union=union).pk],
        "submit_now": "on",
        "confirm": "1",
    }
    assert leader_client.post(_url("welfare:batch-create", union), data).status_code == 302
    batch = DisbursementBatch.objects.get()
    assert set(batch.disbursements.values_list("status", flat=True)) == {S.SUBMITTED}

    decide = _url("welfare:disbursement-decide", union)
    response = leader_client.post(decide, {"action": "approve", "batch": batch.pk}, follow=True)
    assert "不能由您审批" in _messages(response)
    assert set(batch.disbursements.values_list("status", flat=True)) == {S.SUBMITTED}
    page = leader_client.get(_url("welfare:batch-detail", union, batch.pk)).content.decode()
    assert re.search(r"<button[^>]*disabled[^>]*>本批待审批记录全部审批通过</button>", page)
    assert "本批有您录入或提交的记录，须由本会其他主席/领导审批。" in page

    _client(second_leader).post(decide, {"action": "approve", "batch": batch.pk})
    assert set(batch.disbursements.values_list("status", flat=True)) == {S.APPROVED}


# --- the union's switch ---------------------------------------------------------------------


def test_with_the_rule_off_the_creator_approves_and_the_log_says_so(
    admin_client_, admin_user, leader, leader_client, union, member
):
    settings_page = admin_client_.get(_url("unions:settings", union)).content.decode()
    assert "录入人不得审批" in settings_page
    _set_separation(admin_client_, union, False)
    switched = AuditEntry.objects.get(union=union, action="unions.union.separation_off")
    assert switched.actor == admin_user and switched.action_label == "关闭“录入人不得审批”"

    record = _enter(leader_client, union, member)
    _submit(leader_client, union, record)
    for page in ("welfare:disbursement-pending", "welfare:disbursement-detail"):
        args = (record.pk,) if page.endswith("detail") else ()
        assert SEPARATION_OFF_NOTICE in leader_client.get(_url(page, union, *args)).content.decode()

    assert "已审批通过" in _messages(_decide(leader_client, union, "approve", record.pk))
    assert _status(record) == S.APPROVED
    approval = AuditEntry.objects.for_object(record).get(action="welfare.disbursement.approved")
    assert approval.actor == leader
    assert "本会已关闭“录入人不得审批”" in approval.changes["职责分离"]

    # Switched back on, the rule applies again and that too is logged.
    _set_separation(admin_client_, union, True)
    assert AuditEntry.objects.filter(union=union, action="unions.union.separation_on").count() == 1
    again = _enter(leader_client, union, member)
    _submit(leader_client, union, again)
    assert REFUSED in _messages(_decide(leader_client, union, "approve", again.pk))
    page = leader_client.get(_url("welfare:disbursement-pending", union)).content.decode()
    assert SEPARATION_OFF_NOTICE not in page


def test_a_settings_post_without_the_switch_does_not_turn_it_off(admin_client_, union):
    response = admin_client_.post(_url("unions:settings", union), {"name": "新名", "period_start_month": 1})
    assert response.status_code == 200
    union.refresh_from_db()
    assert union.separate_approval is True


# --- who may approve ------------------------------------------------------------------------


def _notices(client, union) -> str:
    page = client.get(_url("unions:home", union)).content.decode()
    match = re.search(r'data-testid="approver-notices".*?</div>', page, re.S)
    return match.group(0) if match else ""


def test_an_admin_creating_a_leader_account_is_an_event_the_leaders_see(
    admin_client_, admin_user, leader_client, second_leader, union
):
    response = admin_client_.post(
        _url("unions:user-create", union),
        {
            "username": "newboss",
            "full_name": "新主席",
            "role": Role.LEADER,
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    assert response.status_code == 302
    event = AuditEntry.objects.get(action="unions.role.approver_granted")
    assert (event.actor, event.union) == (admin_user, union)
    assert event.action_label == "授予审批权限"

    notices = _notices(leader_client, union)
    assert "授予审批权限" in notices and "newboss" in notices and admin_user.username in notices
    log = leader_client.get(_url("audit:list", union)).content.decode()
    assert "授予审批权限" in log

    # Each leader acknowledges for themself: the new account cannot hide it from the others.
    upto = re.search(r'name="upto" value="(\d+)"', notices).group(1)
    newboss = _client(UnionRole.objects.get(user__username="newboss").user)
    newboss.post(_url("unions:notices-acknowledge", union), {"upto": upto})
    assert _notices(newboss, union) == ""
    assert "newboss" in _notices(leader_client, union)
    assert "newboss" in _notices(_client(second_leader), union)
    assert _notices(admin_client_, union) == ""  # admins do the granting; leaders are told


def test_a_leader_acknowledges_and_the_notice_goes_until_the_next_change(
    admin_client_, leader_client, clerk, union
):
    role = UnionRole.objects.get(user=clerk)
    admin_client_.post(_url("unions:user-edit", union, role.pk), {"full_name": "王干事", "role": Role.LEADER})
    event = AuditEntry.objects.get(action="unions.role.approver_granted")
    assert event.changes["role"] == Role.LEADER and event.changes["原角色"] == "干事"
    notices = _notices(leader_client, union)
    assert "clerk" in notices

    upto = re.search(r'name="upto" value="(\d+)"', notices).group(1)
    leader_client.post(_url("unions:notices-acknowledge", union), {"upto": upto})
    assert _notices(leader_client, union) == ""
    assert AuditEntry.objects.filter(action="unions.notices.acknowledged").count() == 1

    # A change to something that is not an approving role is no notice.
    admin_client_.post(_url("unions:user-edit", union, role.pk), {"full_name": "王干事", "role": Role.CLERK})
    assert _notices(leader_client, union) == ""
    admin_client_.post(_url("unions:user-edit", union, role.pk), {"full_name": "王干事", "role": Role.LEADER})
    assert "clerk" in _notices(leader_client, union)


def test_resetting_a_leaders_password_is_an_event_the_leaders_see(
    admin_client_, admin_user, leader, second_leader, union
):
    role = UnionRole.objects.get(user=second_leader)
    second_leader.is_active = False
    second_leader.save()
    response = admin_client_.post(
        _url("unions:user-password", union, role.pk), {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    event = AuditEntry.objects.get(action="unions.user.approver_password_reset")
    assert event.actor == admin_user and event.changes["重新启用账号"] is True
    notices = _notices(_client(leader), union)
    assert "重设审批人密码" in notices and "leader2" in notices


def test_an_admin_approving_their_own_entry_through_a_second_account_is_visible(
    admin_client_, admin_user, leader_client, union, member
):
    """One user, one role per union: an admin cannot also be a leader there, and cannot change
    their own role. A second account they create is a separate approver, so the rule cannot
    tell it is the same person; the creation of that account is what the leaders are shown."""
    with pytest.raises(IntegrityError), transaction.atomic():
        UnionRole.objects.create(user=admin_user, union=union, role=Role.LEADER)
    own_role = UnionRole.objects.get(user=admin_user)
    admin_client_.post(
        _url("unions:user-edit", union, own_role.pk), {"full_name": "管理员", "role": Role.LEADER}
    )
    own_role.refresh_from_db()
    assert own_role.role == Role.ADMIN

    admin_client_.post(
        _url("unions:user-create", union),
        {
            "username": "admin-alt",
            "full_name": "备用",
            "role": Role.LEADER,
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    record = _enter(admin_client_, union, member)
    _submit(admin_client_, union, record)
    alt = _client(UnionRole.objects.get(user__username="admin-alt").user)
    _decide(alt, union, "approve", record.pk)
    assert _status(record) == S.APPROVED
    notices = _notices(leader_client, union)
    assert "admin-alt" in notices and admin_user.username in notices
