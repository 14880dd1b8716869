"""困难职工档案: entry and validation, per-capita income, one open file per member, yearly review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from tests.factories import MemberFactory
from tests.welfare.factories import HardshipFileFactory
from welfare import services
from welfare.choices import HardshipStatus
from welfare.errors import WorkflowError
from welfare.models import HardshipFile, HardshipReview, monthly_per_capita

pytestmark = pytest.mark.django_db


def _url(name: str, union, *args) -> str:
    return reverse(f"welfare:{name}", args=[union.code, *args])


def _form(member, **overrides) -> dict:
    data = {
        "member": member.pk,
        "category": "deep",
        "main_cause": "serious_illness",
        "other_cause_1": "",
        "other_cause_2": "",
        "other_cause_3": "",
        "household_size": "3",
        "annual_household_income": "10000",
        "local_minimum_living_line": "",
        "status": "open",
        "opened_on": "2025-02-01",
        "closed_on": "",
        "last_reviewed_on": "",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("income", "size", "expected"),
    [
        ("36000", 3, "1000.00"),
        ("10000", 3, "277.78"),  # 277.777… rounds half up to the cent
        ("10000.00", 1, "833.33"),
        ("0", 4, "0.00"),
        ("12345.67", 2, "514.40"),  # 514.4029…
    ],
)
def test_monthly_per_capita_income_is_income_over_size_over_twelve(income, size, expected):
    assert monthly_per_capita(Decimal(income), size) == Decimal(expected)
    file = HardshipFile(annual_household_income=Decimal(income), household_size=size)
    assert file.monthly_per_capita_income == Decimal(expected)


def test_the_minimum_living_line_flag():
    file = HardshipFile(annual_household_income=Decimal("10000"), household_size=3)
    assert file.below_minimum_living_line is None  # no line recorded
    file.local_minimum_living_line = Decimal("800")
    assert file.below_minimum_living_line is True  # 277.78 < 800
    file.local_minimum_living_line = Decimal("277.78")
    assert file.below_minimum_living_line is False
    file.local_minimum_living_line = Decimal("277.79")
    assert file.below_minimum_living_line is True


def test_a_clerk_opens_a_file_and_the_list_shows_per_capita_income(clerk_client, union):
    member = MemberFactory(union=union, name="孙困难")
    response = clerk_client.post(
        _url("hardship-create", union),
        _form(member, local_minimum_living_line="800", other_cause_2="schooling", other_cause_3="uninsured"),
    )
    assert response.status_code == 302
    file = HardshipFile.objects.get()
    # The other causes close up, so the first one is always filled first.
    assert (file.other_cause_1, file.other_cause_2, file.other_cause_3) == ("schooling", "uninsured", "")
    assert file.causes_display == "重特大疾病、子女上学、未参保"
    page = clerk_client.get(_url("hardship-list", union)).content.decode()
    assert "孙困难" in page and "277.78" in page and "深度困难" in page
    assert member.id_number not in page and member.masked_id_number not in page


def test_validation_messages(clerk_client, union):
    member = MemberFactory(union=union)

    def errors_for(**data) -> str:
        response = clerk_client.post(_url("hardship-create", union), _form(member, **data))
        assert response.status_code == 200
        return response.content.decode()

    assert "家庭人口至少为1人。" in errors_for(household_size="0")
    assert "其他致困原因不能与主要致困原因相同。" in errors_for(other_cause_1="serious_illness")
    assert "其他致困原因不能重复。" in errors_for(other_cause_1="schooling", other_cause_3="schooling")
    assert "档案状态为脱困时，请填写脱困日期。" in errors_for(status="closed")
    assert "脱困日期不能早于建档日期。" in errors_for(status="closed", closed_on="2025-01-01")
    assert "在档的档案不应有脱困日期" in errors_for(closed_on="2025-06-01")
    assert "金额不能为负数。" in errors_for(annual_household_income="-1")
    assert not HardshipFile.objects.exists()


def test_one_open_file_per_member(clerk_client, union):
    member = MemberFactory(union=union)
    first = HardshipFileFactory(union=union, member=member, opened_on=dt.date(2023, 5, 1))
    response = clerk_client.post(_url("hardship-create", union), _form(member))
    assert response.status_code == 200
    assert "该会员已有在档的困难职工档案（2023-05-01建档），不能重复建档" in response.content.decode()
    assert HardshipFile.objects.count() == 1
    # The service refuses too, and the database would as well.
    with pytest.raises(ValidationError, match="不能重复建档"):
        services.hardship_file_create(
            union=union,
            member=member,
            category="deep",
            main_cause="laid_off",
            household_size=2,
            annual_household_income=Decimal("1"),
            opened_on=dt.date(2025, 1, 1),
        )

    # Once the first file is closed, the member may be filed again.
    first.status, first.closed_on = HardshipStatus.CLOSED, dt.date(2024, 12, 31)
    first.save()
    response = clerk_client.post(_url("hardship-create", union), _form(member))
    assert response.status_code == 302
    assert HardshipFile.objects.filter(member=member, status="open").count() == 1


def test_a_voided_file_cannot_be_restored_over_a_newer_open_one(clerk_client, union):
    member = MemberFactory(union=union)
    old = HardshipFileFactory(union=union, member=member)
    clerk_client.post(_url("hardship-void", union, old.pk), {"reason": "建错档"})
    old.refresh_from_db()
    assert old.is_void
    HardshipFileFactory(union=union, member=member)
    response = clerk_client.post(_url("hardship-void", union, old.pk), follow=True)
    assert "不能重复建档" in " ".join(str(m) for m in response.context["messages"])
    old.refresh_from_db()
    assert old.is_void


def test_the_member_of_a_file_cannot_change(clerk_client, union):
    file = HardshipFileFactory(union=union)
    other = MemberFactory(union=union)
    response = clerk_client.post(
        _url("hardship-edit", union, file.pk), _form(other, household_size="5", opened_on="2024-03-01")
    )
    assert response.status_code == 302
    file.refresh_from_db()
    assert (file.member_id, file.household_size) == (file.member_id, 5)
    assert file.member != other
    with pytest.raises(WorkflowError, match="会员不能更改"):
        services.hardship_file_update(file=file, member=other)


def _review(**overrides) -> dict:
    data = {
        "reviewed_on": "2025-03-10",
        "category": "relative",
        "household_size": "4",
        "annual_household_income": "30000",
        "local_minimum_living_line": "700",
        "conclusion": "continue",
        "notes": "入户核实",
    }
    data.update(overrides)
    return data


def test_yearly_reviews_update_the_file_and_keep_the_history(clerk_client, union):
    file = HardshipFileFactory(
        union=union,
        opened_on=dt.date(2024, 3, 1),
        category="deep",
        household_size=3,
        annual_household_income=Decimal("12000"),
    )
    detail = clerk_client.get(_url("hardship-detail", union, file.pk)).content.decode()
    assert "年度复核" in detail and 'value="12000.00"' in detail  # the form starts from the file's figures

    response = clerk_client.post(_url("hardship-review", union, file.pk), _review())
    assert response.status_code == 302
    file.refresh_from_db()
    assert (file.category, file.household_size, file.annual_household_income, file.status) == (
        "relative",
        4,
        Decimal("30000.00"),
        "open",
    )
    assert file.last_reviewed_on == dt.date(2025, 3, 10)
    assert file.monthly_per_capita_income == Decimal("625.00")
    assert file.below_minimum_living_line is True

    # A review dated before the last one is refused.
    response = clerk_client.post(_url("hardship-review", union, file.pk), _review(reviewed_on="2025-01-01"))
    assert "复核日期不能早于上次复核日期（2025-03-10）。" in response.content.decode()

    # The next year's review finds the household out of hardship: the file closes that day.
    clerk_client.post(
        _url("hardship-review", union, file.pk),
        _review(
            reviewed_on="2026-03-05", annual_household_income="90000", conclusion="close", notes="子女就业"
        ),
    )
    file.refresh_from_db()
    assert (file.status, file.closed_on, file.annual_household_income) == (
        "closed",
        dt.date(2026, 3, 5),
        Decimal("90000.00"),
    )

    reviews = list(HardshipReview.objects.filter(file=file).order_by("reviewed_on"))
    assert [(r.reviewed_on, r.annual_household_income, r.conclusion) for r in reviews] == [
        (dt.date(2025, 3, 10), Decimal("30000.00"), "continue"),
        (dt.date(2026, 3, 5), Decimal("90000.00"), "close"),
    ]
    page = clerk_client.get(_url("hardship-detail", union, file.pk)).content.decode()
    assert "2025-03-10" in page and "2026-03-05" in page and "子女就业" in page and "入户核实" in page
    assert AuditEntry.objects.for_object(file).filter(action="welfare.hardship.reviewed").count() == 2

    # A closed file is not reviewed again.
    response = clerk_client.post(
        _url("hardship-review", union, file.pk), _review(reviewed_on="2026-06-01"), follow=True
    )
    assert "只有在档的档案可以复核。" in " ".join(str(m) for m in response.context["messages"])
    assert HardshipReview.objects.filter(file=file).count() == 2


def test_a_review_cannot_predate_the_file(clerk_client, union):
    file = HardshipFileFactory(union=union, opened_on=dt.date(2025, 2, 1))
    response = clerk_client.post(_url("hardship-review", union, file.pk), _review(reviewed_on="2025-01-15"))
    assert response.status_code == 200
    assert "复核日期不能早于建档日期。" in response.content.decode()
    assert not HardshipReview.objects.exists()


def test_read_only_users_cannot_review(county_client, union):
    file = HardshipFileFactory(union=union)
    assert county_client.post(_url("hardship-review", union, file.pk), _review()).status_code == 403
    assert not HardshipReview.objects.exists()
