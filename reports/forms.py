from __future__ import annotations

from django import forms

from records.forms import DateInput
from records.periods import period_for, period_from_code, periods_offered, to_date
from records.text import CleanTextFormMixin
from unions.models import Union

from .arrangement import BEFORE
from .models import Report, ReportSection
from .sections.staff import OWN_HEADINGS


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


TEXT_HELP = (
    "每行一段；以“## ”开头的行是小标题，自动编号为（一）（二）。"
    "写【数据名】会显示当前数据，写【数据名同比】会显示同比增减。"
)


class SectionForm(CleanTextFormMixin, forms.ModelForm):
    """A section's heading and staff text, and its arrangement: text before, between or after
    the generated paragraphs (`paragraphs`: their names and current text), each of which
    staff may switch off."""

    before = forms.CharField(
        label="写在自动生成的段落之前", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    class Meta:
        model = ReportSection
        fields = ["heading", "included", "use_generated", "staff_text"]
        widgets = {"staff_text": forms.Textarea(attrs={"rows": 8})}
        labels = {"staff_text": "写在自动生成的段落之后"}
        help_texts = {"staff_text": TEXT_HELP}

    def __init__(self, *args, paragraphs: list[tuple[str, str]] = (), **kwargs) -> None:  # type: ignore[no-untyped-def, assignment]
        super().__init__(*args, **kwargs)
        self.paragraphs = list(paragraphs)
        placed = self.instance.placed_text or {}
        off = set(self.instance.paragraphs_off or [])
        order = ["heading", "included", "use_generated"]
        if self.paragraphs:
            self.fields["before"].initial = placed.get(BEFORE, "")
            order.append("before")
        else:
            del self.fields["before"]
            self.fields["staff_text"].label = "本章节的文字"
        for i, (slot, text) in enumerate(self.paragraphs):
            self.fields[f"keep_{i}"] = forms.BooleanField(
                label=f"第{i + 1}段：使用这段自动生成的文字",
                required=False,
                initial=slot not in off,
                help_text=text,
            )
            self.fields[f"after_{i}"] = forms.CharField(
                label=f"写在第{i + 1}段之后",
                required=False,
                initial=placed.get(slot, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            order += [f"keep_{i}", f"after_{i}"]
        self.order_fields([*order, "staff_text"])

    def arrangement(self) -> tuple[dict[str, str], list[str]]:
        """(placed text by paragraph name, names switched off), keeping text placed after a
        paragraph that does not appear today."""
        data = self.cleaned_data
        placed = dict(self.instance.placed_text or {})
        off = set(self.instance.paragraphs_off or [])
        if self.paragraphs:
            placed[BEFORE] = data.get("before", "")
        for i, (slot, _) in enumerate(self.paragraphs):
            placed[slot] = data.get(f"after_{i}", "")
            (off.discard if data.get(f"keep_{i}") else off.add)(slot)
        return placed, sorted(off)

    def section_fields(self) -> dict[str, object]:
        placed, off = self.arrangement()
        data = self.cleaned_data
        return {
            "heading": data["heading"],
            "included": data["included"],
            "use_generated": data["use_generated"],
            "staff_text": data["staff_text"],
            "placed_text": placed,
            "paragraphs_off": off,
        }


class OwnSectionForm(CleanTextFormMixin, forms.Form):
    heading = forms.CharField(
        label="新增章节",
        max_length=120,
        widget=forms.TextInput(attrs={"list": "own-headings", "placeholder": "如：主要做法"}),
    )
    suggestions = OWN_HEADINGS


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
