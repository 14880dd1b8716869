"""The national archive's facts on a hardship file: income by source and the total, family
members on the form, housing/health/insurance/零就业, the union's 低保 line as the default,
and the category suggested from the facts (offered, never applied by itself)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import MemberFactory
from tests.welfare.factories import HardshipFamilyMemberFactory, HardshipFileFactory, LocalLivingLineFactory
from welfare import services
from welfare.category_suggestion import suggest_category, suggestion_for_file
from welfare.choices import HardshipCategory
from welfare.living_line import local_living_line_amount
from welfare.models import HardshipFamilyMember, HardshipFile, LocalLivingLine

pytestmark = pytest.mark.django_db
D = Decimal


def _url(name: str, union, *args) -> str:
    return reverse(f"welfare:{name}", args=[union.code, *args])


def _family(rows=(), existing=()) -> dict:
    """The family table's fields: `existing` rows carry their id, then the new rows."""
    data = {
        "family-TOTAL_FORMS": str(len(existing) + len(rows)),
        "family-INITIAL_FORMS": str(len(existing)),
        "family-MIN_NUM_FORMS": "0",
        "family-MAX_NUM_FORMS": "12",
    }
    for i, row in enumerate([*existing, *rows]):
        blank = {"id": "", "name": "", "relation": "", "birth_year": "", "health": "", "employment": ""}
        for key, value in {**blank, "annual_income": "", **row}.items():
            data[f"family-{i}-{key}"] = value
    return data


def _form(member, family=None, **overrides) -> dict:
    data = {
        "member": member.pk,
        "category": "relative",
        "main_cause": "laid_off",
        "household_size": "3",
        "annual_household_income": "",
        "wage_income": "",
        "business_income": "",
        "property_income": "",
        "transfer_income": "",
        "other_income": "",
        "local_minimum_living_line": "800",
        "housing": "",
        "health": "",
        "disability_kind": "",
        "disability_grade": "",
        "medical_insurance": "",
        "status": "open",
        "opened_on": "2025-02-01",
        "action": "save",
        **(family if family is not None else _family()),
    }
    data.update(overrides)
    return data


# --- income by source -----------------------------------------------------------------


def test_the_total_is_the_sum_of_the_sources_when_any_is_filled(union):
    member = MemberFactory(union=union)
    file = services.hardship_file_create(
        union=union,
        member=member,
        category="relative",
        main_cause="laid_off",
        household_size=3,
        annual_household_income=D("0"),
        wage_income=D("18000"),
        transfer_income=D("6000.50"),
        other_income=D("1200"),
        opened_on=dt.date(2025, 2, 1),
    )
    assert file.annual_household_income == D("25200.50")
    assert file.monthly_per_capita_income == D("700.01")  # 25200.50 / 3 / 12


def test_a_file_without_sources_keeps_its_total(union):
    file = HardshipFileFactory(union=union, annual_household_income=D("36000"))
    file.full_clean()
    assert (file.annual_household_income, file.has_income_sources) == (D("36000"), False)


def test_a_disability_needs_its_kind_and_its_grade():
    file = HardshipFileFactory.build(disability_grade="2")
    with pytest.raises(ValidationError) as exc:
        file.clean()
    assert exc.value.message_dict["disability_kind"] == ["填写残疾等级时，请同时选择残疾类别。"]
    file = HardshipFileFactory.build(disability_kind="physical")
    with pytest.raises(ValidationError) as exc:
        file.clean()
    assert exc.value.message_dict["disability_grade"] == ["选择残疾类别时，请同时填写残疾等级。"]


def test_the_form_sums_the_sources_and_refuses_a_total_that_disagrees(clerk_client, union):
    member = MemberFactory(union=union)
    bad = _form(member, annual_household_income="30000", wage_income="20000", business_income="4000")
    response = clerk_client.post(_url("hardship-create", union), bad)
    assert response.status_code == 200
    assert "家庭年收入应等于各项收入之和（24,000.00元）" in response.content.decode()
    assert not HardshipFile.objects.exists()

    good = _form(member, wage_income="20000", business_income="4000")
    assert clerk_client.post(_url("hardship-create", union), good).status_code == 302
    assert HardshipFile.objects.get().annual_household_income == D("24000")


def test_the_form_needs_a_total_or_its_sources(clerk_client, union):
    response = clerk_client.post(_url("hardship-create", union), _form(MemberFactory(union=union)))
    assert "请填写家庭年收入，或填写分项收入。" in response.content.decode()


# --- the form with its family members ---------------------------------------------------


