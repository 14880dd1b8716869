from __future__ import annotations

from django import forms

from records.forms import DateInput
from records.periods import period_for, period_from_code, periods_offered, to_date
from records.text import CleanTextFormMixin
from unions.models import Union

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
    """The period of a new report: one offered (全年, 上半年, …), or the year to a chosen day;
    a bare `year` (older links and scripts) means that statistical year."""

    period = forms.ChoiceField(label="期间", required=False)
    as_of = forms.DateField(label="或截至日期", required=False, widget=DateInput())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, union: Union, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.union = union
        self.fields["period"].choices = [(p.code, p.label) for p in periods_offered(union)]

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean()
        as_of, code, year = data.get("as_of"), data.get("period"), data.get("year")
        if as_of is not None:
            if not 2000 <= as_of.year <= 2100:
                raise forms.ValidationError("请填写正确的截至日期。")
            data["chosen"] = to_date(self.union, as_of)
        elif code:
            data["chosen"] = period_from_code(self.union, code)
        elif year is not None:
            data["chosen"] = period_for(self.union, year)
        if data.get("chosen") is None:
            raise forms.ValidationError("请选择总结的期间。")
        return data
