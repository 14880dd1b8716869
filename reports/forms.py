from __future__ import annotations

from django import forms

from records.forms import DateInput
from records.text import CleanTextFormMixin

from .models import Report, ReportSection


class ReportForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "title",
            "opening",
            "closing",
            "signature",
            "signed_on",
            "include_appendix",
            "include_charts",
        ]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 5}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "signed_on": DateInput(),
        }
        help_texts = {
            "opening": "可使用各章节的数据标记，如【会员总数】。",
            "signed_on": "不填则为生成文件的当天。",
        }


class SectionForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["heading", "included", "use_generated", "staff_text"]
        widgets = {"staff_text": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "staff_text": "每行一段；以“## ”开头的行是小标题，自动编号为（一）（二）。"
            "写【数据名】会显示当前数据，写【数据名同比】会显示同比增减。",
        }


class StartReportForm(CleanTextFormMixin, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
