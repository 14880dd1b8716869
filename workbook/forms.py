"""Forms of the workbook pages."""

from __future__ import annotations

from django import forms

from records.text import CleanTextFormMixin


class ExportForm(CleanTextFormMixin, forms.Form):
    year = forms.TypedChoiceField(label="统计年度", coerce=int)
    masked = forms.BooleanField(
        label="身份证号脱敏（隐藏出生日期部分）",
        required=False,
        help_text="报送上级工会时，如对方不需要完整身份证号，建议勾选。",
    )

    def __init__(self, *args, years: list[tuple[int, str]], allow_full_ids: bool, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years
        if not allow_full_ids:
            # Without Perm.VIEW_FULL_ID the numbers are always masked: nothing to choose.
            del self.fields["masked"]


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


class VoidForm(CleanTextFormMixin, forms.Form):
    reason = forms.CharField(
        label="作废原因",
        max_length=200,
        error_messages={"required": "请填写作废原因。"},
    )
