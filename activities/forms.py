from __future__ import annotations

from typing import Any

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q

from records.forms import RecordForm
from records.text import CleanTextFormMixin

from .models import Activity, Honour
from .photos import ImageInfo, inspect_image


class ActivityForm(RecordForm):
    class Meta:
        model = Activity
        fields = [
            "category",
            "title",
            "start_date",
            "end_date",
            "place",
            "branch",
            "participants",
            "women_participants",
            "members",
            "cost",
            "results",
            "commended_groups",
            "commended_people",
            "description",
            "is_typical",
            "typical_note",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Inactive branches stay selectable only on the records that already name them.
        self.fields["branch"].queryset = self.fields["branch"].queryset.filter(
            Q(is_active=True) | Q(pk=self.instance.branch_id or 0)
        )
        self.fields["branch"].empty_label = "（工会统一组织）"
        self.helper.layout = Layout(
            Row(Column("category", css_class="col-md-4"), Column("title", css_class="col-md-8")),
            Row(Column("start_date"), Column("end_date"), Column("place", css_class="col-md-6")),
            Row(Column("branch"), Column("participants"), Column("women_participants"), Column("cost")),
            "members",
            "results",
            Row(Column("commended_groups"), Column("commended_people")),
            "description",
            Row(Column("is_typical", css_class="col-md-3"), Column("typical_note", css_class="col-md-9")),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        members = cleaned.get("members")
        participants = cleaned.get("participants")
        if members is not None and participants is not None and len(members) > participants:
            self.add_error("participants", f"参加人次不能少于所选参加会员的人数（{len(members)}人）。")
        return cleaned


class HonourForm(RecordForm):
    class Meta:
        model = Honour
        fields = ["recipient_kind", "member", "title", "awarding_body", "level", "date"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(Column("recipient_kind"), Column("member", css_class="col-md-8")),
            Row(Column("title", css_class="col-md-8"), Column("level")),
            Row(Column("awarding_body", css_class="col-md-8"), Column("date")),
        )


class PhotoUploadForm(CleanTextFormMixin, forms.Form):
    image = forms.FileField(
        label="照片",
        help_text="JPEG、PNG 或 WebP 格式，不超过10 MB。",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label="说明", max_length=200, required=False)

    image_info: ImageInfo

    def clean_image(self) -> Any:
        upload = self.cleaned_data["image"]
        self.image_info = inspect_image(upload, upload.size)
        return upload
