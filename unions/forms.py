from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation

from records.text import CleanTextFormMixin

from .models import Branch, Role, Union


class PasswordPairMixin(CleanTextFormMixin, forms.Form):
    password1 = forms.CharField(
        label="密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="确认密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "两次输入的密码不一致。")
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class UserCreateForm(PasswordPairMixin):
    username = forms.RegexField(
        label="用户名",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "用户名只能包含字母、数字和 @ . + - _。"},
    )
    full_name = forms.CharField(label="姓名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    field_order = ["username", "full_name", "role", "password1", "password2"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("该用户名已被使用，请换一个。")
        return username


class UnionRoleForm(CleanTextFormMixin, forms.Form):
    full_name = forms.CharField(label="姓名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=Role.choices)


class PasswordResetForm(PasswordPairMixin):
    pass


class UnionSettingsForm(CleanTextFormMixin, forms.ModelForm):
    period_start_month = forms.TypedChoiceField(
        label="统计年度起始月",
        coerce=int,
        choices=[(m, f"{m}月") for m in range(1, 13)],
        help_text="多数报表按自然年（1月）；部分统计调查按10月至次年9月。",
    )

    # Radio buttons, not a checkbox: a post that leaves the field out (an old page, a script) is
    # an error rather than silently switching the control off.
    separate_approval = forms.TypedChoiceField(
        label="录入人不得审批",
        coerce=lambda value: value == "True",
        choices=[
            ("True", "开启（推荐）：录入或提交一笔发放的人不能审批这笔发放"),
            ("False", "关闭：本会只有一名审批人时使用；关闭期间审批页面显示提示，操作日志注明本人审批"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否开启“录入人不得审批”。"},
    )

    class Meta:
        model = Union
        fields = ["name", "period_start_month", "separate_approval", "kind", "report_naming"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kind", "report_naming"):
            self.fields[name].required = False  # a post without them keeps the settings

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or self.instance.kind

    def clean_report_naming(self) -> str:
        return self.cleaned_data.get("report_naming") or self.instance.report_naming


class BranchForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Branch
        fields = ["name", "kind", "is_active"]
        help_texts = {"is_active": "停用后不再出现在新录入的选项中；已有记录不受影响。"}

    def __init__(self, *args: Any, union: Union, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.union = union

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Branch.objects.filter(union=self.instance.union, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("本工会已有同名的分会或工会小组。")
        return name
