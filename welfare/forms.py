from __future__ import annotations

from typing import Any

from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms

from members.models import Member
from records.dates import validate_plausible_date
from records.forms import DateInput, RecordForm
from records.text import CleanTextFormMixin
from unions.models import Branch

from . import services
from .choices import DisbursementKind, DisbursementStatus, Festival
from .hardship_forms import HardshipFileForm, HardshipReviewForm  # noqa: F401  (the hardship file's forms)
from .models import Disbursement, DisbursementBatch, DonationDrive, HardshipFile
from .selectors import batch_recipients
from .standards import CONFIRM_HINT, PayoutWarnings, payout_warnings

OVER_OK_LABEL = "已核对，仍按此金额发放"


def _over_ok_field() -> forms.BooleanField:
    # Hidden until a warning shows: the clerk then ticks it to save anyway.
    return forms.BooleanField(label=OVER_OK_LABEL, required=False, widget=forms.HiddenInput)


def _warn(form: RecordForm, warnings: PayoutWarnings) -> None:
    """Keep the warnings on the form; unless confirmed, stop the save and show the box."""
    form.standard_warnings = warnings.texts
    if warnings and not form.cleaned_data.get("over_ok"):
        form.fields["over_ok"].widget = forms.CheckboxInput()
        raise forms.ValidationError([*warnings.texts, CONFIRM_HINT])


def _start_from_last_source(form: RecordForm) -> None:
    """Most of a union's payouts come from one source: a new entry starts from the last used."""
    if form.instance.pk is not None or form.is_bound or "funding_source" in form.initial:
        return
    last = (
        Disbursement.objects.filter(union=form.union)
        .order_by("-id")
        .values_list("funding_source", flat=True)
        .first()
    )
    if last:
        form.initial["funding_source"] = last


class DisbursementForm(RecordForm):
    over_ok = _over_ok_field()

    class Meta:
        model = Disbursement
        fields = list(services.ENTRY_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hardship_file"].queryset = (
            HardshipFile.objects.live()
            .filter(union=self.union)
            .select_related("member")
            .order_by("member__name", "-opened_on")
        )
        self.fields["hardship_file"].help_text = "受助会员有困难职工档案时可关联。"
        self.fields["member"].help_text = "受助人是本会会员时选择；否则留空并填写非会员受助人。"
        _start_from_last_source(self)
        if self.instance.pk and self.instance.status == DisbursementStatus.APPROVED:
            for name in services.LOCKED_AFTER_APPROVAL:
                self.fields[name].help_text = "已审批：如需修改，请先在详情页“撤回修改”。"
        self.helper.layout = Layout(
            Fieldset(
                "发放内容",
                Row(Column("date"), Column("kind"), Column("festival"), Column("funding_source")),
                Row(Column("cash_amount"), Column("goods_description"), Column("goods_value")),
            ),
            Fieldset(
                "受助对象",
                Row(Column("member"), Column("hardship_file")),
                Row(Column("recipient_name"), Column("recipient_relation")),
            ),
            "notes",
            Row(Column("is_typical", css_class="col-md-3"), Column("typical_note", css_class="col-md-9")),
            "over_ok",
        )
        self.standard_warnings: list[str] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk:
            # The same rule the service enforces, shown on the form (the instance still holds
            # the stored values here: the form's values are applied after clean()).
            refusal = services.edit_refusal(self.instance, cleaned)
            if refusal:
                raise forms.ValidationError(refusal)
        if not self.errors and cleaned.get("date") and cleaned.get("kind"):
            member = cleaned.get("member")
            warnings = payout_warnings(
                union=self.union,
                kind=cleaned["kind"],
                festival=cleaned.get("festival") or "",
                day=cleaned["date"],
                per_person=(cleaned.get("cash_amount") or 0) + (cleaned.get("goods_value") or 0),
                members=[member] if member else [],
                exclude_ids=[self.instance.pk] if self.instance.pk else [],
            )
            _warn(self, warnings)
        return cleaned