def test_a_file_is_opened_with_its_facts_and_family_members(clerk_client, clerk, union):
    member = MemberFactory(union=union, name="孙困难")
    family = _family(
        [
            {"name": " 李强 ", "relation": "spouse", "birth_year": "1980", "health": "serious",
             "employment": "no_capacity", "annual_income": ""},
            {"name": "孙小明", "relation": "child", "birth_year": "2012", "employment": "student"},
            {},  # an empty extra row is not saved
        ]
    )  # fmt: skip
    data = _form(
        member,
        family,
        wage_income="9600",
        housing="rented",
        health="chronic",
        medical_insurance="employee",
        zero_employment="on",
    )
    response = clerk_client.post(_url("hardship-create", union), data)
    assert response.status_code == 302, response.context["form"].errors
    file = HardshipFile.objects.get()
    assert (file.housing, file.health, file.medical_insurance, file.zero_employment) == (
        "rented",
        "chronic",
        "employee",
        True,
    )
    people = list(file.family_members.values_list("name", "relation", "birth_year", "health"))
    assert people == [("李强", "spouse", 1980, "serious"), ("孙小明", "child", 2012, "")]
    assert AuditEntry.objects.filter(action="create", object_repr="李强（配偶）", actor=clerk).exists()

    page = clerk_client.get(response["Location"]).content.decode()
    for shown in (
        "租住",
        "患慢性病",
        "职工医保",
        "零就业家庭",
        "李强",
        "配偶",
        "1980年",
        "孙小明",
        "在校学生",
    ):
        assert shown in page, shown
    assert "9,600.00" in page  # the source is listed with the others
    detail = clerk_client.get(response["Location"])
    labels = [label for label, _ in detail.context["fields"]]
    assert labels.index("会员") < labels.index("家庭年收入（元）") < labels.index("工资性收入（元/年）")
    assert labels.index("零就业家庭") < labels.index("档案状态")


def test_editing_updates_removes_and_adds_family_members(clerk_client, union):
    file = HardshipFileFactory(union=union, household_size=4)
    spouse = HardshipFamilyMemberFactory(file=file, name="李强")
    child = HardshipFamilyMemberFactory(file=file, name="孙小明", relation="child", birth_year=2012)
    existing = [
        {
            "id": str(spouse.pk),
            "name": "李强",
            "relation": "spouse",
            "birth_year": "1980",
            "employment": "flexible",
        },
        {"id": str(child.pk), "name": "孙小明", "relation": "child", "birth_year": "2012", "DELETE": "on"},
    ]
    family = _family([{"name": "王老汉", "relation": "parent", "birth_year": "1950"}], existing)
    data = _form(file.member, family, annual_household_income="20000", household_size="4")
    response = clerk_client.post(_url("hardship-edit", union, file.pk), data)
    assert response.status_code == 302, response.context["formset"].errors
    rows = list(file.family_members.order_by("id").values_list("id", "name", "employment"))
    assert rows[0] == (spouse.pk, "李强", "flexible")
    assert [name for _, name, _ in rows] == ["李强", "王老汉"]
    assert AuditEntry.objects.filter(action="delete", object_repr="孙小明（子女）").exists()


def test_another_files_family_member_cannot_be_edited_through_this_form(clerk_client, union):
    file = HardshipFileFactory(union=union)
    stranger = HardshipFamilyMemberFactory(file=HardshipFileFactory(union=union), name="外人")
    family = _family([], [{"id": str(stranger.pk), "name": "改名", "relation": "spouse"}])
    response = clerk_client.post(
        _url("hardship-edit", union, file.pk), _form(file.member, family, annual_household_income="1000")
    )
    assert response.status_code == 200
    assert "所填家庭成员不属于该档案" in response.content.decode()
    stranger.refresh_from_db()
    assert (stranger.name, stranger.file_id) == ("外人", stranger.file_id)
    assert not file.family_members.exists()


def test_the_household_must_hold_its_family_members(clerk_client, union):
    family = _family([{"name": "甲", "relation": "spouse"}, {"name": "乙", "relation": "child"}])
    data = _form(MemberFactory(union=union), family, annual_household_income="9000", household_size="2")
    response = clerk_client.post(_url("hardship-create", union), data)
    assert "家庭人口（2人）少于登记的家庭成员加本人（3人）" in response.content.decode()
    assert not HardshipFile.objects.exists() and not HardshipFamilyMember.objects.exists()


def test_a_birth_year_out_of_range_is_refused(clerk_client, union):
    family = _family([{"name": "甲", "relation": "parent", "birth_year": "1850"}])
    data = _form(MemberFactory(union=union), family, annual_household_income="9000")
    page = clerk_client.post(_url("hardship-create", union), data).content.decode()
    assert f"出生年份应在1900年至{dt.date.today().year}年之间" in page


