from __future__ import annotations

from typing import Any

from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q

from records.forms import RecordForm
from records.text import CleanTextFormMixin

from .models import Activity, Honour
from .photos import MAX_PHOTO_BYTES, MAX_PHOTOS_PER_UPLOAD, MB, ImageInfo, check_uploads, shown_name

ACCEPT = "image/jpeg,image/png,image/webp"
PHOTO_HELP = (
    f"JPEG、PNG 或 WebP 格式，每张不超过{MAX_PHOTO_BYTES // MB} MB；"
    f"可一次选择多张（最多{MAX_PHOTOS_PER_UPLOAD}张）。"
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name, as Django's "Uploading multiple files" shows; the
    files are checked together by the form (photos.check_uploads)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        cleaned, errors = [], []
        for number, upload in enumerate(files, start=1):
            try:
                cleaned.append(super().clean(upload, initial))
            except forms.ValidationError as exc:
                errors.append(f"{shown_name(upload, number)}：{'；'.join(exc.messages)}")
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


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

    photos = MultipleFileField(label="活动照片", required=False, help_text=PHOTO_HELP)
    photo_caption = forms.CharField(
        label="照片说明", max_length=200, required=False, help_text="可不填；同一说明用于本次上传的各张照片。"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        if not creating:
            # Photos of a saved activity are added and removed on its page.
            del self.fields["photos"], self.fields["photo_caption"]
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
            *(
                [Row(Column("photos", css_class="col-md-6"), Column("photo_caption", css_class="col-md-6"))]
                if creating
                else []
            ),
        )

    def clean_photos(self) -> list[Any]:
        uploads = self.cleaned_data.get("photos") or []
        if uploads:
            check_uploads(uploads)
        return uploads

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors and self.files.getlist("photos"):
            # A browser never sends a chosen file again: say so next to the field.
            self.add_error("photos", "表单未保存，请重新选择要上传的照片。")
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
    image = MultipleFileField(label="照片", help_text=PHOTO_HELP)
    caption = forms.CharField(label="说明", max_length=200, required=False)

    image_infos: list[ImageInfo]

    def clean_image(self) -> list[Any]:
        uploads = self.cleaned_data["image"]
        self.image_infos = check_uploads(uploads)
        return uploads
