from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q

from records.forms import friendly_choices
from records.params import date_value, period_value, year_value
from records.periods import Period, current_period, is_period_code, period_of
from records.text import CleanTextFormMixin
from unions.models import Union

from . import id_numbers
from .choices import Gender, MembershipStatus
from .models import Member
from .phones import normalize_phone
from .privacy import birth_year

ID_INPUT_MAX = 30  # 18 characters and the spaces or dashes a pasted number may carry
DUPLICATE_ID = "本工会已有该身份证号的会员。"


class _AnyDayField(forms.ChoiceField):
    """A select of useful days that also takes any other real day (a dashboard link's)."""

    def valid_value(self, value: str) -> bool:
        return value == "" or date_value(value) is not None


class _AnyYearField(forms.ChoiceField):
    """A select of years that also takes any period a dashboard link names (2025-H1, 2025-Q3)."""

    def valid_value(self, value: str) -> bool:
        return value == "" or year_value(value) is not None or is_period_code(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MemberForm(CleanTextFormMixin, forms.ModelForm):
    """Create or edit a member. For users who may not see full ID numbers, the stored number
    is not sent to the browser: the field starts empty and a blank entry keeps it. Nor is the
    birth date (members.privacy): the field is left out, the date follows the ID number."""

    class Meta:
        model = Member
        fields = [
            "name",
            "id_number",
            "gender",
            "birth_date",
            "ethnicity",
            "phone",
            "political_status",
            "education",
            "household",
            "employment",
            "is_migrant_worker",
            "branch",
            "department",
            "job_title",
            "joined_on",
            "card_number",
            "status",
            "status_date",
            "model_worker_level",
            "notes",
        ]
        widgets = {
            "birth_date": DateInput(),
            "joined_on": DateInput(),
            "status_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "gender": "可不填，按身份证号自动识别。",
            "birth_date": "可不填，按身份证号自动识别。",
            "status_date": "转出、退休、除名时必填。",
        }

    def __init__(self, *args: Any, union: Union, show_full_id: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.union = union
        self.instance.union = union
        self.keeps_hidden_id = bool(self.instance.pk) and not show_full_id
        self.fields["branch"].queryset = union.branches.filter(
            Q(is_active=True) | Q(pk=self.instance.branch_id or 0)
        )
        # A number pasted with spaces (110105 19491231 001x) is 20 characters: it is taken whole
        # and normalised before the 18-character rules run (clean_id_number, Member.clean).
        id_field = self.fields["id_number"]
        id_field.max_length = ID_INPUT_MAX
        id_field.validators = [v for v in id_field.validators if not isinstance(v, MaxLengthValidator)]
        id_field.widget.attrs.update({"autocomplete": "off", "maxlength": ID_INPUT_MAX})
        self.fields["gender"].choices = [("", "按身份证号")] + list(Gender.choices)
        friendly_choices(self)
        identity = [Column("name"), Column("id_number"), Column("gender"), Column("birth_date")]
        if self.keeps_hidden_id:
            self.initial["id_number"] = ""
            self.fields["id_number"].required = False
            self.fields["id_number"].help_text = (
                f"当前：{self.instance.masked_id_number}（{birth_year(self.instance.birth_date)}出生）。"
                "如需更正请输入完整的新号码，出生日期随之更新；留空则不变。"
            )
            del self.fields["birth_date"]
            identity.pop()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                "基本信息",
                Row(*identity),
                Row(Column("ethnicity"), Column("phone"), Column("political_status"), Column("education")),
                Row(Column("household"), Column("employment"), Column("is_migrant_worker", css_class="pt-4")),
            ),
            Fieldset(
                "会籍",
                Row(Column("branch"), Column("department"), Column("job_title")),
                Row(Column("joined_on"), Column("card_number"), Column("status"), Column("status_date")),
                Row(Column("model_worker_level"), Column("notes")),
            ),
            Submit("save", "保存"),
        )

    def clean_id_number(self) -> str:
        value = self.cleaned_data.get("id_number") or ""
        if not value and self.keeps_hidden_id:
            return self.instance.id_number
        return id_numbers.normalize(value)

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data.get("phone") or "")

    def _post_clean(self) -> None:
        super()._post_clean()
        # Asked last, and only of an otherwise valid entry: the answer names nobody, so a
        # viewer without full-ID rights cannot probe the roster with guessed numbers, and no
        # second, false error about the number follows it.
        number = self.cleaned_data.get("id_number")
        if number and not self.errors:
            taken = Member.objects.filter(union=self.union, id_number=number).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("id_number", DUPLICATE_ID)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number = cleaned.get("id_number")
        if self.keeps_hidden_id:
            kept = number == self.instance.id_number
            # Validation may then tell nothing finer than the birth year (see Member.clean).
            self.instance.birth_date_hidden = kept
            if number and not kept:
                self.instance.birth_date = None  # read again from the new number
        status = cleaned.get("status")
        if status == MembershipStatus.ACTIVE and cleaned.get("status_date") and not self.instance.pk:
            cleaned["status_date"] = None
        return cleaned


