"""The upload form of the ledger import."""

from __future__ import annotations

from django import forms

from records.text import CleanTextFormMixin


class LedgerUploadForm(CleanTextFormMixin, forms.Form):
    file = forms.FileField(
        label="台账文件（.xlsx）",
        error_messages={
            "required": "请选择要导入的 Excel 文件。",
            "empty": "文件是空的（0 字节），请重新选择文件。",
        },
    )
