"""Forms of the workbook pages."""

from __future__ import annotations

from django import forms

from records.periods import Period, PeriodKind, current_period, period_for, period_from_code
from records.text import CleanTextFormMixin
from unions.models import Union

from . import signing


class ExportForm(CleanTextFormMixin, forms.Form):
    """The period to export (a year, a half, a quarter, the year so far) by its code; a bare
    `year` (older links, scripts) means that statistical year."""

    # Any period by its code (the page offers the usual ones; a link may name another day).
    period = forms.CharField(label="统计期间", required=False, max_length=20)
    year = forms.TypedChoiceField(label="统计年度", coerce=int, required=False, empty_value=None)
    masked = forms.BooleanField(
        label="身份证号脱敏（只保留末4位；出生日期只写年份，手机号隐去中间4位）",
        required=False,
        help_text="报送上级工会时，如对方不需要完整身份证号，建议勾选。",
    )
    accept_failures = forms.BooleanField(
        label="已核对：逻辑检查的错误属实，仍然导出",
        required=False,
        help_text="逻辑检查有错误时，须更正记录后导出，或勾选此项（记入操作日志）。",
    )

    def __init__(  # type: ignore[no-untyped-def]
        self, *args, union: Union, periods: list[Period], allow_full_ids: bool, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.union = union
        self.period_choices = [(p.code, p.label) for p in periods]
        self.latest = current_period(union)
        self.fields["year"].choices = [(p.year, p.label) for p in periods if p.kind == PeriodKind.YEAR]
        if not allow_full_ids:
            # Without Perm.VIEW_FULL_ID the numbers are always masked: nothing to choose.
            del self.fields["masked"]

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean()
        code, year = data.get("period"), data.get("year")
        if code:
            data["chosen"] = period_from_code(self.union, code)
        elif year is not None:
            data["chosen"] = period_for(self.union, year)
        if data.get("chosen") is None or data["chosen"].end > self.latest.end:
            raise forms.ValidationError("请选择统计期间。")
        return data


class ImportForm(CleanTextFormMixin, forms.Form):
    file = forms.FileField(
        label="年报工作簿（.xlsx）",
        error_messages={
            "required": "请选择要导入的年报工作簿。",
            "empty": "文件是空的（0 字节），请重新选择文件。",
        },
    )
    source_name = forms.CharField(
        label="填报单位名称",
        max_length=100,
        required=False,
        help_text="留空则使用文件中的工会名称。",
    )
    accept_unverified = forms.BooleanField(
        label="确认导入未验证签名的文件",
        required=False,
        help_text="文件未签名，或签名公钥未在本会登记时，须已通过其他途径核实数字后勾选；其数字在汇总中标为“未验证签名”。",
    )


class RegisterKeyForm(CleanTextFormMixin, forms.Form):
    """A subordinate union's public key, as a .pem file or pasted text."""

    source_code = forms.CharField(
        label="下级工会代码",
        max_length=40,
        help_text="与对方工作簿“说明”表中的工会代码一致。",
        error_messages={"required": "请填写下级工会代码。"},
    )
    source_name = forms.CharField(
        label="下级工会名称", max_length=100, error_messages={"required": "请填写下级工会名称。"}
    )
    key_file = forms.FileField(label="公钥文件（.pem）", required=False)
    key_text = forms.CharField(
        label="或粘贴公钥",
        required=False,
        max_length=signing.MAX_PUBLIC_KEY_BYTES,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean()
        upload = data.get("key_file")
        if upload is not None:
            if upload.size > signing.MAX_PUBLIC_KEY_BYTES:
                raise forms.ValidationError("公钥文件过大，不是本系统导出的签名公钥。")
            pem: str | bytes = upload.read()
        else:
            pem = data.get("key_text") or ""
        if not pem:
            raise forms.ValidationError("请上传对方的公钥文件，或粘贴公钥。")
        try:
            data["public_key"] = signing.load_public_key(pem)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data


class VoidForm(CleanTextFormMixin, forms.Form):
    reason = forms.CharField(
        label="作废原因",
        max_length=200,
        error_messages={"required": "请填写作废原因。"},
    )