def test_a_post_without_the_family_table_leaves_the_family_as_it_is(clerk_client, union):
    file = HardshipFileFactory(union=union)
    HardshipFamilyMemberFactory(file=file)
    data = {
        k: v
        for k, v in _form(file.member, annual_household_income="100").items()
        if not k.startswith("family")
    }
    assert clerk_client.post(_url("hardship-edit", union, file.pk), data).status_code == 302
    assert file.family_members.count() == 1


# --- the union's 低保 line --------------------------------------------------------------


def test_the_admin_sets_the_local_line_and_new_files_and_reviews_start_from_it(
    admin_client, clerk_client, union
):
    response = admin_client.post(
        _url("standard-living-line", union), {"amount": "850", "basis": "市民政局标准"}
    )
    assert response.status_code == 302
    assert local_living_line_amount(union=union) == D("850")
    assert "850.00元/人/月（市民政局标准）" in admin_client.get(_url("standard-list", union)).content.decode()

    form = clerk_client.get(_url("hardship-create", union)).context["form"]
    assert form.initial["local_minimum_living_line"] == D("850")
    file = HardshipFileFactory(union=union, local_minimum_living_line=D("700"))
    review_form = clerk_client.get(_url("hardship-detail", union, file.pk)).context["review_form"]
    assert review_form.initial["local_minimum_living_line"] == D("850")  # this year's standard


def test_a_clerk_may_read_but_not_set_the_local_line(clerk_client, union):
    LocalLivingLineFactory(union=union, amount=D("800"))
    assert clerk_client.post(_url("standard-living-line", union), {"amount": "1"}).status_code == 403
    assert LocalLivingLine.objects.get().amount == D("800")


def test_a_negative_line_is_refused(admin_client, union):
    response = admin_client.post(_url("standard-living-line", union), {"amount": "-1"})
    assert "金额不能为负数。" in response.content.decode()


# --- monthly income per head against the line, and the suggested category --------------


@pytest.mark.parametrize(
    ("facts", "expected", "reason"),
    [
        (
            {"per_head": D("700"), "line": D("800")},
            "deep",
            "家庭月人均收入700.00元，低于当地低保标准800.00元",
        ),
        (
            {"per_head": D("800"), "line": D("800")},
            "relative",
            "不低于当地低保标准800.00元、低于其2倍1,600.00元",
        ),
        ({"per_head": D("1599.99"), "line": D("800")}, "relative", "低于其2倍"),
        ({"per_head": D("1600"), "line": D("800")}, None, "已达当地低保标准的2倍"),
        ({"per_head": D("1000"), "line": D("800"), "zero_employment": True}, "deep", "零就业家庭"),
        ({"per_head": D("1000"), "line": D("800"), "main_cause": "serious_illness"}, "deep", "因病/因残"),
        ({"per_head": D("1000"), "line": D("800"), "main_cause": "no_work_capacity"}, "deep", "无劳动能力"),
        ({"per_head": D("1000"), "line": D("800"), "disability_grade": "1"}, "deep", "重度残疾"),
        ({"per_head": D("1000"), "line": D("800"), "disability_grade": "4"}, "relative", "低于其2倍"),
        (
            {"per_head": D("1000"), "line": D("800"), "family_health": ["healthy", "serious"]},
            "deep",
            "家庭成员",
        ),
        ({"per_head": D("3000"), "line": D("800"), "main_cause": "accident"}, "accident", "遭受意外事故"[2:]),
        ({"per_head": D("500"), "line": D("800"), "main_cause": "natural_disaster"}, "accident", "自然灾害"),
        ({"per_head": D("500"), "line": None}, None, "未填写当地低保标准"),
        ({"per_head": D("500"), "line": None, "zero_employment": True}, "deep", "零就业家庭"),
        ({"per_head": D("1700"), "line": D("800"), "zero_employment": True}, None, "已达当地低保标准的2倍"),
    ],
)
def test_the_category_is_suggested_from_the_facts(facts, expected, reason):
    suggestion = suggest_category(**facts)
    assert suggestion.category == expected
    assert reason in suggestion.reason_text


def test_the_suggestion_reads_the_stored_file_and_its_family():
    file = HardshipFileFactory(
        household_size=2,
        main_cause="laid_off",
        annual_household_income=D("24000"),
        local_minimum_living_line=D("800"),
    )
    assert file.monthly_per_capita_income == D("1000.00")
    assert suggestion_for_file(file).category == HardshipCategory.RELATIVE
    HardshipFamilyMemberFactory(file=file, health="disabled")
    assert suggestion_for_file(file).category == HardshipCategory.DEEP


