from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse

from audit.context import acting_as
from audit.models import AuditEntry, AuditImmutableError
from audit.registry import is_registered
from members.id_numbers import mask
from members.models import Member
from tests.factories import MemberFactory, UserFactory
from tests.rules import collect
from unions.models import Union
from workbook.models import UnionFigures

pytestmark = pytest.mark.django_db

# Every app of ours: those in INSTALLED_APPS whose code lives in this repository.
PROJECT_APPS = {
    c.label
    for c in apps.get_app_configs()
    if c.path.startswith(str(settings.BASE_DIR)) and ".venv" not in c.path
}

# model -> (factory, a field to change, its new value), from tests/<app>/rules.py
CASES = collect("AUDIT_CASES")
# The log itself, and figures derived from logged records under the log's version.
NOT_AUDITED = {AuditEntry, UnionFigures}


def project_models():
    # Unmanaged tables (members_name_char) are written by database triggers from audited rows.
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in PROJECT_APPS and m not in NOT_AUDITED and m._meta.managed
    ]


def test_every_project_model_is_audited_and_has_a_case_here():
    for model in project_models() + [get_user_model()]:
        assert is_registered(model), f"{model._meta.label} is not registered with audit"
        assert model in CASES, f"add {model._meta.label} to AUDIT_CASES in tests/<app>/rules.py"


@pytest.mark.parametrize("model", list(CASES), ids=lambda m: m._meta.label)
def test_create_change_and_delete_reach_the_log(model, clerk):
    factory, field, value = CASES[model]
    with acting_as(clerk):
        obj = factory()
        created = AuditEntry.objects.for_object(obj).get()
        assert created.action == "create"
        assert created.actor == clerk

        setattr(obj, field, value)
        obj.save()
        updated = AuditEntry.objects.for_object(obj).filter(action="update").get()
        assert updated.changes[field][1] == value
        assert updated.actor == clerk

        pk = obj.pk
        if model is Union:
            # Unions own log entries and are never deleted.
            with pytest.raises(ProtectedError):
                obj.delete()
            return
        obj.delete()
        obj.pk = pk
        assert AuditEntry.objects.for_object(obj).filter(action="delete").count() == 1


def test_an_unchanged_save_writes_nothing(union):
    member = MemberFactory(union=union)
    before = AuditEntry.objects.count()
    Member.objects.get(pk=member.pk).save()
    assert AuditEntry.objects.count() == before


def test_entries_know_the_union(union):
    member = MemberFactory(union=union)
    assert AuditEntry.objects.for_object(member).get().union == union


def test_id_numbers_are_logged_masked_and_passwords_hidden(union):
    member = MemberFactory(union=union)
    entry = AuditEntry.objects.for_object(member).get()
    assert entry.changes["id_number"] == mask(member.id_number)
    assert member.id_number not in str(entry.changes)
    user = UserFactory()
    user.set_password("a-new-secret-pw")
    user.save()
    change = AuditEntry.objects.for_object(user).filter(action="update").get()
    assert "a-new-secret" not in str(change.changes)
    assert change.changes["password"][1] == "（已隐藏）"


def test_a_view_logs_the_requesting_user_and_address(clerk_client, clerk, union):
    member = MemberFactory(union=union)
    data = {
        "name": "新名字",
        "id_number": member.id_number,
        "ethnicity": "汉族",
        "phone": "13700001111",
        "employment": "contract",
        "joined_on": "2012-01-01",
        "status": "active",
    }
    response = clerk_client.post(reverse("members:edit", args=[union.code, member.pk]), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.for_object(member).filter(action="update").get()
    assert entry.actor == clerk
    assert entry.ip_address == "127.0.0.1"
    assert entry.changes["name"] == [member.name, "新名字"]


def test_entries_cannot_be_changed_or_deleted(union):
    entry = AuditEntry.objects.for_object(MemberFactory(union=union)).get()
    entry.object_repr = "forged"
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).object_repr != "forged"


def test_the_admin_offers_no_way_to_change_entries(admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    request = RequestFactory().get("/")
    request.user = admin_user
    model_admin = site._registry[AuditEntry]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_registered_events_have_readable_labels(union):
    from audit.registry import log_event

    member = MemberFactory(union=union)
    assert log_event(member, "welfare.disbursement.approved").action_label == "审批通过"
    assert log_event(member, "something.unregistered").action_label == "something.unregistered"


def test_the_log_page_runs_a_constant_number_of_queries(leader_client, union):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import BranchFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert leader_client.get(reverse("audit:list", args=[union.code])).status_code == 200
        return len(ctx)

    def members_moving_branch(n: int) -> None:
        for _ in range(n):
            member = MemberFactory(union=union, branch=BranchFactory(union=union))
            member.branch = BranchFactory(union=union)
            member.save()

    members_moving_branch(2)
    small = count()
    members_moving_branch(8)
    assert count() == small
    page = leader_client.get(reverse("audit:list", args=[union.code])).content.decode()
    assert "分会：第" in page  # branch names, not ids
