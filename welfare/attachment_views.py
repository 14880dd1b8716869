"""Attachment pages of welfare records: upload on the record's page, download only through
`attachment` after the reader's union is checked (like activity photos), removal while the
record is still open."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from records.text import CleanTextFormMixin
from unions.permissions import Perm, UnionRequest, get_for_union, union_view

from .attachment_models import AttachmentKind, WelfareAttachment
from .attachments import (
    ACCEPT,
    MAX_ATTACHMENTS_PER_RECORD,
    attachment_add,
    attachment_remove,
    removal_refusal,
)
from .models import Disbursement, HardshipFile
from .viewset import error_text


class AttachmentForm(CleanTextFormMixin, forms.Form):
    kind = forms.ChoiceField(label="附件类型", choices=AttachmentKind.choices)
    file = forms.FileField(
        label="文件",
        help_text="PDF、JPG 或 PNG，不超过10 MB。",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


def attachments_context(request: UnionRequest, parent: Disbursement | HardshipFile) -> dict[str, Any]:
    """What the record's page shows of its attachments."""
    code = request.union.code
    items = list(parent.attachments.select_related("uploaded_by"))
    is_disbursement = isinstance(parent, Disbursement)
    upload_name = (
        "welfare:disbursement-attachment-upload" if is_disbursement else "welfare:hardship-attachment-upload"
    )
    can_edit = request.access.can(Perm.EDIT) and not parent.is_void
    return {
        "attachments": [
            {
                "item": a,
                "url": reverse("welfare:attachment", args=[code, a.pk]),
                "delete_url": reverse("welfare:attachment-delete", args=[code, a.pk]),
                "removable": can_edit and not removal_refusal(a),
            }
            for a in items
        ],
        "attachment_form": AttachmentForm() if can_edit and len(items) < MAX_ATTACHMENTS_PER_RECORD else None,
        "attachment_upload_url": reverse(upload_name, args=[code, parent.pk]),
    }


def _upload(request: UnionRequest, parent: Disbursement | HardshipFile, detail: str) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment_add(
                parent=parent,
                upload=upload,
                size=upload.size,
                kind=form.cleaned_data["kind"],
                name=upload.name,
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(request, f"附件未上传：{error_text(exc)}")
        else:
            messages.success(request, "已上传附件。")
    else:
        errors = "；".join(str(e) for field_errors in form.errors.values() for e in field_errors)
        messages.error(request, f"附件未上传：{errors}")
    return redirect(detail, code=request.union.code, pk=parent.pk)


@union_view(Perm.EDIT)
@require_POST
def disbursement_attachment_upload(request: UnionRequest, pk: int) -> HttpResponse:
    return _upload(request, get_for_union(Disbursement, request, pk), "welfare:disbursement-detail")


@union_view(Perm.EDIT)
@require_POST
def hardship_attachment_upload(request: UnionRequest, pk: int) -> HttpResponse:
    return _upload(request, get_for_union(HardshipFile, request, pk), "welfare:hardship-detail")


def _attachment_for_union(request: UnionRequest, pk: int) -> WelfareAttachment:
    item = get_object_or_404(WelfareAttachment, pk=pk)
    # The attachment's union is its record's: another union's file answers 404 like a missing one.
    if item.disbursement_id:
        get_for_union(Disbursement, request, item.disbursement_id)
    else:
        get_for_union(HardshipFile, request, item.hardship_file_id)
    return item


@union_view(Perm.VIEW)
def attachment(request: UnionRequest, pk: int) -> FileResponse:
    item = _attachment_for_union(request, pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件不存在。") from None
    # Images open in the page; a PDF is downloaded, never run in the product's origin.
    is_pdf = item.content_type == "application/pdf"
    filename = item.original_name or f"附件.{item.file.name.rsplit('.', 1)[-1]}"
    response = FileResponse(handle, content_type=item.content_type, as_attachment=is_pdf, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    )
    return response


@union_view(Perm.EDIT)
@require_POST
def attachment_delete(request: UnionRequest, pk: int) -> HttpResponse:
    item = _attachment_for_union(request, pk)
    parent = item.parent
    detail = "welfare:disbursement-detail" if item.disbursement_id else "welfare:hardship-detail"
    try:
        attachment_remove(attachment=item)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "已删除附件。")
    return redirect(detail, code=request.union.code, pk=parent.pk)
