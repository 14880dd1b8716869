"""Walk every page a union's staff can open and check it shows moments in local time to the
minute and people by name: no raw ISO/UTC text (microseconds, +00:00, 'T'), no login name
where a name exists (issue #13 item 1)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from audit.context import acting_as
from audit.models import AuditEntry
from audit.registry import log_event
from tests.test_url_security import OBJECTS, RULES, union_url_names
from tests.welfare.factories import DisbursementFactory
from unions.permissions import ROLE_PERMS
from welfare.services import disbursement_approve, disbursement_submit

pytestmark = pytest.mark.django_db

RAW_MOMENT = re.compile(r"\d{2}:\d{2}:\d{2}\.\d+|\d{2}:\d{2}(:\d{2})?\+00:?00|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
LOGIN_PAGES = {"unions:users", "unions:user-edit", "unions:user-password", "unions:user-remove"}


@pytest.fixture
def named_day(union, clerk, leader, admin_user):
    """A day's work by people with names: an entered, submitted and approved payout and an
    export, each in the log."""
    for user, name in ((clerk, "李明"), (leader, "王芳"), (admin_user, "赵强")):
        user.first_name = name
        user.save()
    with acting_as(clerk):
        d = DisbursementFactory(union=union)
        d = disbursement_submit(disbursement=d, actor=clerk)
    with acting_as(leader):
        disbursement_approve(disbursement=d, actor=leader)
    with acting_as(admin_user):
        log_event(union, "workbook.exported", {"year": 2026, "sheets": {"统计指标": 97}, "full_ids": False})
    return d


def _pages(union, who: str, disbursement) -> list[tuple[str, str]]:
    pages = []
    for name in union_url_names():
        if RULES[name] not in ROLE_PERMS[who]:
            continue
        kwargs = {"code": union.code}
        if name.startswith("welfare:disbursement-") and name in OBJECTS:
            kwargs["pk"] = disbursement.pk  # the one with moments and people on it
        elif name in OBJECTS:
            kwargs["pk"] = OBJECTS[name](union).pk
        pages.append((name, reverse(name, kwargs=kwargs)))
    return pages


@pytest.mark.parametrize("who", ["leader", "admin"])
def test_no_page_shows_a_raw_moment_or_a_login_name(request, union, named_day, who):
    client = request.getfixturevalue({"admin": "admin_client_"}.get(who, f"{who}_client"))
    seen = 0
    for name, url in _pages(union, who, named_day):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        seen += 1
        html = response.content.decode()
        raw = RAW_MOMENT.search(html)
        assert raw is None, (name, raw and html[max(raw.start() - 80, 0) : raw.end() + 20])
        if name not in LOGIN_PAGES:
            text = strip_tags(html)
            for login in ("clerk", "leader", "unionadmin"):
                assert not re.search(rf"\b{login}\b", text), (name, login)
    assert seen > 40


def test_the_disbursement_page_names_who_submitted_and_approved_and_when(leader_client, union, named_day):
    d = named_day
    d.refresh_from_db()
    html = leader_client.get(reverse("welfare:disbursement-detail", args=[union.code, d.pk])).content.decode()
    local = d.approved_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai"))
    assert f"王芳 于 {local:%Y-%m-%d %H:%M} 审批通过" in html
    assert "提交人</th><td>李明" in html.replace("\n", "")
    assert f"{local:%Y-%m-%d %H:%M}" in html


def test_the_audit_log_finds_people_by_name(admin_client_, union, named_day):
    url = reverse("audit:list", args=[union.code])
    by_name = admin_client_.get(url, {"actor": "王芳"}).context["page"].paginator.count
    assert by_name == AuditEntry.objects.filter(union=union, actor__first_name="王芳").count() > 0
    assert admin_client_.get(url, {"actor": "leader"}).context["page"].paginator.count == by_name
    html = admin_client_.get(url, {"actor": "赵强"}).content.decode()
    assert "各表行数：统计指标 97 行" in html and "身份证号：已脱敏" in html and "赵强" in html


def test_the_import_pages_name_who_uploaded_and_confirmed(clerk_client, union, clerk, leader, named_day):
    from django.utils import timezone

    from tests.imports.rules import _import

    record = _import(union)
    record.uploaded_by, record.applied_by = clerk, leader
    record.status, record.applied_at = "applied", timezone.now()
    record.save()
    for url in (
        reverse("imports:home", args=[union.code]),
        reverse("imports:preview", args=[union.code, record.pk]),
    ):
        text = strip_tags(clerk_client.get(url).content.decode())
        assert "李明" in text and not re.search(r"\bclerk\b", text), url
        assert RAW_MOMENT.search(text) is None
    preview = strip_tags(
        clerk_client.get(reverse("imports:preview", args=[union.code, record.pk])).content.decode()
    )
    assert "王芳 于" in preview
