"""The demo's two years of records and its draft report. The demo is loaded once per module
(by the command, as `make run` does) inside a transaction rolled back at the end.

The plan tests at the bottom need no database: they draw the plan for chosen dates, so
what depends on the calendar (nothing after today, every kind in both years) is checked
whatever day the tests run on.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models, transaction
from django.utils import timezone

from activities.models import Activity, Honour
from audit.models import AuditEntry
from demo.context import DemoContext
from demo.loader import AUDIT_LABEL, YearPlan, plan_year
from democracy.models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion
from democracy.selectors import contracts_expiring
from funds.models import FundAudit, FundEntry
from funds.selectors import fund_summary
from records.periods import period_for
from reports.document import assemble
from reports.models import Report, ReportStatus
from rights.models import LegalAid, MediationCase, Petition
from unions.models import Union
from welfare.choices import DisbursementStatus as S
from welfare.models import Disbursement, DisbursementBatch, DonationDrive, HardshipFile, HardshipReview
from welfare.selectors import disbursement_totals

# Every kind of record, with the date that places it in a year.
KINDS: dict[type[models.Model], str] = {
    Activity: "start_date",
    Honour: "date",
    HardshipFile: "opened_on",
    HardshipReview: "reviewed_on",
    DisbursementBatch: "date",
    Disbursement: "date",
    DonationDrive: "date",
    Congress: "date",
    Proposal: "submitted_on",
    Disclosure: "date",
    CollectiveContract: "signed_on",
    Suggestion: "date",
    JointMeeting: "date",
    MediationCase: "received_on",
    LegalAid: "date",
    Petition: "date",
    FundEntry: "date",
    FundAudit: "year",
}
# Dates that are not "when it happened": a contract's term runs into the future.
FUTURE_ALLOWED = {(CollectiveContract, "end_date")}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db

CTX = DemoContext()


@pytest.fixture
def factory():
    return Union.objects.get(code="demo")


def _year_of(record: models.Model, field: str) -> int:
    value = getattr(record, field)
    return value if isinstance(value, int) else value.year


def _per_year(model: type[models.Model], field: str, union: Union) -> Counter:
    return Counter(_year_of(r, field) for r in model.objects.filter(union=union))


def test_the_command_reports_the_records(demo):
    assert "工作记录" in demo
    assert f"{CTX.year}年度工作总结草稿" in demo


def test_every_kind_of_record_is_kept_for_the_last_complete_year(factory):
    missing = [m.__name__ for m, field in KINDS.items() if not _per_year(m, field, factory)[CTX.year]]
    assert missing == []


def test_the_current_year_holds_what_has_happened_so_far(factory):
    """Stored as planned for both years; the plan tests below show that a late-year plan
    has every kind in the current year too."""
    plan = plan_year(CTX)
    planned = {
        Activity: Counter(a.start_date.year for a in plan.activities if a.union_code == "demo"),
        Proposal: Counter(p.submitted_on.year for p in plan.democracy.proposals),
        Suggestion: Counter(s.date.year for s in plan.democracy.suggestions),
        FundEntry: Counter(e.date.year for f in plan.funds if f.union_code == "demo" for e in f.entries),
        MediationCase: Counter(m.received_on.year for m in plan.rights.mediations),
    }
    for model, counts in planned.items():
        assert _per_year(model, KINDS[model], factory) == counts, model.__name__
    stored = _per_year(Disbursement, "date", factory)
    assert stored[CTX.current_year] > 0


def test_no_record_is_dated_after_today():
    today = dt.date.today()
    for model in KINDS:
        for field in model._meta.get_fields():
            if not isinstance(field, models.DateField) or (model, field.name) in FUTURE_ALLOWED:
                continue
            if isinstance(field, models.DateTimeField):
                continue
            late = model.objects.filter(**{f"{field.name}__gt": today})
            assert not late.exists(), f"{model.__name__}.{field.name}: {late.first()}"


def test_every_record_passes_model_validation():
    for model in KINDS:
        related = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey)
            and f.name not in ("submitted_by", "approved_by", "rejected_by", "paid_by")
        ]
        records = model.objects.select_related(*related)
        if model is Disbursement:
            # A batch's records differ only in their recipient (the service checks each with
            # clean()); full validation of a few per batch keeps this test quick.
            sample = [
                pk
                for batch in DisbursementBatch.objects.all()
                for pk in batch.disbursements.values_list("pk", flat=True)[:3]
            ]
            records = records.filter(models.Q(batch__isnull=True) | models.Q(pk__in=sample))
        for record in records:
            record.full_clean()


def test_the_welfare_workflow_states_are_consistent():
    users = {u.username: u.pk for u in get_user_model().objects.all()}
    staff = {
        "demo": (users["clerk"], users["leader"]),
        "demo-hospital": (users["yy-clerk"], users["yy-leader"]),
    }
    records = list(Disbursement.objects.select_related("union"))
    statuses = Counter((r.union.code, r.status) for r in records)
    assert statuses[("demo", S.PAID)] >= 300
    assert 1 <= statuses[("demo", S.SUBMITTED)] <= 8
    assert statuses[("demo", S.REJECTED)] == 1
    assert statuses[("demo", S.DRAFT)] == 0
    for r in records:
        clerk, leader = staff[r.union.code]
        assert r.submitted_by_id == clerk and r.submitted_at is not None
        if r.status == S.PAID:
            assert r.paid_on is not None and r.date <= r.paid_on <= dt.date.today()
            assert r.approved_by_id == leader and r.paid_by_id == clerk
            assert timezone.localdate(r.approved_at) <= r.paid_on
            assert r.submitted_at <= r.approved_at
        elif r.status == S.REJECTED:
            assert r.reject_reason and r.rejected_by_id == leader and r.rejected_at is not None
            assert r.date.year == CTX.current_year
            assert r.approved_by_id is None and r.paid_on is None
        else:
            assert r.status in (S.SUBMITTED, S.APPROVED)
            assert r.paid_on is None
    assert all(r.status == S.PAID for r in records if r.date.year == CTX.year)


def test_batches_go_to_the_members_on_the_roster_that_day(factory):
    spring = DisbursementBatch.objects.get(union=factory, title=f"{CTX.year}年春节慰问")
    recipients = spring.disbursements.count()
    assert 260 <= recipients <= 310
    assert not spring.disbursements.filter(member__joined_on__gt=spring.date).exists()
    assert not spring.disbursements.filter(member__status_date__lte=spring.date).exists()
    assert spring.disbursements.filter(hardship_file__isnull=False).exists()


def test_hardship_files_open_close_and_are_reviewed(factory):
    files = HardshipFile.objects.filter(union=factory)
    assert 8 <= files.count() <= 15
    assert files.filter(status="closed", closed_on__year=CTX.year).exists()
    assert files.filter(status="open").count() >= 5
    for file in files.filter(status="closed"):
        assert file.reviews.filter(conclusion="close", reviewed_on=file.closed_on).exists()
    assert len({f.category for f in files}) >= 3


def test_the_year_is_audited_under_the_staff_who_did_it(factory):
    labels = set(AuditEntry.objects.values_list("actor_label", flat=True))
    assert labels <= {AUDIT_LABEL, "clerk", "leader", "yy-clerk", "yy-leader", "county"}
    activity = Activity.objects.filter(union=factory).first()
    created = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Activity), object_id=str(activity.pk), action="create"
    )
    assert created.actor_label == "clerk"
    approvals = AuditEntry.objects.filter(union=factory, action="welfare.disbursement.approved")
    assert approvals.count() >= 300
    assert set(approvals.values_list("actor_label", flat=True)) == {"leader"}


def test_the_renewal_warning_has_a_contract():
    expiring = contracts_expiring(union=Union.objects.get(code="demo"), today=dt.date.today())
    assert expiring
    assert all(0 <= e.days_left <= 90 for e in expiring)


def test_the_figures_are_plausible_for_a_300_member_union(factory):
    period = period_for(factory, CTX.year)
    activities = Activity.objects.filter(union=factory, start_date__year=CTX.year)
    assert 30 <= activities.count() <= 60
    assert len(set(activities.values_list("category", flat=True))) >= 9
    assert activities.filter(members__isnull=False).exists()
    welfare = disbursement_totals(union=factory, period=period)
    assert Decimal("100000") <= welfare.total <= Decimal("450000")
    funds = fund_summary(union=factory, period=period)
    assert Decimal("200000") <= funds.income_total <= Decimal("1000000")
    assert abs(funds.balance) <= funds.income_total * Decimal("0.15")
    assert 10 <= Proposal.objects.filter(union=factory, submitted_on__year=CTX.year).count() <= 20
    assert 15 <= Suggestion.objects.filter(union=factory, date__year=CTX.year).count() <= 40
    hospital = Union.objects.get(code="demo-hospital")
    assert Activity.objects.filter(union=hospital, start_date__year=CTX.year).count() >= 10
    assert Disbursement.objects.filter(union=hospital, date__year=CTX.year).count() >= 10
    hospital_funds = fund_summary(union=hospital, period=period_for(hospital, CTX.year))
    assert Decimal("0") < hospital_funds.balance <= hospital_funds.income_total * Decimal("0.15")


def test_the_draft_report_reads_like_a_summary(factory):
    report = Report.objects.get(union=factory, year=CTX.year, status=ReportStatus.DRAFT)
    document = assemble(report)
    assert len(document.sections) >= 8
    for section in document.sections:
        text = "".join(b["text"] for b in section.blocks)
        assert text.strip(), section.key
        assert "【" not in text, section.key  # every figure token was filled
    by_key = {s.key: s for s in document.sections}
    assert by_key["problems"].blocks[0]["text"].startswith("一是工会干部队伍力量不足")
    assert "农民工会员【" not in by_key["problems"].blocks[1]["text"]
    assert f"{CTX.year + 1}年" in by_key["plans"].blocks[0]["text"]
    assert document.closing


@pytest.mark.slow
def test_the_report_prints_to_a_sensible_number_of_pages(factory):
    import pypdf

    from reports.services import render_report_pdf

    pdf = render_report_pdf(Report.objects.get(union=factory, year=CTX.year))
    assert 6 <= len(pypdf.PdfReader(io.BytesIO(pdf)).pages) <= 20


def test_stored_records_match_the_plan(factory):
    plan = plan_year(CTX)
    titles = list(
        Activity.objects.filter(union=factory).order_by("start_date", "title").values_list("title", flat=True)
    )
    assert titles == [a.title for a in plan.activities if a.union_code == "demo"]
    stored = sorted(
        (d.date, d.cash_amount + d.goods_value)
        for d in Disbursement.objects.filter(union=factory, batch__isnull=True)
    )
    planned = sorted((g.date, g.cash + g.goods_value) for g in plan.welfare.grants if g.union_code == "demo")
    assert stored == planned


# --- the plan, without the database ---------------------------------------------------------


def test_two_generations_are_the_same():
    first, second = plan_year(DemoContext()), plan_year(DemoContext())
    assert first == second
    assert [a.title for a in first.activities] == [a.title for a in second.activities]
    assert [g.cash for g in first.welfare.grants] == [g.cash for g in second.welfare.grants]


def _dates(plan: YearPlan) -> list[tuple[str, dt.date]]:
    found = []

    def walk(name: str, value: object) -> None:
        if isinstance(value, dt.date):
            found.append((name, value))
        elif isinstance(value, tuple):
            for item in value:
                walk(name, item)
        elif hasattr(value, "__dataclass_fields__"):
            for key in value.__dataclass_fields__:
                if key != "end_date" or type(value).__name__ == "ActivityPlan":
                    walk(f"{type(value).__name__}.{key}", getattr(value, key))

    walk("plan", plan)
    assert len(found) > 300  # the walk reached the records
    return found


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2026, 1, 2),
        dt.date(2026, 2, 20),
        dt.date(2027, 6, 30),
        dt.date(2026, 11, 24),
        dt.date(2028, 12, 31),
    ],
)
def test_a_plan_never_reaches_past_its_today(today):
    plan = plan_year(DemoContext(today=today))
    late = [(name, day) for name, day in _dates(plan) if day > today]
    assert late == []


def test_a_late_year_plan_has_every_kind_in_both_years():
    ctx = DemoContext(today=dt.date(2026, 11, 24))
    plan = plan_year(ctx)
    w, d, r = plan.welfare, plan.democracy, plan.rights
    kinds = {
        "activities": [a.start_date for a in plan.activities if a.union_code == "demo"],
        "honours": [h.date for h in plan.honours],
        "batches": [b.date for b in w.batches],
        "grants": [g.date for g in w.grants],
        "reviews": [rv.reviewed_on for f in w.files for rv in f.reviews],
        "files": [f.opened_on for f in w.files],
        "donations": [x.date for x in w.donations],
        "congresses": [c.date for c in d.congresses],
        "proposals": [p.submitted_on for p in d.proposals],
        "disclosures": [x.date for x in d.disclosures],
        "contracts": [c.signed_on for c in d.contracts],
        "suggestions": [s.date for s in d.suggestions],
        "meetings": [m.date for m in d.meetings],
        "mediations": [m.received_on for m in r.mediations],
        "legal aid": [a.date for a in r.legal_aid],
        "petitions": [p.date for p in r.petitions],
        "fund entries": [e.date for f in plan.funds for e in f.entries if f.union_code == "demo"],
        "audits": [dt.date(a.year, 1, 1) for f in plan.funds for a in f.audits],
    }
    for kind, days in kinds.items():
        years = {day.year for day in days}
        assert {2025, 2026} <= years, kind


def test_the_committee_was_re_elected_in_the_demo_year(factory):
    from members.cadres import cadre_figures
    from members.models import Cadre
    from records.periods import period_for

    for cadre in Cadre.objects.filter(union=factory).select_related("member", "union"):
        cadre.full_clean()
    figures = cadre_figures(union=factory, period=period_for(factory, CTX.year))
    assert figures.new_terms == ("第五届",)
    assert figures.total >= 10 and figures.full_time >= 2 and figures.women >= 1
    report = Report.objects.get(union=factory, year=CTX.year, status=ReportStatus.DRAFT)
    organisation = next(s for s in assemble(report).sections if s.key == "organisation")
    assert any("第五届工会委员会换届选举" in b["text"] for b in organisation.blocks)


def test_the_chairman_can_sign_the_summary(factory, monkeypatch):
    """Read end to end before signing (issue #10): no figure stated twice, no empty comparison,
    no complete list ending in 等, no marker left, no "活动等活动"."""
    import re

    from democracy.selectors import congress_summary
    from reports import document as assembly
    from reports.document import section_figures
    from reports.stating import Stated

    registries: list[Stated] = []

    class Watched(Stated):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            registries.append(self)

    monkeypatch.setattr(assembly, "Stated", Watched)
    report = Report.objects.get(union=factory, year=CTX.year, status=ReportStatus.DRAFT)
    document = assemble(report)
    body = "\n".join(b["text"] for s in document.sections for b in s.blocks)
    text = "\n".join([*document.opening, body, *document.closing])
    assert "【" not in text
    assert not re.search(r"(比上年|同比)[，。；]", text)
    assert "等等" not in text and "活动等活动" not in text and "活动活动" not in text
    assert "0人次" not in re.sub(r"\d0人次", "", text)

    # Each figure is stated once in the whole document, opening included: a later part
    # leaves it out or refers back (reports/stating.py).
    (stated,) = registries
    assert [label for label, n in stated.told.items() if n > 1] == []
    ctx, figures = section_figures(report)
    assert text.count(f"女会员{figures['organisation']['女会员'].text}") == 1
    # Sums of money are not restated either (the funds section refers to the welfare total);
    # an amount shows as often as distinct figures happen to have it (2.54万元 recovered in
    # disputes and 2.54万元 spent on check-ups are two figures).
    everything = {label: f for figs in figures.values() for label, f in figs.items()}
    equal_sums = Counter(f.text for f in everything.values() if f.text.endswith("万元"))
    sums = Counter(re.findall(r"\d+(?:\.\d+)?万元", text))
    assert [amount for amount, n in sums.items() if n > max(1, equal_sums[amount])] == []
    # The opening states the year's headline figures; the document ends with a closing.
    assert "本会新发展会员" in document.opening[0] and "各类活动" in document.opening[0]
    assert document.closing

    # A list ends in 等 only when records were left out of it.
    everything = {label: f for figs in figures.values() for label, f in figs.items()}
    for label, figure in everything.items():
        if isinstance(figure.value, str) and figure.value.endswith("等"):
            shown = len(figure.value.removesuffix("等").split("、"))
            total = {"公开内容": "公开事项", "捐款名称": "捐款活动"}.get(label, label.replace("名称", "次数"))
            if label == "审议事项":
                assert len(congress_summary(union=factory, period=ctx.period).items) > shown
            else:
                assert everything[total].value > shown, label
    complete = [
        f.value
        for f in everything.values()
        if isinstance(f.value, str) and f.value and not f.value.endswith("等")
    ]
    for listed in complete:
        assert f"{listed}等" not in text, listed


def test_hardship_files_carry_the_archives_facts(factory):
    """Issue #13: income by source adding up to the total, housing, health, insurance, the
    household's other members, and the union's local 低保 line."""
    from welfare.living_line import local_living_line_amount
    from welfare.models import HardshipFile

    files = list(HardshipFile.objects.filter(union=factory).prefetch_related("family_members"))
    assert files
    for file in files:
        file.full_clean()
        assert file.has_income_sources and file.income_sources_total == file.annual_household_income
        assert file.housing and file.health and file.medical_insurance
        assert len(file.family_members.all()) == file.household_size - 1
    assert (
        local_living_line_amount(union=factory)
        == max(files, key=lambda f: f.opened_on).local_minimum_living_line
    )
