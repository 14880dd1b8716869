from __future__ import annotations

import pytest
from django.urls import reverse

from records.periods import current_period
from tests.factories import BranchFactory, MemberFactory
from unions.models import Branch

pytestmark = pytest.mark.django_db


def test_admin_sets_the_reporting_period(admin_client_, union):
    response = admin_client_.post(
        reverse("unions:settings", args=[union.code]),
        {"name": "新名称工会", "period_start_month": 10, "separate_approval": "True"},
    )
    assert response.status_code == 302
    union.refresh_from_db()
    assert (union.name, union.period_start_month) == ("新名称工会", 10)
    assert current_period(union).start.month == 10


def test_a_bad_month_is_refused(admin_client_, union):
    response = admin_client_.post(
        reverse("unions:settings", args=[union.code]),
        {"name": "x", "period_start_month": 13, "separate_approval": "True"},
    )
    assert response.status_code == 200
    union.refresh_from_db()
    assert union.period_start_month == 1


def test_admin_adds_renames_and_retires_a_branch(admin_client_, union):
    admin_client_.post(
        reverse("unions:branch-create", args=[union.code]),
        {"name": "装配分会", "kind": "branch", "is_active": "on"},
    )
    branch = Branch.objects.get(union=union, name="装配分会")
    MemberFactory(union=union, branch=branch)
    admin_client_.post(
        reverse("unions:branch-edit", args=[union.code, branch.pk]), {"name": "总装分会", "kind": "branch"}
    )
    branch.refresh_from_db()
    assert (branch.name, branch.is_active) == ("总装分会", False)
    assert branch.members.count() == 1


def test_branch_names_are_unique_within_a_union(admin_client_, union):
    BranchFactory(union=union, name="机加分会")
    response = admin_client_.post(
        reverse("unions:branch-create", args=[union.code]), {"name": "机加分会", "kind": "branch"}
    )
    assert "本工会已有同名的分会或工会小组" in response.content.decode()
    assert Branch.objects.filter(union=union, name="机加分会").count() == 1
