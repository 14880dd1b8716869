"""Two leaders press 审批通过 on the same record at the same moment: one wins, one is told."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from audit.models import AuditEntry
from tests.factories import UnionFactory, UnionRoleFactory, UserFactory
from tests.welfare.factories import DisbursementFactory
from unions.models import Role
from welfare import services
from welfare.choices import DisbursementStatus as S
from welfare.errors import AlreadyProcessed
from welfare.models import Disbursement


def _busy_wait(call):
    """Retry while SQLite reports the other writer.

    The file database waits for a competing writer (busy timeout); the test database is
    SQLite's shared-cache in-memory database, which reports "database table is locked" at once
    instead. Retrying the whole call, whose transaction was rolled back, is what the busy
    timeout does. PostgreSQL waits on the row lock by itself and never gets here.
    """
    deadline = time.monotonic() + 20
    while True:
        try:
            return call()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _race(record: Disbursement, leaders, call) -> list[str]:
    """Run `call(instance, leader)` for both leaders at once, each on its own connection, with
    each thread holding its own copy of the record as it was loaded (status 待审批)."""
    barrier = threading.Barrier(len(leaders))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(leader) -> None:
        try:
            instance = Disbursement.objects.get(pk=record.pk)
            barrier.wait(timeout=10)
            try:
                _busy_wait(lambda: call(instance, leader))
                outcome = "ok"
            except AlreadyProcessed as exc:
                outcome = exc.messages[0]
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(leader,)) for leader in leaders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


@pytest.fixture
def two_leaders(db):
    union = UnionFactory(code="race")
    leaders = []
    for name in ("leader-a", "leader-b"):
        user = UserFactory(username=name)
        UnionRoleFactory(user=user, union=union, role=Role.LEADER)
        leaders.append(user)
    return union, leaders


@pytest.mark.django_db(transaction=True)
def test_two_leaders_approving_at_once_approve_it_once(two_leaders):
    union, leaders = two_leaders
    for _ in range(5):  # a few rounds, so the interleaving varies
        record = DisbursementFactory(union=union, status=S.SUBMITTED)
        outcomes = _race(
            record, leaders, lambda d, leader: services.disbursement_approve(disbursement=d, actor=leader)
        )
        assert sorted(outcomes) == sorted(["ok", "该记录已被其他人处理，请刷新页面查看最新状态。"])
        record.refresh_from_db()
        assert record.status == S.APPROVED
        assert record.approved_by in leaders
        entries = AuditEntry.objects.for_object(record).filter(action="welfare.disbursement.approved")
        assert entries.count() == 1
        assert entries.get().actor == record.approved_by


@pytest.mark.django_db(transaction=True)
def test_approve_and_reject_at_once_leave_one_decision(two_leaders):
    union, leaders = two_leaders
    record = DisbursementFactory(union=union, status=S.SUBMITTED)
    approve, reject = leaders

    def decide(d, leader):
        if leader == approve:
            services.disbursement_approve(disbursement=d, actor=leader)
        else:
            services.disbursement_reject(disbursement=d, actor=leader, reason="材料不全")

    outcomes = _race(record, leaders, decide)
    assert outcomes.count("ok") == 1
    record.refresh_from_db()
    decisions = AuditEntry.objects.for_object(record).filter(
        action__in=["welfare.disbursement.approved", "welfare.disbursement.rejected"]
    )
    assert decisions.count() == 1
    assert (
        record.status
        == {"welfare.disbursement.approved": S.APPROVED, "welfare.disbursement.rejected": S.REJECTED}[
            decisions.get().action
        ]
    )


@pytest.mark.django_db(transaction=True)
def test_two_leaders_approving_a_batch_at_once_approve_each_record_once(two_leaders):
    union, leaders = two_leaders
    records = DisbursementFactory.create_batch(6, union=union, status=S.SUBMITTED)
    ids = [r.pk for r in records]
    approved: list[int] = []
    lock = threading.Lock()

    def run(instance, leader):
        done = services.disbursements_approve_many(union=union, ids=ids, actor=leader)
        with lock:
            approved.extend(d.pk for d in done)

    outcomes = _race(records[0], leaders, run)
    assert outcomes.count("ok") + len([o for o in outcomes if "已被其他人处理" in o]) == 2
    assert sorted(approved) == sorted(ids)  # each record approved by exactly one of them
    assert Disbursement.objects.filter(pk__in=ids, status=S.APPROVED).count() == 6
    assert AuditEntry.objects.filter(action="welfare.disbursement.approved").count() == 6
