"""A union's admins manage who acts in it (管理员: 用户管理)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .forms import PasswordResetForm, UnionRoleForm, UserCreateForm
from .models import UnionRole
from .permissions import Perm, UnionRequest, get_for_union, union_view


@union_view(Perm.MANAGE_USERS)
def user_list(request: UnionRequest) -> HttpResponse:
    roles = (
        UnionRole.objects.filter(union=request.union)
        .select_related("user")
        .order_by("role", "user__username")
    )
    return render(request, "unions/user_list.html", {"roles": roles})


@union_view(Perm.MANAGE_USERS)
def user_create(request: UnionRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_create_in_union(
                union=request.union,
                username=data["username"],
                full_name=data["full_name"],
                password=data["password1"],
                role=data["role"],
            )
        except ValidationError as exc:  # e.g. the username taken a moment ago by another admin
            form.add_error(None, exc)
        else:
            messages.success(request, f"已创建账号 {data['username']}。")
            return redirect("unions:users", code=request.union.code)
    return render(request, "unions/user_form.html", {"form": form, "title": "添加用户"})


@union_view(Perm.MANAGE_USERS)
def user_edit(request: UnionRequest, pk: int) -> HttpResponse:
    union_role = get_for_union(UnionRole.objects.select_related("user"), request, pk)
    form = UnionRoleForm(
        request.POST or None, initial={"full_name": union_role.user.first_name, "role": union_role.role}
    )
    password_form = PasswordResetForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.union_role_change(
                union_role=union_role,
                role=form.cleaned_data["role"],
                full_name=form.cleaned_data["full_name"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已保存 {union_role.user.username} 的修改。")
            return redirect("unions:users", code=request.union.code)
    return render(
        request,
        "unions/user_edit.html",
        {
            "form": form,
            "password_form": password_form,
            "union_role": union_role,
            "can_reset_password": services.can_reset_password(union_role=union_role),
        },
    )


@union_view(Perm.MANAGE_USERS)
@require_POST
def user_password(request: UnionRequest, pk: int) -> HttpResponse:
    union_role = get_for_union(UnionRole.objects.select_related("user"), request, pk)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            services.user_password_reset(union_role=union_role, password=form.cleaned_data["password1"])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, f"已重设 {union_role.user.username} 的密码。")
            return redirect("unions:users", code=request.union.code)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("unions:user-edit", code=request.union.code, pk=union_role.pk)


@union_view(Perm.MANAGE_USERS)
@require_POST
def user_remove(request: UnionRequest, pk: int) -> HttpResponse:
    union_role = get_for_union(UnionRole.objects.select_related("user"), request, pk)
    try:
        services.union_role_remove(union_role=union_role, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("unions:user-edit", code=request.union.code, pk=union_role.pk)
    messages.success(request, f"已将 {union_role.user.username} 移出本工会。")
    return redirect("unions:users", code=request.union.code)
