from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from welfare.models import DonationDrive

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "title": "救助困难职工一日捐",
        "kind": "one_day",
        "date": "2025-04-22",
        "participants": "356",
        "amount_raised": "1310.00",
        "beneficiary": "市总困难职工帮扶基金",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_a_clerk_records_a_donation_drive(clerk_client, union):
    response = clerk_client.post(reverse("welfare:donation-create", args=[union.code]), _form())
    assert response.status_code == 302
    drive = DonationDrive.objects.get()
    assert (drive.union, drive.participants, drive.amount_raised) == (union, 356, Decimal("1310.00"))
    page = clerk_client.get(
        reverse("welfare:donation-list", args=[union.code]), {"year": "2025"}
    ).content.decode()
    assert "救助困难职工一日捐" in page and "1,310.00" in page


def test_donation_validation(clerk_client, union):
    url = reverse("welfare:donation-create", args=[union.code])
    assert (
        "有捐款金额时，请填写参与人次。" in clerk_client.post(url, _form(participants="0")).content.decode()
    )
    assert "金额不能为负数。" in clerk_client.post(url, _form(amount_raised="-1")).content.decode()
    assert not DonationDrive.objects.exists()


def test_read_only_users_cannot_record_donations(county_client, union):
    response = county_client.post(reverse("welfare:donation-create", args=[union.code]), _form())
    assert response.status_code == 403
    assert not DonationDrive.objects.exists()
