"""The to-do panel: each kind counts what waits for this user, and its link opens exactly
those items (issue #13 item 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.context import acting_as
from reports import services as report_services
from reports.document import section_figures
from reports.models import ReportSection
from tests.democracy.factories import CollectiveContractFactory
from tests.factories import UnionRoleFactory, UserFactory
from tests.welfare.factories import DisbursementFactory, HardshipFileFactory
from unions.models import Role
from welfare.choices import HardshipStatus
from welfare.services import disbursement_reject, disbursement_submit

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def _todos(client, union) -> dict:
    response = client.get(reverse("unions:home", args=[union.code]))
    assert response.status_code == 200
    return {t.key: t for t in response.context["todos"]}


def _listed(client, url: str) -> int:
    return client.get(url).context["page"].paginator.count


def _submitted(union, by, **kwargs):
    with acting_as(by):
        d = DisbursementFactory(union=union, date=TODAY, **kwargs)
        return disbursement_submit(disbursement=d, actor=by)


def test_records_returned_to_me_are_mine_only(clerk_client, clerk, leader, union):
    other = UserFactory(username="clerk2", first_name="张三")
    UnionRoleFactory(user=other, union=union, role=Role.CLERK)
    mine = _submitted(union, clerk)
    disbursement_reject(disbursement=mine, actor=leader, reason="金额有误")
    disbursement_reject(disbursement=_submitted(union, other), actor=leader, reason="缺签字")
    _submitted(union, clerk)  # waiting, not returned
    todo = _todos(clerk_client, union)["returned"]
    assert todo.count == 1 == _listed(clerk_client, todo.url)
    assert "金额有误" in todo.items[0].text
    page = clerk_client.get(reverse("unions:home", args=[union.code])).content.decode()
    assert "退回给我的发放" in page and "金额有误" in page


def test_approvals_waiting_leave_out_what_the_leader_may_not_approve(
    leader_client, clerk_client, clerk, leader, union
):
    _submitted(union, clerk)
    _submitted(union, clerk)
    _submitted(union, leader)  # separation of duties: someone else approves it
    todo = _todos(leader_client, union)["approvals"]
    assert todo.count == 2
    assert "另有 1 笔" in todo.note
    assert leader_client.get(todo.url).status_code == 200
    assert "approvals" not in _todos(clerk_client, union)


def test_no_approvals_line_when_only_ones_own_records_wait(leader_client, leader, union):
    _submitted(union, leader)
    assert "approvals" not in _todos(leader_client, union)


def test_hardship_files_due_for_their_yearly_review(clerk_client, union):
    year_ago = TODAY - dt.timedelta(days=366)
    HardshipFileFactory(union=union, opened_on=year_ago - dt.timedelta(days=30))  # never reviewed
    HardshipFileFactory(union=union, opened_on=year_ago - dt.timedelta(days=400), last_reviewed_on=year_ago)
    HardshipFileFactory(union=union, opened_on=year_ago, last_reviewed_on=TODAY - dt.timedelta(days=30))
    HardshipFileFactory(union=union, opened_on=TODAY - dt.timedelta(days=20))  # new
    HardshipFileFactory(
        union=union,
        opened_on=year_ago - dt.timedelta(days=90),
        status=HardshipStatus.CLOSED,
        closed_on=year_ago,
    )
    todo = _todos(clerk_client, union)["reviews"]
    assert todo.count == 2 == _listed(clerk_client, todo.url)
    assert any("建档后未复核" in item.text for item in todo.items)


def test_contracts_expiring(clerk_client, union):
    CollectiveContractFactory(
        union=union,
        title="2024-2026综合集体合同",
        start_date=TODAY - dt.timedelta(days=700),
        signed_on=TODAY - dt.timedelta(days=700),
        end_date=TODAY + dt.timedelta(days=30),
    )
    CollectiveContractFactory(
        union=union,
        start_date=TODAY - dt.timedelta(days=10),
        signed_on=TODAY - dt.timedelta(days=10),
        end_date=TODAY + dt.timedelta(days=1000),
        kind="wage",
    )
    todo = _todos(clerk_client, union)["contracts"]
    assert todo.count == 1
    assert "2024-2026综合集体合同" in todo.items[0].text and "还有 30 天" in todo.items[0].text
    page = clerk_client.get(todo.url).content.decode()
    assert "2024-2026综合集体合同" in page


def test_summary_sections_with_markers_to_fix(clerk_client, clerk, union):
    report = report_services.report_start(union=union, year=TODAY.year, actor=clerk)
    section = report.sections.order_by("position").first()
    # Saving refuses an unknown marker now; text saved before that rule still carries one.
    ReportSection.objects.filter(pk=section.pk).update(
        use_generated=False,
        staff_text="全年开展活动【不存在的数字】次。",
        figures_seen={},
        edited_at=timezone.now(),
    )
    todo = _todos(clerk_client, union)["report"]
    assert todo.count == 1
    assert todo.items[0].text == section.heading
    assert clerk_client.get(todo.items[0].url).status_code == 200
    _, figures = section_figures(report)
    report_services.section_save(
        section=ReportSection.objects.get(pk=section.pk),
        heading=section.heading,
        included=True,
        use_generated=False,
        staff_text="全年开展了很多活动。",
        figures=figures[section.key],
    )
    assert "report" not in _todos(clerk_client, union)


def test_an_empty_panel_says_so(clerk_client, union):
    page = clerk_client.get(reverse("unions:home", args=[union.code])).content.decode()
    assert "待办事项" in page and "目前没有需要您办理的事项。" in page


def test_the_panel_is_kept_until_a_write_moves_the_data_version(leader_client, clerk, union):
    _submitted(union, clerk)
    assert _todos(leader_client, union)["approvals"].count == 1
    with CaptureQueriesContext(connection) as again:
        assert _todos(leader_client, union)["approvals"].count == 1
    assert not any("welfare_disbursement" in q["sql"] for q in again.captured_queries)
    _submitted(union, clerk)  # logged, so the version moves and the panel is worked out anew
    assert _todos(leader_client, union)["approvals"].count == 2
