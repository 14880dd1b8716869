"""The return's cover codes as settings of the union: 901, 903, 统一社会信用代码, 904 and the
people named on it, validated on the settings page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unions.identifiers import credit_check_char, validate_area_code, validate_credit_code

pytestmark = pytest.mark.django_db

VALID_CREDIT = "91350100M000100Y43"


def _post(client, union, **cover):  # type: ignore[no-untyped-def]
    data = {"name": union.name, "period_start_month": 10, "separate_approval": "True"} | cover
    return client.post(reverse("unions:settings", args=[union.code]), data)


def test_the_check_character_follows_gb_32100():
    assert credit_check_char(VALID_CREDIT[:17]) == "3"
    validate_credit_code(VALID_CREDIT)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y44", "校验位不对"),
        ("91350100M000100Y4", "应为18位"),
        ("9135010OM000100Y43", "不含 I、O、Z、S、V"),  # a letter O among the area digits
        ("91350100M000100YI3", "不含 I、O、Z、S、V"),
    ],
)
def test_a_wrong_credit_code_is_refused(code, message):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    assert message in caught.value.messages[0]


@pytest.mark.parametrize("code", ["330106", "330106001002"])
def test_area_codes_have_6_or_12_digits(code):
    validate_area_code(code)


@pytest.mark.parametrize("code", ["33010", "3301060010", "33010a"])
def test_other_area_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_area_code(code)


def test_admin_sets_the_cover_as_people_copy_it(admin_client_, union):
    response = _post(
        admin_client_,
        union,
        stat_code="3301 0600 12",
        area_code="330106",
        credit_code="9135 0100 m000 100y43",  # spaces and small letters, as copied
        org_type="joint",
        head_name="王主席",
        filler_name="李干事",
        contact_phone="0571-87654321",
    )
    assert response.status_code == 302
    union.refresh_from_db()
    assert (union.stat_code, union.area_code, union.credit_code) == ("3301060012", "330106", VALID_CREDIT)
    assert (union.org_type, union.get_org_type_display()) == ("joint", "联合基层工会")
    assert (union.head_name, union.filler_name, union.contact_phone) == ("王主席", "李干事", "0571-87654321")


def test_a_bad_cover_is_refused_with_chinese_messages(admin_client_, union):
    response = _post(
        admin_client_, union, credit_code="91350100M000100Y44", area_code="3301", contact_phone="12"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "校验位不对" in page and "6位或12位数字" in page and "手机号码应为11位" in page
    union.refresh_from_db()
    assert union.credit_code == "" and union.period_start_month == 1


def test_the_settings_page_shows_the_cover_fields(admin_client_, union):
    page = admin_client_.get(reverse("unions:settings", args=[union.code])).content.decode()
    for label in (
        "基层工会统计编码",
        "所在地行政区划代码",
        "统一社会信用代码",
        "组织类型",
        "单位负责人",
        "填表人",
        "联系电话",
    ):
        assert label in page


def test_only_admins_change_the_cover(clerk_client, union):
    response = _post(clerk_client, union, credit_code=VALID_CREDIT)
    assert response.status_code == 403
    union.refresh_from_db()
    assert union.credit_code == ""
