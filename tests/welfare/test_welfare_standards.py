"""慰问标准 and yearly caps (issue #13 item 2): the union's admin sets them; a payout that
passes one is warned at entry — on the disbursement form and on the batch confirmation — and
saved once the clerk confirms; amounts are Decimal throughout."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import MemberFactory
from tests.welfare.factories import DisbursementFactory, WelfareStandardFactory
from welfare.choices import DisbursementKind, DisbursementStatus, Festival
from welfare.models import Disbursement, DisbursementBatch, WelfareStandard
from welfare.standards import payout_warnings

pytestmark = pytest.mark.django_db


def _url(name: str, union, *args) -> str:
    return reverse(f"welfare:{name}", args=[union.code, *args])


def _entry(member, **overrides) -> dict:
    data = {
        "date": "2025-01-20",
        "kind": "festival",
        "festival": "spring",
        "member": member.pk,
        "recipient_name": "",
        "recipient_relation": "",
        "hardship_file": "",
        "cash_amount": "600.00",
        "goods_description": "",
        "goods_value": "0",
        "funding_source": "union_funds",
        "notes": "",
    }
    data.update(overrides)
    return data


def _text(response) -> str:
    return html.unescape(response.content.decode())


# --- setting the standards ---------------------------------------------------------------


def test_the_admin_sets_a_standard_and_a_clerk_only_reads_it(admin_client_, clerk_client, union):
    data = {"kind": "festival", "festival": "spring", "standard_amount": "500", "yearly_cap": "", "notes": ""}
    response = admin_client_.post(_url("standard-create", union), data)
    assert response.status_code == 302, _text(response)
    rule = WelfareStandard.objects.get(union=union)
    assert rule.standard_amount == Decimal("500.00") and rule.yearly_cap is None
    page = _text(clerk_client.get(_url("standard-list", union)))
    assert "节日慰问（春节）" in page and "500.00" in page
    assert "新增慰问标准" not in page  # the clerk is not offered what he may not do
    assert clerk_client.post(_url("standard-create", union), data).status_code == 403
    assert clerk_client.get(_url("standard-edit", union, rule.pk)).status_code == 403


def test_a_rule_needs_an_amount_and_is_one_per_kind(admin_client_, union):
    empty = {"kind": "medical", "festival": "", "standard_amount": "", "yearly_cap": "", "notes": ""}
    assert "请填写每次标准或每年上限" in _text(admin_client_.post(_url("standard-create", union), empty))
    first = {**empty, "yearly_cap": "3000"}
    assert admin_client_.post(_url("standard-create", union), first).status_code == 302
    again = _text(admin_client_.post(_url("standard-create", union), first))
    assert "该类型（及节日）已有慰问标准" in again
    all_kinds = {**empty, "kind": "", "standard_amount": "100"}
    assert "只能设每年上限" in _text(admin_client_.post(_url("standard-create", union), all_kinds))
    assert WelfareStandard.objects.filter(union=union).count() == 1


# --- the warnings themselves -------------------------------------------------------------


def test_the_most_specific_standard_applies_and_caps_count_the_statistical_year(union):
    WelfareStandardFactory(union=union, kind="festival", festival="", standard_amount=Decimal("300"))
    WelfareStandardFactory(union=union, kind="festival", festival="spring", standard_amount=Decimal("500"))
    WelfareStandardFactory(
        union=union, kind="", festival="", standard_amount=None, yearly_cap=Decimal("1000.00")
    )
    member = MemberFactory(union=union, name="王芳")
    day = dt.date(2025, 9, 10)
    # This year: 400 counted, 300 draft (about to be given), 200 rejected and 900 voided (not).
    DisbursementFactory(union=union, member=member, date=dt.date(2025, 2, 1), cash_amount=Decimal("400"))
    DisbursementFactory(
        union=union, member=member, date=dt.date(2025, 6, 1), cash_amount=Decimal("300"), status="draft"
    )
    DisbursementFactory(
        union=union, member=member, date=dt.date(2025, 6, 2), cash_amount=Decimal("200"), status="rejected"
    )
    voided = DisbursementFactory(union=union, member=member, date=dt.date(2025, 6, 3), cash_amount=900)
    voided.void("重复")
    DisbursementFactory(union=union, member=member, date=dt.date(2024, 12, 31), cash_amount=Decimal("900"))

    spring = payout_warnings(
        union=union, kind="festival", festival="spring", day=day, per_person=Decimal("500"), members=[member]
    )
    assert spring.over_standard == []  # 500 is the 春节 standard; the general 300 gives way
    (over,) = spring.over_cap
    assert (over.given, over.after) == (Decimal("700.00"), Decimal("1200.00"))
    assert "王芳本年度已领全部类型 700.00 元" in over.text and "上限 1,000.00 元" in over.text

    autumn = payout_warnings(
        union=union, kind="festival", festival="mid_autumn", day=day, per_person=Decimal("300.01")
    )
    assert autumn.over_standard == ["每人 300.01 元，超过节日慰问（全部节日）标准 300.00 元。"]
    assert autumn.over_cap == []  # nobody named, no cap to pass

    within = payout_warnings(
        union=union, kind="festival", festival="spring", day=day, per_person=Decimal("300"), members=[member]
    )
    assert not within  # 700 + 300 = 1000 is at the cap, not past it


def test_a_union_whose_year_starts_in_october_counts_from_october(union):
    union.period_start_month = 10
    union.save()
    WelfareStandardFactory(union=union, kind="medical", festival="", standard_amount=None, yearly_cap=1000)
    member = MemberFactory(union=union)
    DisbursementFactory(
        union=union, member=member, kind="medical", date=dt.date(2025, 9, 30), cash_amount=900
    )
    warnings = payout_warnings(
        union=union,
        kind="medical",
        festival="",
        day=dt.date(2025, 10, 1),
        per_person=Decimal("900"),
        members=[member],
    )
    assert not warnings  # 30 September belongs to the year before


# --- on the disbursement form ------------------------------------------------------------


def test_the_form_warns_and_saves_once_the_clerk_confirms(clerk_client, union):
    WelfareStandardFactory(union=union, kind="festival", festival="spring", standard_amount=Decimal("500"))
    member = MemberFactory(union=union, name="李强")
    response = clerk_client.post(_url("disbursement-create", union), _entry(member))
    page = _text(response)
    assert response.status_code == 200
    assert "每人 600.00 元，超过节日慰问（春节）标准 500.00 元。" in page
    assert "已核对，仍按此金额发放" in page and 'type="checkbox" name="over_ok"' in page
    assert not Disbursement.objects.exists()

    response = clerk_client.post(_url("disbursement-create", union), {**_entry(member), "over_ok": "on"})
    assert response.status_code == 302
    assert Disbursement.objects.get().cash_amount == Decimal("600.00")


def test_the_form_says_nothing_within_the_standard_and_edits_do_not_count_themselves(clerk_client, union):
    WelfareStandardFactory(
        union=union, kind="festival", festival="", standard_amount=Decimal("600"), yearly_cap=Decimal("600")
    )
    member = MemberFactory(union=union)
    response = clerk_client.post(_url("disbursement-create", union), _entry(member))
    assert response.status_code == 302
    record = Disbursement.objects.get()
    # Editing the same 600 again: the record itself is not "already given".
    response = clerk_client.post(_url("disbursement-edit", union, record.pk), _entry(member, notes="改"))
    assert response.status_code == 302, _text(response)
    # A second 春节 payout to the same person passes the cap of 600 a year.
    page = _text(clerk_client.post(_url("disbursement-create", union), _entry(member, cash_amount="10")))
    assert "本年度已领节日慰问（全部节日） 600.00 元" in page


def test_a_payout_to_someone_off_the_roster_is_checked_against_the_standard(clerk_client, union):
    WelfareStandardFactory(union=union, kind="funeral", festival="", standard_amount=Decimal("1000"))
    data = {
        **_entry(MemberFactory(union=union)),
        "member": "",
        "recipient_name": "张大爷",
        "kind": "funeral",
        "festival": "",
        "cash_amount": "1500",
    }
    assert "超过丧葬慰问标准 1,000.00 元" in _text(
        clerk_client.post(_url("disbursement-create", union), data)
    )


# --- on the batch ------------------------------------------------------------------------


def _batch_form(**overrides) -> dict:
    data = {
        "title": "",
        "date": "2025-01-20",
        "kind": "festival",
        "festival": "spring",
        "cash_amount": "500",
        "goods_description": "米、油",
        "goods_value": "150.50",
        "funding_source": "union_funds",
        "notes": "",
        "everyone": "on",
    }
    data.update(overrides)
    return data


def _hidden_inputs(page: str) -> dict:
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }


def test_the_batch_confirmation_warns_and_needs_the_tick(clerk_client, union):
    WelfareStandardFactory(union=union, kind="festival", festival="spring", standard_amount=Decimal("600"))
    WelfareStandardFactory(
        union=union, kind="festival", festival="", standard_amount=None, yearly_cap=Decimal("1000")
    )
    given = MemberFactory(union=union, name="赵敏")
    MemberFactory(union=union, name="钱多")
    DisbursementFactory(
        union=union,
        member=given,
        kind=DisbursementKind.FESTIVAL,
        festival=Festival.DRAGON_BOAT,
        date=dt.date(2025, 1, 5),
        cash_amount=Decimal("400"),
    )
    preview = _text(clerk_client.post(_url("batch-create", union), _batch_form()))
    assert 'data-testid="standard-warnings"' in preview
    assert "每人 650.50 元，超过节日慰问（春节）标准 600.00 元。" in preview
    assert "以下 1 人本次发放后将超过每人每年上限" in preview and "赵敏本年度已领" in preview
    assert "钱多本年度" not in preview

    confirm = {**_hidden_inputs(preview), "confirm": "1"}
    refused = _text(clerk_client.post(_url("batch-create", union), confirm))
    assert "金额超出慰问标准或每年上限" in refused
    assert not DisbursementBatch.objects.exists()

    response = clerk_client.post(_url("batch-create", union), {**confirm, "over_ok": "on"})
    assert response.status_code == 302
    batch = DisbursementBatch.objects.get()
    assert batch.disbursements.count() == 2
    assert {d.total for d in batch.disbursements.all()} == {Decimal("650.50")}
    assert set(batch.disbursements.values_list("status", flat=True)) == {DisbursementStatus.DRAFT}


def test_a_batch_within_the_standards_needs_no_tick(clerk_client, union):
    WelfareStandardFactory(union=union, kind="festival", festival="spring", standard_amount=Decimal("650.50"))
    MemberFactory(union=union)
    preview = _text(clerk_client.post(_url("batch-create", union), _batch_form()))
    assert "standard-warnings" not in preview and 'name="over_ok"' not in preview
    response = clerk_client.post(_url("batch-create", union), {**_hidden_inputs(preview), "confirm": "1"})
    assert response.status_code == 302 and DisbursementBatch.objects.count() == 1
