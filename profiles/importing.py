"""A unit's year profile from its imported workbook (workbook.importing).

When a federation imports the workbook of a unit off the system, the unit's profile for that
year is filled from the figures the workbook carries: 单位类型 (说明 sheet), 会员 and 女会员,
and — when the unit kept a profile in its own system — 职工, 女职工, the institutions, 职工董事
/监事, 劳动保护监督检查 and 职工技协. What a person entered is never overwritten silently:

- no profile yet, or one that only ever held a workbook's figures → filled (来源“取自导入的年报”,
  with the time);
- a profile a person entered or changed that agrees with the workbook → linked to it, kept;
- one that disagrees → left as it is; the profile page shows the differences and the
  federation's admin chooses: 采用年报数字 (`profile_from_external_report`) or 保留已填写的
  (`profile_keep_entered`). Until then, and after keeping, the profile (and the rates computed
  from it) stays as entered; the roll-up counts the workbook's own figures either way.

A roll-up workbook (汇总表, several units) is no unit's profile and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.registry import log_event
from records.display import moment
from unions.models import Union
from workbook.indicators import BY_KEY, from_text
from workbook.models import ExternalReport
from workbook.profile_figures import PROFILE_FACTS, PROFILE_KEYS

from . import events
from .choices import ProfileSource, UnitKind
from .models import UnionYearProfile

# Profile fields compared with a workbook, in the profile form's order.
COMPARED = ("unit_kind", *PROFILE_KEYS[:3], "members", "women_members", *PROFILE_KEYS[3:])


class Outcome:
    CREATED = "created"  # a new profile from the workbook
    UPDATED = "updated"  # a profile that held only a workbook's figures, refreshed
    SAME = "same"  # a profile a person entered, agreeing with the workbook
    CONFLICT = "conflict"  # a profile a person entered, disagreeing: left for the user
    SKIPPED = "skipped"  # nothing to fill: a roll-up workbook, a void one, a unit on the system
    INVALID = "invalid"  # the workbook's figures break the profile's own checks


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    entered: str
    imported: str


@dataclass(frozen=True)
class SyncResult:
    outcome: str
    profile: UnionYearProfile | None
    differences: tuple[Difference, ...] = ()
    reason: str = ""


def _count(report: ExternalReport, key: str) -> int | None:
    raw = report.values.get(key)
    if raw in (None, ""):
        return None
    try:
        return int(from_text(BY_KEY[key], raw))
    except (ValueError, TypeError, ArithmeticError):
        return None


def report_fields(report: ExternalReport) -> dict[str, Any]:
    """The profile fields `report`'s workbook gives, by field name. A workbook exported without
    a profile has all its profile figures at zero: those are then not given (they would wipe
    what the federation entered), except what the records prove (a congress held means 职代会
    制度, a disclosure 厂务公开)."""
    fields: dict[str, Any] = {}
    if report.unit_kind:
        fields["unit_kind"] = report.unit_kind
    members = _count(report, "members")
    if members is not None:
        fields["members"] = members
        fields["women_members"] = _count(report, "members_women")
    facts = {key: _count(report, key) or 0 for key in PROFILE_KEYS}
    if any(facts.values()):
        for key, value in facts.items():
            fields[key] = bool(value) if key in PROFILE_FACTS else value
    if (_count(report, "congresses") or 0) or (_count(report, "delegates") or 0):
        fields["has_congress"] = True
    if _count(report, "disclosures") or 0:
        fields["has_disclosure"] = True
    return fields


def _shown(profile: UnionYearProfile, field: str, value: Any) -> str:
    if value is None or value == "":
        return "未填"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field == "unit_kind":
        return str(UnitKind(value).label)
    unit = "个" if field in ("joint_units", "tech_associations") else "人"
    return f"{value}{unit}"


def differences(profile: UnionYearProfile, fields: dict[str, Any]) -> list[Difference]:
    """Where `profile` and a workbook's `fields` disagree, in the form's order."""
    found = []
    for name in COMPARED:
        if name not in fields or getattr(profile, name) == fields[name]:
            continue
        label = str(UnionYearProfile._meta.get_field(name).verbose_name).removeprefix("其中：")
        found.append(
            Difference(
                name,
                label,
                _shown(profile, name, getattr(profile, name)),
                _shown(profile, name, fields[name]),
            )
        )
    return found


def _not_a_unit(report: ExternalReport) -> str:
    if report.is_void:
        return "该年报已作废，不能用来填写单位情况。"
    if report.units_included > 1:
        return (
            f"该文件是汇总表（含{report.units_included}个工会），不是一个单位的年报，不能用来填写单位情况。"
        )
    if Union.objects.filter(code=report.source_code).exists():
        return f"代码为“{report.source_code}”的工会已在本系统中使用，其基本情况由该工会自行填报。"
    return ""


def _profile_of(report: ExternalReport) -> UnionYearProfile | None:
    return UnionYearProfile.objects.filter(
        union=report.union, unit_code=report.source_code, year=report.year
    ).first()


def _new_profile(report: ExternalReport, actor: AbstractBaseUser | None) -> UnionYearProfile:
    return UnionYearProfile(
        union=report.union,
        unit_code=report.source_code,
        unit_name=report.source_name,
        year=report.year,
        unit_kind=UnitKind.OTHER,  # until the workbook or the federation says
        created_by=actor,
    )


def _fill(profile: UnionYearProfile, report: ExternalReport, fields: dict[str, Any]) -> UnionYearProfile:
    from .services import save_profile

    for name, value in fields.items():
        setattr(profile, name, value)
    profile.unit_name = report.source_name
    profile.source = ProfileSource.IMPORTED
    profile.external_report = report
    profile.imported_at = timezone.now()
    return save_profile(profile)


def _log(report: ExternalReport, action: str, profile: UnionYearProfile | None, **data: Any) -> None:
    log_event(
        report.union,
        action,
        {
            "profile": profile.pk if profile is not None and profile.pk else None,
            "external_report": report.pk,
            "unit_code": report.source_code,
            "year": report.year,
            **data,
        },
    )


def _differences_logged(found: list[Difference]) -> dict[str, str]:
    return {d.label: f"已填写{d.entered}，年报{d.imported}" for d in found}


def profile_sync_from_report(*, report: ExternalReport, actor: AbstractBaseUser | None) -> SyncResult:
    """What an import does to the unit's profile (see the module's note). Never raises for the
    profile's sake: the import stands whatever happens here."""
    reason = _not_a_unit(report)
    if reason:
        return SyncResult(Outcome.SKIPPED, None, reason=reason)
    fields = report_fields(report)
    profile = _profile_of(report)
    if profile is not None and profile.source != ProfileSource.IMPORTED:
        found = differences(profile, fields)
        if found:
            _log(report, events.IMPORT_CONFLICT, profile, differences=_differences_logged(found))
            return SyncResult(Outcome.CONFLICT, profile, tuple(found))
        profile.external_report = report  # checked against it: nothing to choose
        profile.save(update_fields=["external_report", "updated_at"])
        return SyncResult(Outcome.SAME, profile)
    outcome = Outcome.CREATED if profile is None else Outcome.UPDATED
    candidate = profile or _new_profile(report, actor)
    try:
        with transaction.atomic():
            saved = _fill(candidate, report, fields)
    except ValidationError as exc:
        reason = "年报中的数字不符合单位情况的检查：" + "；".join(exc.messages)
        _log(report, events.IMPORT_REFUSED, profile, reason=reason)
        return SyncResult(Outcome.INVALID, profile, reason=reason)
    _log(report, events.IMPORTED, saved)
    return SyncResult(outcome, saved)


