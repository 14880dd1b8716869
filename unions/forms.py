from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.functional import lazy

from members.phones import normalize_phone
from records.text import CleanTextFormMixin

from .identifiers import normalize_code
from .models import Branch, Role, Union

# The cover of the statistics return (workbook.survey), kept as settings of the union.
COVER_FIELDS = [
    "stat_code",
    "area_code",
    "credit_code",
    "org_type",
    "head_name",
    "filler_name",
    "contact_phone",
]


def _rule(validator: Any) -> str:
    """The configured password rules in our own Chinese, whatever language Django runs in."""
    name = type(validator).__name__
    if name == "MinimumLengthValidator":
        return f"至少 {validator.min_length} 个字符"
    return {
        "UserAttributeSimilarityValidator": "不能与用户名、姓名过于相似",
        "CommonPasswordValidator": "不能是常见密码（如 12345678、password）",
        "NumericPasswordValidator": "不能全是数字",
    }.get(name, "")


def password_rules() -> str:
    rules = [r for r in map(_rule, password_validation.get_default_password_validators()) if r]
    return "密码要求：" + "；".join(rules) + "。" if rules else ""


def _chinese(error: forms.ValidationError, validators: list[Any]) -> str:
    lengths = [v.min_length for v in validators if type(v).__name__ == "MinimumLengthValidator"]
    return {
        "password_too_short": f"密码太短，至少需要 {lengths[0] if lengths else 8} 个字符。",
        "password_too_common": "这个密码太常见，请换一个不易被猜到的密码。",
        "password_entirely_numeric": "密码不能全是数字。",
        "password_too_similar": "密码与用户名或姓名过于相似。",
    }.get(error.code or "", error.messages[0])


class PasswordPairMixin(CleanTextFormMixin, forms.Form):
    password1 = forms.CharField(
        label="密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=lazy(password_rules, str)(),  # read when shown: settings may change in tests
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
            validators = password_validation.get_default_password_validators()
            try:
                password_validation.validate_password(
                    p1, user=self._user_for_similarity(), password_validators=validators
                )
            except forms.ValidationError as exc:
                for error in exc.error_list:
                    self.add_error("password1", _chinese(error, validators))
        return cleaned

    def _user_for_similarity(self) -> Any:
        """A stand-in user with the names typed, so a password like the username is refused."""
        username = self.cleaned_data.get("username", "")
        full_name = self.cleaned_data.get("full_name", "")
        return get_user_model()(username=username, first_name=full_name) if username or full_name else None


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
        fields = ["name", "period_start_month", "separate_approval", "kind", "report_naming", *COVER_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kind", "report_naming", "org_type"):
            self.fields[name].required = False  # a post without them keeps the settings
        # Longer than the codes: spaces and dashes typed with them are taken out.
        for name, length in (
            ("stat_code", 30),
            ("area_code", 20),
            ("credit_code", 30),
            ("contact_phone", 30),
        ):
            field = self.fields[name]
            field.max_length = length
            field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
            field.widget.attrs["maxlength"] = length

    def clean_org_type(self) -> str:
        return self.cleaned_data.get("org_type") or self.instance.org_type

    # Codes as people copy them off a certificate: spaces, dashes, small letters.
    def clean_credit_code(self) -> str:
        return normalize_code(self.cleaned_data.get("credit_code", ""))

    def clean_area_code(self) -> str:
        return normalize_code(self.cleaned_data.get("area_code", ""))

    def clean_stat_code(self) -> str:
        return normalize_code(self.cleaned_data.get("stat_code", ""))

    def clean_contact_phone(self) -> str:
        return normalize_phone(self.cleaned_data.get("contact_phone", ""))

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
