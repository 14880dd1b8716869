from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from records.filters import BranchFilter, ChoiceFilter, YearFilter
from records.money import format_yuan
from records.viewsets import Column, RecordViewSet
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from . import services
from .choices import ActivityCategory, HonourLevel, RecipientKind
from .forms import ActivityForm, HonourForm, PhotoUploadForm
from .models import Activity, ActivityPhoto, Honour
from .photos import MAX_PHOTOS_PER_ACTIVITY


def _activity_detail_extra(request: UnionRequest, activity: Activity) -> dict[str, Any]:
    code = request.union.code
    photos = list(activity.photos.all())
    can_upload = request.access.can(Perm.EDIT) and not activity.is_void
    return {
        "photos": [
            {
                "photo": p,
                "url": reverse("activities:photo", args=[code, p.pk]),
                "delete_url": reverse("activities:photo-delete", args=[code, p.pk]),
            }
            for p in photos
        ],
        "can_edit_photos": request.access.can(Perm.EDIT),
        "photo_form": PhotoUploadForm() if can_upload and len(photos) < MAX_PHOTOS_PER_ACTIVITY else None,
        "photo_upload_url": reverse("activities:activity-photo-upload", args=[code, activity.pk]),
        "max_photos": MAX_PHOTOS_PER_ACTIVITY,
    }


activities = RecordViewSet(
    model=Activity,
    form_class=ActivityForm,
    namespace="activities",
    prefix="activity",
    columns=[
        Column("日期", "date_span"),
        Column("类别", "category"),
        Column("名称", "title", link=True),
        Column("组织分会", "branch.name"),
        Column("参加人次", "participants", numeric=True),
        Column("女职工人次", "women_participants", numeric=True),
        Column("经费", lambda a: format_yuan(a.cost), numeric=True),
    ],
    filters=[
        YearFilter(date_field="start_date"),
        ChoiceFilter(param="category", label="类别", field_name="category", choices=ActivityCategory.choices),
        BranchFilter(label="组织分会"),
    ],
    search_fields=["title", "place"],
    search_placeholder="活动名称或地点",
    select_related=["branch"],
    ordering=["-start_date", "-id"],
    list_template="activities/activity_list.html",
    detail_template="activities/activity_detail.html",
    detail_extra=_activity_detail_extra,
    save=services.activity_save,
)

honours = RecordViewSet(
    model=Honour,
    form_class=HonourForm,
    namespace="activities",
    prefix="honour",
    columns=[
        Column("授予日期", "date"),
        Column("荣誉名称", "title", link=True),
        Column("获得者", "recipient"),
        Column("级别", "level"),
        Column("授予单位", "awarding_body"),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="level", label="级别", field_name="level", choices=HonourLevel.choices),
        ChoiceFilter(
            param="kind", label="获得者类型", field_name="recipient_kind", choices=RecipientKind.choices
        ),
    ],
    search_fields=["title", "awarding_body", "member__name"],
    search_placeholder="荣誉名称、授予单位或会员姓名",
    select_related=["member"],
    ordering=["-date", "-id"],
    list_template="activities/honour_list.html",
)


@union_view(Perm.EDIT)
@require_POST
def photo_upload(request: UnionRequest, pk: int) -> HttpResponse:
    activity = get_for_union(Activity, request, pk)
    form = PhotoUploadForm(request.POST, request.FILES)
    saved: list[ActivityPhoto] = []
    if form.is_valid():
        try:
            saved = services.photos_add(
                activity=activity,
                uploads=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                uploaded_by=request.user,
            )
        except ValidationError as exc:
            form.add_error("image", exc)
    if form.is_valid():
        messages.success(request, "已上传照片。" if len(saved) == 1 else f"已上传{len(saved)}张照片。")
    else:
        errors = "；".join(str(e) for field_errors in form.errors.values() for e in field_errors)
        messages.error(request, f"照片未上传：{errors}")
    return redirect("activities:activity-detail", code=request.union.code, pk=activity.pk)


def _photo_for_union(request: UnionRequest, pk: int) -> ActivityPhoto:
    photo = get_object_or_404(ActivityPhoto, pk=pk)
    # The photo's union is its activity's: another union's photo answers 404 like a missing one.
    get_for_union(Activity, request, photo.activity_id)
    return photo


@union_view(Perm.VIEW)
def photo(request: UnionRequest, pk: int) -> FileResponse:
    item = _photo_for_union(request, pk)
    try:
        handle = item.image.open("rb")
    except FileNotFoundError:
        raise Http404("照片文件不存在。") from None
    # The type was found by Pillow at upload; nosniff stops browsers from guessing another.
    response = FileResponse(handle, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@union_view(Perm.EDIT)
@require_POST
def photo_delete(request: UnionRequest, pk: int) -> HttpResponse:
    item = _photo_for_union(request, pk)
    activity_pk = item.activity_id
    services.photo_delete(photo=item)
    messages.success(request, "已删除照片。")
    return redirect("activities:activity-detail", code=request.union.code, pk=activity_pk)