def test_the_form_suggests_without_saving_and_the_suggestion_is_taken_with_a_click(clerk_client, union):
    member = MemberFactory(union=union)
    data = _form(member, annual_household_income="6000", household_size="1", action="suggest")  # 500/月
    response = clerk_client.post(_url("hardship-create", union), data)
    assert response.status_code == 200 and not HardshipFile.objects.exists()
    page = response.content.decode()
    assert "建议困难类别：深度困难" in page and "低于当地低保标准800.00元" in page
    assert 'value="accept"' in page
    assert response.context["form"]["category"].value() == "relative"  # not changed by itself

    response = clerk_client.post(_url("hardship-create", union), {**data, "action": "accept"})
    assert response.status_code == 200 and not HardshipFile.objects.exists()
    assert response.context["form"]["category"].value() == "deep"
    assert "已采用建议困难类别“深度困难”，尚未保存" in response.content.decode()

    response = clerk_client.post(
        _url("hardship-create", union), {**data, "category": "deep", "action": "save"}
    )
    assert response.status_code == 302
    assert HardshipFile.objects.get().category == "deep"


def test_accept_without_a_suggestion_saves_nothing(clerk_client, union):
    data = _form(
        MemberFactory(union=union), annual_household_income="60000", household_size="1", action="accept"
    )
    response = clerk_client.post(_url("hardship-create", union), data)  # 5000/月: no category fits
    assert response.status_code == 200 and not HardshipFile.objects.exists()
    assert "建议困难类别：暂无建议类别" in response.content.decode()


def test_saving_keeps_the_chosen_category_even_when_another_is_suggested(clerk_client, union):
    data = _form(MemberFactory(union=union), annual_household_income="6000", household_size="1")
    assert clerk_client.post(_url("hardship-create", union), data).status_code == 302
    assert HardshipFile.objects.get().category == "relative"


def test_the_detail_page_offers_the_suggestion_and_takes_it(clerk_client, clerk, union):
    file = HardshipFileFactory(
        union=union,
        category="legacy_general",
        main_cause="laid_off",
        household_size=2,
        annual_household_income=D("24000"),
        local_minimum_living_line=D("800"),
    )
    page = clerk_client.get(_url("hardship-detail", union, file.pk)).content.decode()
    assert "建议困难类别：相对困难" in page and "采用建议：相对困难" in page
    accept = _url("hardship-accept-category", union, file.pk)
    response = clerk_client.post(accept, {"category": "deep"})  # not what the page suggested
    file.refresh_from_db()
    assert file.category == "legacy_general"
    response = clerk_client.post(accept, {"category": "relative"}, follow=True)
    assert "已将困难类别改为“相对困难”。" in response.content.decode()
    file.refresh_from_db()
    assert file.category == "relative"
    change = AuditEntry.objects.for_object(file).filter(action="update").get()
    assert change.changes["category"] == ["legacy_general", "relative"] and change.actor == clerk
    page = clerk_client.get(_url("hardship-detail", union, file.pk)).content.decode()
    assert "（与档案一致）" in page and "采用建议" not in page


def test_read_only_users_see_the_suggestion_but_cannot_take_it(county_client, union):
    file = HardshipFileFactory(union=union, category="deep", local_minimum_living_line=D("800"))
    page = county_client.get(_url("hardship-detail", union, file.pk)).content.decode()
    assert "建议困难类别：" in page and "采用建议" not in page
    assert (
        county_client.post(_url("hardship-accept-category", union, file.pk), {"category": "x"}).status_code
        == 403
    )


# --- the yearly review -------------------------------------------------------------------


def test_a_review_by_source_updates_the_files_sources_and_total(clerk_client, union):
    file = HardshipFileFactory(union=union, wage_income=D("30000"), annual_household_income=D("30000"))
    data = {
        "reviewed_on": "2025-03-01",
        "category": "relative",
        "household_size": "3",
        "annual_household_income": "",
        "wage_income": "20000",
        "transfer_income": "4000",
        "local_minimum_living_line": "800",
        "conclusion": "continue",
    }
    response = clerk_client.post(_url("hardship-review", union, file.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    file.refresh_from_db()
    review = file.reviews.get()
    assert (review.annual_household_income, review.wage_income) == (D("24000"), D("20000"))
    assert (file.annual_household_income, file.wage_income, file.transfer_income) == (
        D("24000"),
        D("20000"),
        D("4000"),
    )


def test_a_review_by_total_alone_clears_a_breakdown_that_no_longer_adds_up(union):
    file = HardshipFileFactory(union=union, wage_income=D("30000"), annual_household_income=D("30000"))
    services.hardship_review(
        file=file,
        reviewed_on=dt.date(2025, 3, 1),
        category="relative",
        household_size=3,
        annual_household_income=D("18000"),
        local_minimum_living_line=None,
        conclusion="continue",
    )
    file.refresh_from_db()
    assert (file.annual_household_income, file.wage_income) == (D("18000"), D("0"))
