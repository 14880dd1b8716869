"""`manage.py generate_load_data` at a small scale: counts, valid values, refusal, audit."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from activities.models import Activity, Honour
from audit.models import AuditEntry
from demo.load_data import EVENT_ACTION, count_rows
from democracy.models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion
from funds.models import FundAudit, FundEntry
from members.id_numbers import parse
from members.models import Member
from rights.models import LegalAid, MediationCase, Petition
from tests.factories import UnionFactory
from unions.models import Branch, Union, UnionLevel, UnionRole
from welfare.choices import DisbursementStatus, HardshipStatus
from welfare.models import (
    Disbursement,
    DisbursementBatch,
    DonationDrive,
    HardshipFile,
    HardshipReview,
)

pytestmark = pytest.mark.django_db

CODE = "loadtest"
YEAR = 2024


def _generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_load_data", "--union", CODE, "--year", str(YEAR), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded() -> Union:
    _generate("--members", "500")
    return Union.objects.get(code=CODE)


def test_it_creates_the_union_and_proportional_records(loaded):
    counts = count_rows(loaded)
    assert loaded.name == "压力测试集团工会"
    assert counts["members"] == 500
    # 20,000 / 3,000 / 5,000 per 50,000 members, scaled to 500.
    assert counts["disbursements"] == 200
    assert counts["hardship_files"] == 30
    assert counts["activities"] == 50
    assert Branch.objects.filter(union=loaded).count() == 2
    for key in ("congresses", "proposals", "disclosures", "contracts", "suggestions", "joint_meetings",
                "mediation_cases", "legal_aid", "petitions", "fund_entries", "honours", "donation_drives"):  # fmt: skip
        assert 1 <= counts[key] <= 12, key
    assert set(UnionRole.objects.filter(union=loaded).values_list("role", flat=True)) == {
        "clerk",
        "leader",
        "admin",
    }


def test_it_prints_counts_and_time():
    output = _generate("--members", "500")
    assert "会员：500" in output
    assert "帮扶慰问发放：200" in output
    assert "用时" in output


def test_it_places_a_new_union_under_the_demo_county():
    county = UnionFactory(code="demo-county", name="青山县总工会", level=UnionLevel.COUNTY)
    _generate("--members", "50")
    assert Union.objects.get(code=CODE).parent == county


def test_id_numbers_are_valid_unique_and_agree_with_gender_and_birth(loaded):
    rows = list(Member.objects.filter(union=loaded).values_list("id_number", "gender", "birth_date"))
    assert len({number for number, _, _ in rows}) == len(rows) == 500
    for number, gender, birth in rows:
        resident = parse(number)
        assert (resident.gender, resident.birth_date) == (gender, birth)


def test_records_lie_in_the_year_and_the_year_before(loaded):
    start, end = dt.date(YEAR - 1, 1, 1), dt.date(YEAR, 12, 31)
    for model, field in ((Disbursement, "date"), (Activity, "start_date"), (HardshipFile, "opened_on"),
                         (FundEntry, "date"), (Petition, "date")):  # fmt: skip
        dates = model.objects.filter(union=loaded).values_list(field, flat=True)
        assert dates and all(start <= day <= end for day in dates), model
    years = {d.year for d in Disbursement.objects.filter(union=loaded).values_list("date", flat=True)}
    assert years == {YEAR - 1, YEAR}


MODELS = (
    Member, HardshipFile, HardshipReview, DisbursementBatch, Disbursement, DonationDrive, Activity, Honour,
    Congress, Proposal, Disclosure, CollectiveContract, Suggestion, JointMeeting, MediationCase, LegalAid,
    Petition, FundEntry, FundAudit,
)  # fmt: skip


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_sample_of_every_kind_passes_full_clean(loaded, model):
    # full_clean() checks the open-file rule of hardship files against the database, so
    # it sees the generated rows around the sample too.
    sample = list(model.objects.filter(union=loaded).order_by("?")[:25])
    assert sample
    for obj in sample:
        obj.full_clean()


def test_the_workflow_fields_match_each_disbursement_status(loaded):
    rows = Disbursement.objects.filter(union=loaded)
    counted = rows.filter(status__in=[DisbursementStatus.APPROVED, DisbursementStatus.PAID])
    assert rows.filter(status=DisbursementStatus.PAID).count() > rows.count() // 2
    assert not counted.filter(Q(approved_by=None) | Q(approved_at=None) | Q(submitted_by=None)).exists()
    paid = rows.filter(status=DisbursementStatus.PAID)
    assert not paid.filter(Q(paid_on=None) | Q(paid_by=None) | Q(paid_on__lt=F("date"))).exists()
    assert not rows.filter(status=DisbursementStatus.REJECTED, reject_reason="").exists()
    assert rows.values("kind").distinct().count() >= 8
    assert not rows.filter(hardship_file__isnull=False).exclude(hardship_file__member=F("member")).exists()


def test_table_wide_rules_hold(loaded):
    assert not Activity.objects.filter(women_participants__gt=F("participants")).exists()
    assert not Activity.objects.filter(end_date__lt=F("start_date")).exists()
    assert not CollectiveContract.objects.filter(end_date__lte=F("start_date")).exists()
    assert not Congress.objects.filter(delegates_present__gt=F("delegates_total")).exists()
    open_files = (
        HardshipFile.objects.filter(status=HardshipStatus.OPEN)
        .values("member")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not open_files.exists()


def test_it_refuses_a_second_run_without_append(loaded):
    before = count_rows(loaded)
    with pytest.raises(CommandError, match="--append"):
        _generate("--members", "500")
    assert count_rows(loaded) == before


def test_append_adds_to_the_union(loaded):
    _generate("--members", "100", "--append", "--seed", "7")
    counts = count_rows(loaded)
    assert counts["members"] == 600
    assert counts["disbursements"] == 240
    numbers = Member.objects.filter(union=loaded).values_list("id_number", flat=True)
    assert len(set(numbers)) == 600
    assert AuditEntry.objects.filter(action=EVENT_ACTION, union=loaded).count() == 2


def test_it_writes_one_summary_audit_event_not_one_per_row(loaded):
    event = AuditEntry.objects.get(action=EVENT_ACTION)
    assert event.union_id == loaded.pk
    assert event.changes["counts"]["members"] == 500
    assert event.changes["counts"]["disbursements"] == 200
    member_type = ContentType.objects.get_for_model(Member)
    assert not AuditEntry.objects.filter(content_type=member_type).exists()
    assert AuditEntry.objects.count() < 20  # the event, the union, its accounts and roles