class FestivalBatchForm(RecordForm):
    """节日慰问批量录入: one handout for many members, picked one by one or by shortcut."""

    members = forms.ModelMultipleChoiceField(
        label="会员", queryset=Member.objects.all(), required=False, help_text="逐个选择会员，可多选。"
    )
    branch = forms.ModelChoiceField(
        label="加上该分会全部在册会员", queryset=Branch.objects.all(), required=False, empty_label="（不选）"
    )
    everyone = forms.BooleanField(
        label="全部在册会员", required=False, help_text="全会在册和保留会籍的会员。"
    )
    branches = forms.ModelMultipleChoiceField(
        label="加上这些分会的全部在册会员",
        queryset=Branch.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    retired = forms.BooleanField(label="加上退休会员", required=False)
    model_workers = forms.BooleanField(label="加上在册劳模", required=False)
    all_hardship = forms.BooleanField(label="加上全部在档困难职工", required=False)
    # The confirmation step carries the resolved members in one field: a branch may have more
    # members than Django accepts POST fields (DATA_UPLOAD_MAX_NUMBER_FIELDS).
    member_ids = forms.CharField(required=False, widget=forms.HiddenInput)
    submit_now = forms.BooleanField(
        label="录入后直接提交审批", required=False, help_text="不勾选则保存为草稿，稍后再提交。"
    )
    over_ok = _over_ok_field()

    class Meta:
        model = DisbursementBatch
        fields = [
            "title",
            "date",
            "kind",
            "festival",
            "cash_amount",
            "goods_description",
            "goods_value",
            "funding_source",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recipients: list[Member] = []
        self.warnings = PayoutWarnings([], [])
        self.fields["title"].required = False
        self.fields["title"].help_text = "可不填，默认如“2025年春节慰问”。"
        self.fields["branch"].queryset = self.union.branches.filter(is_active=True)
        self.fields["branches"].queryset = self.union.branches.filter(is_active=True).order_by("name")
        _start_from_last_source(self)
        self.helper.layout = Layout(
            Fieldset(
                "发放内容（每人）",
                Row(Column("date"), Column("kind"), Column("festival"), Column("funding_source")),
                Row(Column("cash_amount"), Column("goods_description"), Column("goods_value")),
                Row(Column("title"), Column("notes")),
            ),
            Fieldset(
                "发放对象",
                "everyone",
                "members",
                Row(Column("branch"), Column("branches")),
                Row(Column("retired"), Column("model_workers"), Column("all_hardship")),
            ),
            "submit_now",
        )
        self.helper.inputs.clear()
        self.helper.add_input(Submit("preview", "下一步：确认人数和金额"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        date, kind = cleaned.get("date"), cleaned.get("kind")
        if date and kind and not cleaned.get("title"):
            festival = cleaned.get("festival")
            if kind == DisbursementKind.FESTIVAL and festival:
                what = f"{Festival(festival).label}慰问"
            else:
                what = DisbursementKind(kind).label
            cleaned["title"] = f"{date.year}年{what}"
        picked = [m.pk for m in cleaned.get("members") or []]
        picked += [int(v) for v in (cleaned.get("member_ids") or "").split(",") if v.strip().isdigit()]
        self.recipients = batch_recipients(
            union=self.union,
            member_ids=picked,
            branch=cleaned.get("branch"),
            branches=cleaned.get("branches") or [],
            everyone=bool(cleaned.get("everyone")),
            retired=bool(cleaned.get("retired")),
            model_workers=bool(cleaned.get("model_workers")),
            with_open_hardship_files=bool(cleaned.get("all_hardship")),
        )
        if not self.recipients:
            raise forms.ValidationError(
                "请至少选择一名会员，或选择全部在册会员、分会、退休会员、劳模或在档困难职工。"
            )
        if not self.errors and date and kind:
            self.warnings = payout_warnings(
                union=self.union,
                kind=kind,
                festival=cleaned.get("festival") or "",
                day=date,
                per_person=(cleaned.get("cash_amount") or 0) + (cleaned.get("goods_value") or 0),
                members=self.recipients,
            )
        return cleaned

    @property
    def needs_confirmation(self) -> bool:
        """Warnings the clerk has not yet confirmed (the confirmation page asks)."""
        return bool(self.warnings) and not self.cleaned_data.get("over_ok")

    def batch_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DonationDriveForm(RecordForm):
    class Meta:
        model = DonationDrive
        fields = ["title", "kind", "date", "participants", "amount_raised", "beneficiary", "notes"]


class PaidForm(CleanTextFormMixin, forms.Form):
    paid_on = forms.DateField(label="发放日期", widget=DateInput(), validators=[validate_plausible_date])
