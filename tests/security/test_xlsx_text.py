"""Issue #9 items 6 and 7: text that breaks or arms a workbook.

6. Characters XML 1.0 cannot carry (U+FFFF, noncharacters, C0 controls, lone surrogates) are
   cleaned where text enters (every form, the import) and where it leaves (xlsx, PDF), so a
   row written to the database some other way can no longer corrupt the annual workbook.
7. Every xlsx the product writes goes through the one safe cell writer: with formula-like
   text in every text field we can reach, no workbook holds a formula cell, and every cell
   whose text starts with = + - @ carries the quote prefix.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import re
from typing import Any

import openpyxl
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse

from activities.choices import ActivityCategory
from members.import_models import RosterImport
from members.models import Member
from reports.services import render_report_pdf, report_start
from tests.activities.factories import ActivityFactory
from tests.factories import MemberFactory, UnionFactory, UnionRoleFactory, UserFactory, make_id_number
from tests.reports.pdfs import pdf_text
from tests.workbook.conftest import Y, make_records
from unions.models import Branch, Role, UnionLevel
from workbook.exporters.base import FORMULA_TRIGGERS
from workbook.services import annual_context, write_annual_workbook

pytestmark = pytest.mark.django_db

BAD_NAME = "非字符\uffff测试"
# What a database can hold (no NUL, no lone surrogate) but XML 1.0 cannot carry.
STORABLE_BAD = ["\uffff", "\ufffe", "\ufdd0", "\U0010ffff", "\x01", "\x0b", "\x1f"]
PRODUCT_APPS = {
    "members",
    "unions",
    "welfare",
    "activities",
    "democracy",
    "rights",
    "funds",
    "reports",
    "workbook",
}
# The test's own oracle of what XML 1.0 forbids (plus noncharacters), independent of the code.
XML_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)
FORMULAS = ['=HYPERLINK("http://evil.example/","点我")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _xlsx_cells(content: bytes) -> list[Any]:
    book = openpyxl.load_workbook(io.BytesIO(content))  # full mode: data types and quote prefixes
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


# --- item 6 ---------------------------------------------------------------------------------


def test_the_rule_removes_what_xml_forbids_and_keeps_everything_else():
    from records.text import clean_text

    kept = "张三\t第1行\n第2行\r\n😀 𠀀 ﬁ"
    assert clean_text(kept) == kept
    assert clean_text(BAD_NAME) == "非字符测试"
    assert clean_text("a\x00b\x08c\x0bd\x0ce\x1ff\ud800g\udfffh\ufdefi\ufffej\U0001fffek\U0010ffffl") == (
        "abcdefghijkl"
    )


def test_a_member_created_through_the_web_form_is_stored_cleaned(clerk_client, union):
    response = clerk_client.post(
        reverse("members:create", args=[union.code]),
        {
            "name": BAD_NAME,
            "id_number": make_id_number(gender="M"),
            "ethnicity": "汉族",
            "phone": "13900001111",
            "employment": "contract",
            "joined_on": "2020-05-01",
            "status": "active",
            "notes": "备注\x01\ufffe",
        },
    )
    assert response.status_code == 302, response.content.decode()
    member = Member.objects.get(union=union)
    assert (member.name, member.notes) == ("非字符测试", "备注")


def _product_forms() -> list[type[forms.BaseForm]]:
    found: list[type[forms.BaseForm]] = []

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            module = sub.__module__.split(".")[0]
            if module in PRODUCT_APPS or module == "records":
                found.append(sub)
            walk(sub)

    walk(forms.BaseForm)
    return found


def test_every_form_of_the_product_cleans_its_input():
    from records.text import CleanTextFormMixin

    importlib.import_module(settings.ROOT_URLCONF)  # every view, so every form, is loaded
    found = _product_forms()
    assert len(found) > 25  # the walk really found the product's forms
    assert [f.__qualname__ for f in found if not issubclass(f, CleanTextFormMixin)] == []


def test_imported_text_is_cleaned(clerk_client, union):
    from tests.members.test_import import upload, xlsx

    # What XML 1.0 lets into a file (noncharacters; U+FFFF and controls cannot be parsed at all).
    content = xlsx([["非字符\ufdd0测\U0001fffe试", make_id_number(), "", "", "", "2020-01-05", "在册\ufdef"]])
    upload(clerk_client, union, content)
    roster_import = RosterImport.objects.get()
    assert roster_import.added_count == 1, roster_import.summary
    confirm = clerk_client.post(reverse("members:import-confirm", args=[union.code, roster_import.pk]))
    assert confirm.status_code == 302
    assert Member.objects.get(union=union).name == "非字符测试"


@pytest.mark.parametrize("fast", [True, False])
def test_bad_characters_written_past_the_forms_do_not_break_the_annual_workbook(union, fast):
    for i in range(30):
        MemberFactory(union=union, name=f"会员{i:02d}", joined_on=dt.date(2015, 1, 1))
    for i, bad in enumerate(STORABLE_BAD):
        MemberFactory(
            union=union,
            name=f"非字符{bad}测试{i}",
            notes=f"备注{bad}",
            ethnicity=f"汉{bad}族",
            joined_on=dt.date(2015, 1, 1),
        )
    buffer = io.BytesIO()
    context = annual_context(union=union, year=Y, full_ids=False)
    write_annual_workbook(context=context, target=buffer, fast=fast)

    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))  # raises on ill-formed XML
    rows = list(book["会员花名册"].iter_rows(min_row=2, values_only=True))
    names = [row[1] for row in rows if row[1] and row[0] != "合计"]
    assert len(names) == 30 + len(STORABLE_BAD)
    assert {f"非字符测试{i}" for i in range(len(STORABLE_BAD))} <= set(names)
    for cell in _xlsx_cells(buffer.getvalue()):
        if isinstance(cell.value, str):
            assert not XML_FORBIDDEN.search(cell.value), (cell.coordinate, cell.value)


def test_bad_characters_written_past_the_forms_do_not_break_the_summary_pdf(union):
    for _ in range(3):
        MemberFactory(union=union, joined_on=dt.date(2015, 1, 1))
    ActivityFactory(
        union=union,
        category=ActivityCategory.SPORTS_CULTURE,
        title="春季\uffff篮球\x0b赛",
        participants=10,
        start_date=dt.date(2025, 3, 10),
    )
    report = report_start(union=union, year=2025, actor=None)
    # Staff text as a form would never let it through, written straight to the database.
    last = report.sections.filter(included=True).order_by("position").last()
    report.sections.filter(pk=last.pk).update(use_generated=False, staff_text="工作\x01总结\ufffe正文")
    text = pdf_text(render_report_pdf(report))
    assert "春季篮球赛" in text
    assert "工作总结正文" in text


# --- item 7 ---------------------------------------------------------------------------------


def _poison(*unions: Any) -> int:
    """Formula-like text in every filled-in free-text field of every row of these unions (and
    the unions' own names); returns how many fields were tried."""
    reached = 0
    for model in apps.get_models():
        if model._meta.app_label not in PRODUCT_APPS or model._meta.proxy or not model._meta.managed:
            continue  # an unmanaged table (members_name_char) is kept by the database from its rows
        names = {f.name for f in model._meta.concrete_fields}
        if model._meta.model_name == "union":
            rows = model._default_manager.filter(pk__in=[u.pk for u in unions])
        elif "union" in names:
            rows = model._default_manager.filter(union__in=unions)
        else:
            continue
        for field in model._meta.concrete_fields:
            if (
                not isinstance(field, (models.CharField, models.TextField))
                or field.choices
                or field.unique
                or field.name in {"id_number", "code", "path", "pdf_sha256", "sha256", "digest"}
            ):
                continue
            value = FORMULAS[reached % len(FORMULAS)] + f"#{reached}"
            # Only filled-in fields: blank ones may carry meaning (one recipient of two, say).
            filled = rows.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
            filled.update(**{field.name: value[: field.max_length] if field.max_length else value})
            reached += 1
    return reached


def _assert_no_live_formula(content: bytes, label: str) -> int:
    armed = 0
    for cell in _xlsx_cells(content):
        assert cell.data_type != "f", f"{label} {cell.parent.title}!{cell.coordinate}: {cell.value!r}"
        if isinstance(cell.value, str) and cell.value and cell.value[0] in FORMULA_TRIGGERS:
            assert cell.quotePrefix, f"{label} {cell.parent.title}!{cell.coordinate}: {cell.value!r}"
            armed += 1
    return armed


def test_the_import_template_writes_branch_names_as_text(clerk_client, union):
    Branch.objects.create(union=union, name='=HYPERLINK("http://evil.example/","点我")')
    Branch.objects.create(union=union, name="+1+cmd")
    response = clerk_client.get(reverse("members:import-template", args=[union.code]))
    content = b"".join(response.streaming_content)
    assert _assert_no_live_formula(content, "template") >= 2
    book = openpyxl.load_workbook(io.BytesIO(content))
    options = [c.value for row in book["可选值"].iter_rows() for c in row if c.value]
    assert '=HYPERLINK("http://evil.example/","点我")' in options
    # The dropdown sources stay real references to the option sheet.
    sources = [dv.formula1 for dv in book["会员花名册"].data_validations.dataValidation]
    assert sources and all(re.fullmatch(r"'?可选值'?!\$[A-Z]+\$2:\$[A-Z]+\$\d+", s) for s in sources)


def test_no_workbook_the_product_writes_holds_a_formula(union, county, clerk_client, admin_client_):
    make_records(union)
    reached = _poison(union, county)
    assert reached > 40

    exported = admin_client_.post(reverse("workbook:export", args=[union.code]), {"year": Y})
    assert exported.status_code == 200
    armed = _assert_no_live_formula(b"".join(exported.streaming_content), "annual (fast)")
    assert armed > 30  # the poisoned text really reached the sheets

    buffer = io.BytesIO()
    write_annual_workbook(
        context=annual_context(union=union, year=Y, full_ids=True), target=buffer, fast=False
    )
    assert _assert_no_live_formula(buffer.getvalue(), "annual (cells)") > 30

    template = clerk_client.get(reverse("members:import-template", args=[union.code]))
    assert _assert_no_live_formula(b"".join(template.streaming_content), "template") > 0

    county_admin = UserFactory(username="county-admin")
    UnionRoleFactory(user=county_admin, union=county, role=Role.ADMIN)
    client = Client()
    client.force_login(county_admin)
    rollup = client.get(reverse("workbook:rollup-export", args=[county.code]), {"year": Y})
    assert rollup.status_code == 200
    assert _assert_no_live_formula(b"".join(rollup.streaming_content), "rollup") > 0


def test_the_error_workbook_writes_the_uploaded_text_back_as_text(clerk_client, union):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "+附加列", "身份证号", "手机", "入会时间", "备注"])
    sheet.append(["@SUM(1+1)", "-2+3", "不是身份证", "+8613900001111", "2020-01-05", "=1+1"])
    sheet["F2"].data_type = "s"  # text that looks like a formula, as a clerk might paste it
    sheet.append(["=HYPERLINK(1)", "@x", "123", "-1", "2020-01-05", "+1"])
    sheet["A3"].data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = clerk_client.post(
        reverse("members:import", args=[union.code]),
        {"file": SimpleUploadedFile("花名册.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 302
    roster_import = RosterImport.objects.get()
    assert roster_import.invalid_count == 2
    errors = clerk_client.get(reverse("members:import-errors", args=[union.code, roster_import.pk]))
    assert errors.status_code == 200
    assert _assert_no_live_formula(b"".join(errors.streaming_content), "errors") >= 8


def test_a_union_named_like_a_formula_is_text_in_the_rollup(county):
    # The roll-up's breakdown lists each union by name.
    UnionFactory(name="=1+1", code="formula", parent=county, level=UnionLevel.GRASSROOTS)
    county_admin = UserFactory(username="county-admin")
    UnionRoleFactory(user=county_admin, union=county, role=Role.ADMIN)
    client = Client()
    client.force_login(county_admin)
    rollup = client.get(reverse("workbook:rollup-export", args=[county.code]), {"year": Y})
    assert _assert_no_live_formula(b"".join(rollup.streaming_content), "rollup") >= 1
