"""Issue #15 item 4: the year as a plain number, no English in any sheet, a masked export that
masks birth dates and phones by the pages' rules; indicator codes that are numbers."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from members.privacy import shown_phone
from workbook.codes import CODE_OF, KEY_OF, TABLES
from workbook.indicators import INDICATORS
from workbook.services import export_annual_workbook

from .conftest import Y, read, table

pytestmark = pytest.mark.django_db

# Identifiers that are not words: the union's code (a web address part), hex digests and
# signatures, base64, and file/ID formats. Everything else in a sheet must be Chinese.
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
NOT_WORDS = {"工会代码", "指标校验码", "数字签名", "签名公钥指纹"}


def _workbook(records, *, full_ids: bool):  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    export_annual_workbook(union=records.union, year=Y, full_ids=full_ids, target=buffer)
    return read(buffer.getvalue())


def test_every_indicator_has_a_numeric_code_in_one_table():
    assert set(CODE_OF) == {d.key for d in INDICATORS}
    assert all(code.isdigit() for code in KEY_OF)
    assert sum(len(t.items) for t in TABLES) == len(INDICATORS)


def test_no_english_in_any_sheet(records):
    book = _workbook(records, full_ids=True)
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            if sheet.title == "说明" and row[0] in NOT_WORDS:
                continue
            for value in row:
                if (
                    isinstance(value, str)
                    and value != records.formula_member.name  # typed by a user, kept as typed
                    and records.union.code not in value  # the fixture's branch names
                    and ENGLISH_WORD.search(value)
                ):
                    found.append((sheet.title, value))
    assert not found, found


def test_the_year_is_a_plain_number(records):
    about = read_about(_workbook(records, full_ids=False))
    assert about["统计年度"] == str(Y)
    assert "," not in about["统计年度"]


def read_about(book) -> dict:  # type: ignore[no-untyped-def]
    return {row[0]: row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True)}


def test_the_masked_export_masks_birth_dates_and_phones(records):
    member = records.members[0]
    member.phone = "13812345678"
    member.save()
    header, rows = table(_workbook(records, full_ids=False)["会员花名册"])
    assert "出生日期" not in header and "出生年份" in header
    row = next(r for r in rows if r[header.index("姓名")] == member.name)
    assert row[header.index("手机")] == shown_phone("13812345678", full=False) == "138****5678"
    assert row[header.index("出生年份")] == f"{member.birth_date.year}年"
    assert "13812345678" not in str(rows)


def test_the_full_export_keeps_the_phone(records):
    member = records.members[0]
    member.phone = "13812345678"
    member.save()
    header, rows = table(_workbook(records, full_ids=True)["会员花名册"])
    assert "13812345678" in [r[header.index("手机")] for r in rows]


def test_pages_mask_phones_for_readers_from_above_as_the_masked_export_does(
    clerk_client, county_client, records
):
    member = records.members[0]
    member.phone = "13812345678"
    member.save()
    url = reverse("members:detail", args=[records.union.code, member.pk])
    assert "13812345678" in clerk_client.get(url).content.decode()  # the union's own staff ring members
    page = county_client.get(url).content.decode()
    assert "13812345678" not in page and "138****5678" in page
    listing = county_client.get(reverse("members:list", args=[records.union.code])).content.decode()
    assert "13812345678" not in listing and "138****5678" in listing
