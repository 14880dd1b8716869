"""Issue #9 item 12: two requests creating the same unique row at once get the Chinese form
error, not an IntegrityError 500, and the database keeps one row.

Two kinds of test per path:
- deterministic (PostgreSQL): the conflicting row is committed by another connection exactly
  between the request's checks and its insert (a pre_save receiver runs the same service in a
  second thread), so the request always loses the race;
- concurrent: eight requests released together by a barrier.
Both need PostgreSQL (see _need_postgresql).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from members import services as member_services
from members.models import Member
from reports import services as report_services
from reports.models import Report, ReportStatus
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 8


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _in_own_thread(work: Callable[[], object]) -> None:
    """Run `work` on its own database connection, committed before this returns."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001  (re-raised in the caller)
            failure.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


@contextmanager
def _rival_saves_first(model: type, rival: Callable[[], object]) -> Iterator[None]:
    """Just before the request's row is inserted (its checks have passed), another connection
    commits the same row."""
    fired = threading.Event()
    requester = threading.get_ident()

    def receiver(sender, instance, **kwargs):
        if threading.get_ident() == requester and instance._state.adding and not fired.is_set():
            fired.set()
            _in_own_thread(rival)

    pre_save.connect(receiver, sender=model, dispatch_uid="race-rival")
    try:
        yield
    finally:
        pre_save.disconnect(sender=model, dispatch_uid="race-rival")
    assert fired.is_set(), "the request never reached its insert"


def _need_postgresql() -> None:
    # SQLite in production runs one write transaction at a time (BEGIN IMMEDIATE with a busy
    # timeout), so a loser always takes the non-racing path; the in-memory test database,
    # shared between threads, fails with "table is locked" instead of waiting.
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")


def _race(send: Callable[[Client], object], clients: list[Client]) -> list:
    barrier = threading.Barrier(len(clients))
    results: list = [None] * len(clients)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = send(clients[i])
        except BaseException as exc:  # noqa: BLE001  (checked by the caller)
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


# --- members: one ID number per union --------------------------------------------------------


def _member_post(union, number: str, name: str) -> dict[str, str]:
    # Gender and birth date are left for the form to read from the ID number.
    return {
        "name": name,
        "id_number": number,
        "gender": "",
        "birth_date": "",
        "ethnicity": "汉族",
        "phone": "13812345678",
        "employment": "contract",
        "joined_on": "2010-03-01",
        "status": "active",
    }


def _create_url(union) -> str:
    return reverse("members:create", args=[union.code])


def test_a_member_created_meanwhile_with_the_same_id_gives_the_form_error(clerk, union):
    _need_postgresql()
    number = make_id_number(dt.date(1985, 6, 15))
    rival = lambda: member_services.member_create(  # noqa: E731
        union=union,
        name="先到者",
        id_number=number,
        gender="F",
        birth_date=dt.date(1985, 6, 15),
        phone="13812345678",
        joined_on=dt.date(2010, 3, 1),
    )
    with _rival_saves_first(Member, rival):
        response = _client(clerk).post(_create_url(union), _member_post(union, number, "后到者"))
    assert response.status_code == 200, response.status_code
    assert "本工会已有该身份证号的会员" in response.content.decode()
    assert list(Member.objects.filter(union=union, id_number=number).values_list("name", flat=True)) == [
        "先到者"
    ]


def test_eight_concurrent_member_creations_make_one_member(clerk, union):
    _need_postgresql()
    number = make_id_number(dt.date(1985, 6, 15))
    clients = [_client(clerk) for _ in range(RACERS)]
    results = _race(lambda c: c.post(_create_url(union), _member_post(union, number, "同时提交")), clients)
    statuses = [getattr(r, "status_code", r) for r in results]
    assert all(isinstance(s, int) and s < 500 for s in statuses), statuses
    assert Member.objects.filter(union=union, id_number=number).count() == 1
    assert statuses.count(302) == 1, statuses
    for r in results:
        if r.status_code == 200:
            assert "本工会已有该身份证号的会员" in r.content.decode()


# --- reports: one draft per union and year ---------------------------------------------------


def _start(client: Client, union, year: int):
    return client.post(reverse("reports:start", args=[union.code]), {"year": str(year)}, follow=True)


def test_a_draft_started_meanwhile_for_the_same_year_gives_the_chinese_message(clerk, union):
    _need_postgresql()
    with _rival_saves_first(Report, lambda: report_services.report_start(union=union, year=2025, actor=None)):
        response = _start(_client(clerk), union, 2025)
    assert response.status_code == 200, response.status_code
    assert "该年度已有一份草稿，请直接编辑。" in response.content.decode()
    assert Report.objects.filter(union=union, year=2025, status=ReportStatus.DRAFT).count() == 1


def test_eight_concurrent_starts_make_one_draft(clerk, union):
    _need_postgresql()
    clients = [_client(clerk) for _ in range(RACERS)]
    results = _race(lambda c: _start(c, union, 2025), clients)
    statuses = [getattr(r, "status_code", r) for r in results]
    assert all(isinstance(s, int) and s < 500 for s in statuses), statuses
    assert Report.objects.filter(union=union, year=2025, status=ReportStatus.DRAFT).count() == 1
    draft = Report.objects.get(union=union, year=2025)
    edit_url = reverse("reports:edit", args=[union.code, draft.pk])
    landed = [r.redirect_chain[-1][0] for r in results]
    assert landed.count(edit_url) == 1, landed
    others = [r for r in results if r.redirect_chain[-1][0] != edit_url]
    for r in others:
        assert "该年度已有一份草稿，请直接编辑。" in r.content.decode(), (
            r.redirect_chain,
            [str(m) for m in r.context["messages"]],
        )


# --- accounts: one username ------------------------------------------------------------------


def test_a_username_taken_meanwhile_gives_the_form_error(admin_user, union):
    _need_postgresql()
    from django.contrib.auth import get_user_model

    from unions import services as union_services

    rival = lambda: union_services.user_create_in_union(  # noqa: E731
        union=union, username="wang", full_name="先到者", password="pass-for-tests-123", role="clerk"
    )
    data = {
        "username": "wang",
        "full_name": "后到者",
        "role": "clerk",
        "password1": "a-long-Passw0rd-2026",
        "password2": "a-long-Passw0rd-2026",
    }
    with _rival_saves_first(get_user_model(), rival):
        response = _client(admin_user).post(reverse("unions:user-create", args=[union.code]), data)
    assert response.status_code == 200, response.status_code
    assert list(get_user_model().objects.filter(username="wang").values_list("first_name", flat=True)) == [
        "先到者"
    ]
