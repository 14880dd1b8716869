from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import MemberFactory, UnionRoleFactory
from unions.models import Role, UnionRole

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD_PASSWORD = "Gonghui-2026-strong"


def test_admin_creates_a_user_who_can_log_in(admin_client_, union):
    response = admin_client_.post(
        reverse("unions:user-create", args=[union.code]),
        {
            "username": "xiaoli",
            "full_name": "李晓",
            "role": Role.CLERK,
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    assert response.status_code == 302
    role = UnionRole.objects.get(user__username="xiaoli")
    assert (role.union, role.role, role.user.first_name) == (union, Role.CLERK, "李晓")
    assert role.user.check_password(GOOD_PASSWORD) and role.user.is_active


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "clerk"}, "该用户名已被使用"),
        ({"password1": "123", "password2": "123"}, "密码"),
        ({"password2": "different-Pass-9"}, "两次输入的密码不一致"),
        ({"username": "bad name!"}, "用户名只能包含"),
    ],
)
def test_bad_user_input_is_refused_in_chinese(admin_client_, clerk, union, data, message):
    form = {
        "username": "newone",
        "full_name": "新人",
        "role": Role.CLERK,
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    form.update(data)
    response = admin_client_.post(reverse("unions:user-create", args=[union.code]), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="newone").exists()


def test_admin_changes_a_role(admin_client_, clerk, union):
    role = UnionRole.objects.get(user=clerk)
    url = reverse("unions:user-edit", args=[union.code, role.pk])
    assert admin_client_.post(url, {"full_name": "王干事", "role": Role.LEADER}).status_code == 302
    role.refresh_from_db()
    assert role.role == Role.LEADER
    assert AuditEntry.objects.for_object(role).filter(action="update").exists()


def test_an_admin_cannot_demote_or_remove_themselves(admin_client_, admin_user, union):
    role = UnionRole.objects.get(user=admin_user)
    response = admin_client_.post(
        reverse("unions:user-edit", args=[union.code, role.pk]), {"full_name": "x", "role": Role.CLERK}
    )
    assert "不能修改或移除自己的账号角色" in response.content.decode()
    admin_client_.post(reverse("unions:user-remove", args=[union.code, role.pk]))
    role.refresh_from_db()
    assert role.role == Role.ADMIN


def test_removing_a_user_keeps_the_account_but_ends_access(admin_client_, clerk, union):
    role = UnionRole.objects.get(user=clerk)
    assert admin_client_.post(reverse("unions:user-remove", args=[union.code, role.pk])).status_code == 302
    clerk.refresh_from_db()
    assert not clerk.is_active
    assert not UnionRole.objects.filter(user=clerk).exists()


def test_password_reset_only_for_accounts_of_this_union_alone(admin_client_, clerk, union, other_union):
    role = UnionRole.objects.get(user=clerk)
    url = reverse("unions:user-password", args=[union.code, role.pk])
    assert (
        admin_client_.post(url, {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD}).status_code == 302
    )
    clerk.refresh_from_db()
    assert clerk.check_password(GOOD_PASSWORD)

    UnionRoleFactory(user=clerk, union=other_union, role=Role.CLERK)
    admin_client_.post(url, {"password1": "Another-pass-2026", "password2": "Another-pass-2026"})
    clerk.refresh_from_db()
    assert not clerk.check_password("Another-pass-2026")


def test_the_audit_page_lists_the_unions_entries_only(leader_client, union, other_union):
    MemberFactory(union=union, name="本会会员")
    MemberFactory(union=other_union, name="外会会员")
    page = leader_client.get(reverse("audit:list", args=[union.code])).content.decode()
    assert "本会会员" in page and "外会会员" not in page
    filtered = leader_client.get(
        reverse("audit:list", args=[union.code]), {"action": "delete"}
    ).content.decode()
    assert "本会会员" not in filtered
