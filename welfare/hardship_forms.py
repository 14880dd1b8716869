"""Forms of the hardship file (困难职工档案): the file with the archive's facts, its family
members (a formset on the same page), and the yearly review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory

from records.forms import RecordForm, friendly_choices
from records.money import format_amount
from records.text import CleanTextFormMixin

from . import services
from .archive_models import EARLIEST_BIRTH_YEAR, FAMILY_FIELDS, INCOME_SOURCE_FIELDS, HardshipFamilyMember
from .category_suggestion import CategorySuggestion, suggest_category
from .living_line import local_living_line_amount
from .models import HardshipFile, HardshipReview, monthly_per_capita

MAX_FAMILY_MEMBERS = 12
TOTAL = "annual_household_income"
SOURCES_HELP = "填写分项收入时，家庭年收入按分项合计自动计算，可不填。"


def _sources_total(cleaned: dict[str, Any]) -> Decimal:
    return sum((cleaned.get(name) or Decimal(0) for name in INCOME_SOURCE_FIELDS), Decimal(0))


def check_income_total(form: forms.ModelForm) -> None:
    """The total follows the sources (archive_models); a total typed in that disagrees with
    them is an error rather than silently replaced."""
    cleaned = form.cleaned_data
    for name in INCOME_SOURCE_FIELDS:
        if name in cleaned and cleaned[name] is None:
            cleaned[name] = Decimal(0)  # a source left blank: none of that kind
    if TOTAL in form.errors:
        return
    total = _sources_total(cleaned)
    typed = cleaned.get(TOTAL)
    if total > 0:
        if TOTAL in form.changed_data and typed not in (None, Decimal(0)) and typed != total:
            form.add_error(
                TOTAL,
                f"家庭年收入应等于各项收入之和（{format_amount(total)}元）；"
                "填写分项收入时可不填家庭年收入，保存时自动合计。",
            )
            return
        cleaned[TOTAL] = total
    elif typed is None:
        form.add_error(TOTAL, "请填写家庭年收入，或填写分项收入。")


def _optional_sources(form: forms.ModelForm) -> None:
    for name in INCOME_SOURCE_FIELDS:
        form.fields[name].required = False
        form.fields[name].widget.attrs["placeholder"] = "0"
    form.fields[TOTAL].required = False
    form.fields[TOTAL].help_text = SOURCES_HELP


def _income_layout() -> list[Any]:
    return [
        Row(Column("wage_income"), Column("business_income"), Column("property_income")),
        Row(Column("transfer_income"), Column("other_income"), Column()),
    ]


class HardshipFileForm(RecordForm):
    class Meta:
        model = HardshipFile
        fields = list(services.HARDSHIP_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The file belongs to one member for good; a wrong member means void and re-open.
            self.fields["member"].disabled = True
            self.fields["member"].help_text = "建档后不能更改会员。"
        elif not self.is_bound and "local_minimum_living_line" not in self.initial:
            self.initial["local_minimum_living_line"] = local_living_line_amount(union=self.union)
        for name in ("other_cause_1", "other_cause_2", "other_cause_3"):
            self.fields[name].help_text = ""
        self.fields["other_cause_1"].help_text = "最多三项，不与主要原因重复。"
        self.fields["household_size"].widget.attrs["min"] = 1
        self.fields["household_size"].help_text = "含本人。"
        _optional_sources(self)
        self.fields["local_minimum_living_line"].help_text = "每人每月；默认取本会在“慰问标准”页设置的标准。"
        self.fields["category"].help_text = "可点“建议困难类别”按填写情况给出建议。"
        self.fields["closed_on"].help_text = "状态为脱困时必填。"
        self.fields["last_reviewed_on"].help_text = "通常由“年度复核”自动填写。"
        self.helper.form_tag = False  # the page's form also holds the family members
        self.helper.inputs.clear()
        self.helper.layout = Layout(
            Fieldset(
                "困难情况",
                Row(Column("member"), Column("category"), Column("main_cause")),
                Row(Column("other_cause_1"), Column("other_cause_2"), Column("other_cause_3")),
            ),
            Fieldset(
                "家庭收入",
                Row(Column("household_size"), Column(TOTAL), Column("local_minimum_living_line")),
                *_income_layout(),
            ),
            Fieldset(
                "家庭状况",
                Row(Column("housing"), Column("medical_insurance"), Column("zero_employment")),
                Row(Column("health"), Column("disability_kind"), Column("disability_grade")),
            ),
            Fieldset(
                "档案状态",
                Row(Column("status"), Column("opened_on"), Column("closed_on"), Column("last_reviewed_on")),
                "notes",
            ),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        check_income_total(self)
        return cleaned

    def suggestion(self, family_health: list[str]) -> CategorySuggestion | None:
        """The category the entered facts point to (None when the form is not valid)."""
        if not self.is_bound or not self.is_valid():
            return None
        data = self.cleaned_data
        return suggest_category(
            per_head=monthly_per_capita(data.get(TOTAL), data.get("household_size")),
            line=data.get("local_minimum_living_line"),
            main_cause=data.get("main_cause") or "",
            zero_employment=bool(data.get("zero_employment")),
            health=data.get("health") or "",
            disability_grade=data.get("disability_grade") or "",
            family_health=family_health,
        )


class FamilyMemberForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = HardshipFamilyMember
        fields = list(FAMILY_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["birth_year"]
        year.widget.attrs.update(
            {"min": EARLIEST_BIRTH_YEAR, "max": dt.date.today().year, "placeholder": "如1985"}
        )
        self.fields["annual_income"].required = False
        if self.instance.pk is None:
            self.initial["annual_income"] = None  # an untouched extra row stays empty, unsaved
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
        friendly_choices(self)


class BaseFamilyFormSet(BaseInlineFormSet):
    # A post without the family table (an older page, a script) leaves the family as it is.
    absent = False

    def rows(self) -> list[dict[str, Any]] | None:
        """The family members as entered, for the service (deleted and empty rows left out);
        None when the post did not carry the family table."""
        if self.absent:
            return None
        rows = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            row = {name: form.cleaned_data.get(name) for name in FAMILY_FIELDS}
            row["id"] = form.instance.pk
            rows.append(row)
        return rows

    def clean(self) -> None:
        super().clean()
        for form in self.initial_forms:
            if form.instance.pk is None:  # an id that is not one of this file's members
                raise forms.ValidationError("所填家庭成员不属于该档案，请刷新页面后重新填写。")

    def health_values(self) -> list[str]:
        if self.absent:
            return [m.health for m in self.instance.family_members.all()] if self.instance.pk else []
        return [row.get("health") or "" for row in self.rows() or []] if self.is_valid() else []

    def is_valid(self) -> bool:
        return True if self.absent else super().is_valid()


FamilyFormSet = inlineformset_factory(
    HardshipFile,
    HardshipFamilyMember,
    form=FamilyMemberForm,
    formset=BaseFamilyFormSet,
    fields=list(FAMILY_FIELDS),
    extra=2,
    can_delete=True,
    max_num=MAX_FAMILY_MEMBERS,
    validate_max=True,
)
FAMILY_PREFIX = "family"


def family_formset(data: Any = None, *, instance: HardshipFile) -> BaseFamilyFormSet:
    absent = data is not None and f"{FAMILY_PREFIX}-TOTAL_FORMS" not in data
    formset = FamilyFormSet(None if absent else data, instance=instance, prefix=FAMILY_PREFIX)
    formset.absent = absent
    return formset


class HardshipReviewForm(RecordForm):
    """年度复核 of one open file; starts from the file's current figures."""

    class Meta:
        model = HardshipReview
        fields = [
            "reviewed_on",
            "category",
            "household_size",
            TOTAL,
            *INCOME_SOURCE_FIELDS,
            "local_minimum_living_line",
            "conclusion",
            "notes",
        ]

    def __init__(self, *args: Any, file: HardshipFile, **kwargs: Any) -> None:
        line = local_living_line_amount(union=file.union)
        kwargs.setdefault(
            "initial",
            {
                "category": file.category,
                "household_size": file.household_size,
                TOTAL: file.annual_household_income,
                **{name: getattr(file, name) for name in INCOME_SOURCE_FIELDS},
                # This year's standard when the union has set one; else the file's own.
                "local_minimum_living_line": line if line is not None else file.local_minimum_living_line,
            },
        )
        super().__init__(*args, **kwargs)
        self.instance.file = file
        self.fields["household_size"].widget.attrs["min"] = 1
        _optional_sources(self)
        self.fields["conclusion"].help_text = "选择“脱困”将以复核日期关闭档案。"
        self.helper.layout = Layout(
            Row(Column("reviewed_on"), Column("category"), Column("conclusion")),
            Row(Column("household_size"), Column(TOTAL), Column("local_minimum_living_line")),
            *_income_layout(),
            "notes",
        )
        self.helper.inputs.clear()
        self.helper.add_input(Submit("save", "保存复核"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        check_income_total(self)
        return cleaned
