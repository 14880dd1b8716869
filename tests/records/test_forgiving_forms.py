"""Forms that forgive (issue #13 item 6): 请选择 instead of dashes, today's date and the last
funding source as defaults, password rules in Chinese, amounts with thousands separators."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.test_url_security import union_url_names
from tests.welfare.factories import DisbursementFactory
from unions.forms import UserCreateForm, password_rules
from welfare.choices import FundingSource

pytestmark = pytest.mark.django_db

FORM_PAGES = [
    n for n in union_url_names() if n.endswith("-create") or n in {"members:create", "welfare:batch-create"}
]


@pytest.mark.parametrize("name", FORM_PAGES)
def test_no_select_offers_dashes(admin_client_, union, name):
    response = admin_client_.get(reverse(name, args=[union.code]))
    assert response.status_code == 200, name
    html = response.content.decode()
    assert "---------" not in html, name


def test_the_pages_checked_include_the_record_forms():
    assert {"welfare:disbursement-create", "activities:activity-create", "members:create"} <= set(FORM_PAGES)


def test_a_new_record_starts_on_today(clerk_client, union):
    today = dt.date.today().isoformat()
    for name, field in (
        ("welfare:disbursement-create", "date"),
        ("activities:activity-create", "start_date"),
    ):
        html = clerk_client.get(reverse(name, args=[union.code])).content.decode()
        tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', html).group()
        assert f'value="{today}"' in tag, (name, tag)
        # An optional date (an activity's end) stays empty.
    html = clerk_client.get(reverse("activities:activity-create", args=[union.code])).content.decode()
    end = re.search(r'<input[^>]*name="end_date"[^>]*>', html)
    assert end is None or "value=" not in end.group()


def test_a_new_disbursement_starts_from_the_last_funding_source(clerk_client, union):
    DisbursementFactory(union=union, funding_source=FundingSource.UNION_FUNDS)
    DisbursementFactory(union=union, funding_source=FundingSource.ADMINISTRATION)
    for name in ("welfare:disbursement-create", "welfare:batch-create"):
        html = clerk_client.get(reverse(name, args=[union.code])).content.decode()
        assert re.search(rf'<option value="{FundingSource.ADMINISTRATION}" selected>', html), name


def test_amounts_on_lists_and_details_carry_thousands_separators(clerk_client, union):
    d = DisbursementFactory(union=union, cash_amount=Decimal("12345.6"))
    listed = clerk_client.get(reverse("welfare:disbursement-list", args=[union.code]), {"year": "all"})
    assert "12,345.60" in listed.content.decode()
    detail = clerk_client.get(reverse("welfare:disbursement-detail", args=[union.code, d.pk]))
    assert "12,345.60" in detail.content.decode()


def test_the_add_user_form_states_the_password_rules_in_chinese(admin_client_, union):
    html = admin_client_.get(reverse("unions:user-create", args=[union.code])).content.decode()
    assert "密码要求：" in html and "至少 8 个字符" in html and "不能全是数字" in html
    assert "Your password" not in html


def test_password_errors_are_chinese_whatever_language_django_runs_in():
    data = {
        "username": "zhangsan",
        "full_name": "张三",
        "role": "clerk",
        "password1": "12345678",
        "password2": "12345678",
    }
    with translation.override("en"):
        form = UserCreateForm(data=data)
        assert not form.is_valid()
        errors = form.errors["password1"]
        assert "这个密码太常见，请换一个不易被猜到的密码。" in errors and "密码不能全是数字。" in errors
        assert password_rules().startswith("密码要求：")
    similar = UserCreateForm(data={**data, "password1": "zhangsan1", "password2": "zhangsan1"})
    assert "密码与用户名或姓名过于相似。" in similar.errors["password1"]