def _period_choices(union: Union) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The choices of the roster's 在册截至 and year filters: the same all day for every
    union with the same statistical year, so worked out once (a dozen periods per page)."""
    today = dt.date.today()
    return _period_choices_on(union.period_start_month, current_period(union, today).year, today)


@functools.lru_cache(maxsize=64)
def _period_choices_on(
    start_month: int, current_year: int, today: dt.date
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    periods = [period_of(y, start_month) for y in range(current_year, 2014, -1)]
    ends = [(p.end.isoformat(), f"{p.label}末") for p in periods[1:]]
    at = (("", "不限"), (today.isoformat(), "今天"), *ends)
    years = (("", "不限"), *[(str(p.year), p.label) for p in periods])
    return at, years


class MemberFilterForm(CleanTextFormMixin, forms.Form):
    """The roster's search box and filters; all optional, bad values are ignored."""

    q = forms.CharField(label="搜索", required=False)
    branch = forms.ModelChoiceField(label="分会", queryset=None, required=False, empty_label="全部分会")
    status = forms.ChoiceField(
        label="会籍状态",
        required=False,
        choices=[("", "全部状态"), ("current", "在册+保留")] + list(MembershipStatus.choices),
    )
    gender = forms.ChoiceField(
        label="性别", required=False, choices=[("", "全部性别")] + list(Gender.choices)
    )
    migrant = forms.ChoiceField(
        label="农民工", required=False, choices=[("", "全部"), ("1", "是"), ("0", "否")]
    )
    # The dashboard's cards open the roster through these: the figures' own conditions.
    at = _AnyDayField(label="在册截至", required=False)
    joined = _AnyYearField(label="入会年度", required=False)
    left = _AnyYearField(label="减少年度", required=False)

    def __init__(self, *args: Any, union: Union, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = union.branches.all()
        self.union = union
        at, years = _period_choices(union)
        self.fields["at"].choices = list(at)
        self.fields["joined"].choices = list(years)
        self.fields["left"].choices = list(years)
        for name in ("at", "joined", "left"):  # keep a value a link named chosen
            value = self.data.get(name) if self.is_bound else None
            field = self.fields[name]
            if value and field.valid_value(value) and value not in dict(field.choices):
                period = period_value(union, value) if name != "at" else None
                field.choices = [*field.choices, (value, period.label if period else value)]

    def clean_at(self) -> dt.date | None:
        return date_value(self.cleaned_data.get("at") or None)

    def clean_joined(self) -> Period | None:
        return period_value(self.union, self.cleaned_data.get("joined") or None)

    def clean_left(self) -> Period | None:
        return period_value(self.union, self.cleaned_data.get("left") or None)
