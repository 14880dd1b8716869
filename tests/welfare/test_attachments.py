"""Attachments on disbursements and hardship files (issue #13 item 5, first part): PDF, JPG
and PNG taken by what is inside them, size-bounded, stored privately under random names,
served only through the checked view; papers of an approved payout stay."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from audit.models import AuditEntry
from tests.welfare.factories import DisbursementFactory, HardshipFileFactory
from welfare import attachments
from welfare.attachment_models import WelfareAttachment
from welfare.choices import DisbursementStatus

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size: tuple[int, int] = (40, 30), fmt: str = "PNG", **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt, **save)
    return out.getvalue()


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (10, 120, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(0x8825)[2] = (39.0, 54.0, 0.0)  # GPSInfo: latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _url(name: str, union, *args) -> str:
    return reverse(f"welfare:{name}", args=[union.code, *args])


def _upload(
    client, union, record, data: bytes, name: str, kind: str = "receipt", content_type="application/pdf"
):
    prefix = "disbursement" if hasattr(record, "kind_display") else "hardship"
    file = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(
        _url(f"{prefix}-attachment-upload", union, record.pk), {"kind": kind, "file": file}, follow=True
    )


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_clerk_attaches_a_pdf_and_a_photo_and_reads_them_back(clerk_client, clerk, union):
    record = DisbursementFactory(union=union)
    response = _upload(clerk_client, union, record, PDF, "申请表.pdf", kind="application")
    assert "已上传附件" in _messages(response)
    response = _upload(clerk_client, union, record, png_bytes(), "收据.png", content_type="image/png")
    assert "申请表.pdf" in response.content.decode() and "收据.png" in response.content.decode()

    pdf, png = WelfareAttachment.objects.filter(disbursement=record).order_by("id")
    assert (pdf.content_type, pdf.kind, pdf.original_name) == ("application/pdf", "application", "申请表.pdf")
    assert pdf.file.name.startswith(f"welfare-attachments/{union.code}/") and pdf.file.name.endswith(".pdf")
    assert "申请表" not in pdf.file.name  # the stored name is random
    assert png.content_type == "image/png" and png.uploaded_by == clerk
    with pytest.raises(ValueError):
        pdf.file.url  # noqa: B018  (no public URL: only the view serves it)

    served = clerk_client.get(_url("attachment", union, pdf.pk))
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf" and served["Content-Disposition"].startswith(
        "attachment"
    )
    assert served["X-Content-Type-Options"] == "nosniff" and "sandbox" in served["Content-Security-Policy"]
    image = clerk_client.get(_url("attachment", union, png.pk))
    assert image["Content-Type"] == "image/png" and not image["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.for_object(pdf).get(action="create").actor == clerk


def test_a_hardship_file_takes_attachments_too(clerk_client, union):
    file = HardshipFileFactory(union=union)
    _upload(
        clerk_client,
        union,
        file,
        png_bytes(fmt="JPEG"),
        "病历.jpg",
        kind="certificate",
        content_type="image/jpeg",
    )
    (item,) = file.attachments.all()
    assert item.content_type == "image/jpeg" and item.get_kind_display() == "证明材料"
    page = clerk_client.get(_url("hardship-detail", union, file.pk)).content.decode()
    assert "病历.jpg" in page and _url("attachment", union, item.pk) in page


@pytest.mark.parametrize(
    "data, name, says",
    [
        (b"<html><script>alert(1)</script></html>", "收据.pdf", "只能上传 PDF、JPG 或 PNG 文件"),
        (b"MZ\x90\x00" + b"\x00" * 100, "签收单.png", "只能上传 PDF、JPG 或 PNG 文件"),
        (png_bytes(fmt="GIF"), "动图.gif", "只能上传 PDF、JPG 或 PNG 文件"),
        (png_bytes(fmt="WEBP"), "照片.png", "只能上传 PDF、JPG 或 PNG 文件"),
        (b"%PDF-1.7\n" + b"x" * 5000, "截断.pdf", "PDF 文件不完整"),
        (png_bytes()[:60], "坏图.png", "图片文件已损坏"),
        (b"", "空.pdf", "空"),
    ],
)
def test_files_are_judged_by_their_content(clerk_client, union, data, name, says):
    record = DisbursementFactory(union=union)
    response = _upload(clerk_client, union, record, data, name)
    assert says in _messages(response)
    assert not WelfareAttachment.objects.exists()


def test_the_size_is_bounded(clerk_client, union, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 1000)
    response = _upload(clerk_client, union, DisbursementFactory(union=union), PDF + b" " * 1000, "大.pdf")
    assert "附件不能超过" in _messages(response) and not WelfareAttachment.objects.exists()


def test_photos_lose_their_gps_and_device(clerk_client, union):
    record = DisbursementFactory(union=union)
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()
    _upload(clerk_client, union, record, original, "现场.jpg", content_type="image/jpeg")
    item = WelfareAttachment.objects.get()
    with item.file.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert not stored.getexif() and stored.format == "JPEG"


def test_other_unions_and_read_only_users(clerk_client, outsider_client, county_client, union):
    record = DisbursementFactory(union=union)
    _upload(clerk_client, union, record, PDF, "申请表.pdf")
    item = WelfareAttachment.objects.get()
    assert outsider_client.get(_url("attachment", union, item.pk)).status_code == 404
    assert outsider_client.get(reverse("welfare:attachment", args=["other", item.pk])).status_code == 404
    assert county_client.get(_url("attachment", union, item.pk)).status_code == 200  # reads
    assert county_client.post(_url("attachment-delete", union, item.pk)).status_code == 403
    file = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    url = _url("disbursement-attachment-upload", union, record.pk)
    assert county_client.post(url, {"kind": "receipt", "file": file}).status_code == 403
    assert WelfareAttachment.objects.count() == 1


def test_papers_of_a_submitted_payout_stay_and_a_drafts_can_go(clerk_client, union):
    draft = DisbursementFactory(union=union)
    _upload(clerk_client, union, draft, PDF, "错传.pdf")
    item = WelfareAttachment.objects.get()
    response = clerk_client.post(_url("attachment-delete", union, item.pk), follow=True)
    assert "已删除附件" in _messages(response)
    assert not WelfareAttachment.objects.exists()

    approved = DisbursementFactory(union=union, status=DisbursementStatus.APPROVED)
    _upload(clerk_client, union, approved, PDF, "签收单.pdf", kind="signed_sheet")  # papers may still come
    kept = WelfareAttachment.objects.get()
    response = clerk_client.post(_url("attachment-delete", union, kept.pk), follow=True)
    assert "作为凭证保留" in _messages(response)
    assert WelfareAttachment.objects.filter(pk=kept.pk).exists()
    page = clerk_client.get(_url("disbursement-detail", union, approved.pk)).content.decode()
    assert _url("attachment-delete", union, kept.pk) not in page


def test_a_voided_record_takes_no_attachments(clerk_client, union):
    record = DisbursementFactory(union=union)
    record.void("重复")
    response = _upload(clerk_client, union, record, PDF, "a.pdf")
    assert "已作废的记录不能上传附件" in _messages(response)