@transaction.atomic
def profile_from_external_report(
    *, report: ExternalReport, actor: AbstractBaseUser | None
) -> UnionYearProfile:
    """The federation's choice: the unit's profile takes the figures `report`'s workbook
    carries, over what was entered (what the workbook does not carry — 建会日期, 职工之家,
    备注 — stays). Raises ValidationError when the report cannot be a unit's profile."""
    reason = _not_a_unit(report)
    if reason:
        raise ValidationError(reason)
    profile = _profile_of(report)
    entered = differences(profile, report_fields(report)) if profile is not None else []
    profile = _fill(profile or _new_profile(report, actor), report, report_fields(report))
    _log(report, events.IMPORTED, profile, **({"replaced": _differences_logged(entered)} if entered else {}))
    return profile


@transaction.atomic
def profile_keep_entered(*, report: ExternalReport, actor: AbstractBaseUser | None) -> UnionYearProfile:
    """The federation's choice: the profile stays as entered, checked against `report` (so its
    differences are no longer shown); the choice and the differences go to the log."""
    profile = _profile_of(report)
    if profile is None or _not_a_unit(report):
        raise ValidationError("该单位没有需要核对的基本情况。")
    found = differences(profile, report_fields(report))
    profile.external_report = report
    profile.save(update_fields=["external_report", "updated_at"])
    _log(report, events.IMPORT_KEPT, profile, differences=_differences_logged(found))
    return profile


# --- reads -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingImport:
    """A live workbook whose figures disagree with the profile a person entered."""

    report: ExternalReport
    profile: UnionYearProfile
    differences: tuple[Difference, ...]


def pending_imports(*, union: Union, year: int) -> list[PendingImport]:
    """The imports of `union` for `year` not yet reconciled with the profile entered by hand."""
    profiles = {
        p.unit_code: p
        for p in UnionYearProfile.objects.filter(union=union, year=year)
        .exclude(unit_code="")
        .exclude(source=ProfileSource.IMPORTED)
    }
    pending = []
    reports = ExternalReport.objects.live().filter(union=union, year=year, units_included=1)
    for report in reports.order_by("source_name", "id"):
        profile = profiles.get(report.source_code)
        if profile is None or profile.external_report_id == report.pk:
            continue
        found = differences(profile, report_fields(report))
        if found:
            pending.append(PendingImport(report, profile, tuple(found)))
    return pending


def report_profile_state(report: ExternalReport) -> str:
    """One sentence on what the import did to the unit's profile, for the report's page."""
    reason = _not_a_unit(report)
    if reason:
        return reason
    profile = _profile_of(report)
    if profile is None:
        return "尚未据此填写该单位的年度基本情况。"
    if profile.external_report_id == report.pk:
        if profile.source == ProfileSource.IMPORTED:
            when = moment(profile.imported_at)
            return "已据此填写该单位的年度基本情况" + (f"（{when}）。" if when else "。")
        return "该单位的年度基本情况由上级工会填写，已与此年报核对。"
    if differences(profile, report_fields(report)):
        return "该单位的年度基本情况由上级工会填写，与此年报不一致，请在“单位年度基本情况”中核对后选择采用哪一方。"
    return "该单位的年度基本情况与此年报一致。"
