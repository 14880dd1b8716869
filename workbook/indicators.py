"""The statistical indicators (统计指标) a union reports to its higher-level union.

One fixed list of (key, label, unit), grouped by the tables of the statistics return
(《基层工会调查表》, see `workbook.codes`, which gives each its numeric code), and one
function that computes them for a union and a period from the same selector calls the
annual report's sections make, so the workbook and the report cannot disagree. The list is
fixed (every welfare type and hardship category, even when zero) so that roll-ups and
imported workbooks line up key by key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from activities.choices import ActivityCategory
from activities.selectors import activities_by_category, activity_totals
from democracy.choices import ContractKind
from democracy.selectors import (
    congress_summary,
    contract_summary,
    disclosure_counts,
    joint_meeting_count,
    proposal_counts,
    suggestion_summary,
)
from funds.choices import INCOME_CATEGORIES, SPENDING_CATEGORIES, WELFARE_LINE_KEY, WELFARE_LINE_LABEL
from funds.selectors import fund_summary
from members.cadres import cadre_figures
from members.selectors import membership_figures
from records.memo import figures_scope
from records.periods import Period
from rights.selectors import rights_summary
from unions.models import Union
from welfare.choices import DisbursementKind, HardshipCategory
from welfare.selectors import (
    disbursement_totals,
    disbursement_totals_by_type,
    donation_totals,
    hardship_file_counts,
)

from .codes import CODE_OF, TABLE_OF, TABLES
from .profile_figures import profile_figures

MONEY_UNIT = "元"
CENT = Decimal("0.01")
Value = int | Decimal


@dataclass(frozen=True)
class IndicatorDef:
    key: str  # stable identifier, used by the roll-up, the digest and stored imports
    label: str
    unit: str  # 人, 人次, 次, 件, 户, 份, 项, 条, 个, 名, 元
    group: str  # the table of the return (workbook.codes)

    @property
    def code(self) -> str:
        """The numeric code the return prints (and an import reads)."""
        return CODE_OF[self.key]

    @property
    def is_money(self) -> bool:
        return self.unit == MONEY_UNIT

    @property
    def zero(self) -> Value:
        return Decimal("0.00") if self.is_money else 0


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    group: str
    value: Value

    @property
    def is_money(self) -> bool:
        return self.unit == MONEY_UNIT

    @property
    def code(self) -> str:
        return CODE_OF[self.key]


ORGANISATION = "组织建设"
DEMOCRACY = "民主管理"
COMPETITION = "劳动竞赛与职工活动"
WELFARE = "帮扶救助"
RIGHTS = "维护职工权益"
FUNDS = "经费收支"


def _definitions() -> list[IndicatorDef]:
    d = IndicatorDef
    defs = [
        # From the union's year profile (profiles app): 1 or 0 for one union, units for a sum.
        d("workers", "职工人数", "人", ORGANISATION),
        d("women_workers", "其中：女职工", "人", ORGANISATION),
        d("joint_units", "联合基层工会覆盖单位", "个", ORGANISATION),
        d("has_women_committee", "建立女职工委员会的单位", "个", ORGANISATION),
        d("has_congress", "建立职代会制度的单位", "个", DEMOCRACY),
        d("has_disclosure", "实行厂务公开制度的单位", "个", DEMOCRACY),
        d("has_mediation_committee", "建立劳动争议调解委员会的单位", "个", RIGHTS),
        d("has_audit_committee", "建立经费审查组织的单位", "个", FUNDS),
        d("members", "会员人数", "人", ORGANISATION),
        d("members_women", "其中：女会员", "人", ORGANISATION),
        d("members_migrant", "其中：农民工会员", "人", ORGANISATION),
        d("members_joined", "本年新发展会员", "人", ORGANISATION),
        d("members_left", "本年减少会员", "人", ORGANISATION),
        d("model_workers", "劳动模范", "人", ORGANISATION),
        d("branches", "分会（工会小组）", "个", ORGANISATION),
        d("cadres", "工会干部", "人", ORGANISATION),
        d("cadres_full_time", "其中：专职工会干部", "人", ORGANISATION),
        d("cadres_part_time", "其中：兼职工会干部", "人", ORGANISATION),
        d("congresses", "召开职工代表大会", "次", DEMOCRACY),
        d("delegates", "职工代表", "名", DEMOCRACY),
        d("delegates_women", "其中：女代表", "名", DEMOCRACY),
        d("proposals", "收到提案", "件", DEMOCRACY),
        d("proposals_accepted", "立案", "件", DEMOCRACY),
        d("proposals_closed", "办结", "件", DEMOCRACY),
        d("disclosures", "厂务公开事项", "项", DEMOCRACY),
        d("joint_meetings", "党政工联席会", "次", DEMOCRACY),
        # 职工董事、职工监事, from the year profile.
        d("has_board", "设有董事会的单位", "个", DEMOCRACY),
        d("worker_directors", "职工董事", "人", DEMOCRACY),
        d("has_supervisory_board", "设有监事会的单位", "个", DEMOCRACY),
        d("worker_supervisors", "职工监事", "人", DEMOCRACY),
        d("contracts", "现行有效集体合同", "份", DEMOCRACY),
        d("contract_workers", "集体合同覆盖职工", "人", DEMOCRACY),
        d("contracts_wage", "其中：工资专项集体合同", "份", DEMOCRACY),
        d("contracts_wage_workers", "工资专项集体合同覆盖职工", "人", DEMOCRACY),
        d("contracts_women", "其中：女职工权益保护专项集体合同", "份", DEMOCRACY),
        d("contracts_women_workers", "女职工专项集体合同覆盖职工", "人", DEMOCRACY),
        d("contracts_signed", "本年签订（续签）集体合同", "份", DEMOCRACY),
        d("negotiation_rounds", "工资集体协商", "次", DEMOCRACY),
        d("suggestions", "合理化建议", "条", DEMOCRACY),
        d("suggestions_adopted", "其中：采纳", "条", DEMOCRACY),
        d("suggestions_benefit", "合理化建议创造效益", MONEY_UNIT, DEMOCRACY),
        d("tech_associations", "职工技协组织", "个", COMPETITION),
        d("tech_association_members", "职工技协会员", "人", COMPETITION),
        d("competitions", "劳动竞赛", "次", COMPETITION),
        d("competition_participants", "劳动竞赛参加职工", "人次", COMPETITION),
        d("skill_contests", "技能比武/岗位练兵", "次", COMPETITION),
        d("skill_contest_participants", "技能比武参加职工", "人次", COMPETITION),
        d("activities", "开展各类活动", "次", COMPETITION),
        d("activity_participants", "活动参加职工", "人次", COMPETITION),
        d("activity_women", "其中：女职工", "人次", COMPETITION),
        d("activity_cost", "活动经费", MONEY_UNIT, COMPETITION),
        d("welfare_households", "帮扶慰问户数", "户", WELFARE),
        d("welfare_person_times", "帮扶慰问人次", "人次", WELFARE),
        d("welfare_cash", "慰问金", MONEY_UNIT, WELFARE),
        d("welfare_goods", "慰问品折价", MONEY_UNIT, WELFARE),
        d("welfare_total", "帮扶慰问金额合计", MONEY_UNIT, WELFARE),
    ]
    for kind in DisbursementKind:
        label = "其他帮扶慰问" if kind == DisbursementKind.OTHER else str(kind.label)
        defs.append(d(f"welfare_{kind.value}_times", label, "人次", WELFARE))
        defs.append(d(f"welfare_{kind.value}_amount", f"{label}金额", MONEY_UNIT, WELFARE))
    defs.append(d("hardship_open", "在档困难职工", "户", WELFARE))
    for category in HardshipCategory:
        defs.append(d(f"hardship_{category.value}", f"其中：{category.label}", "户", WELFARE))
    defs += [
        d("hardship_opened", "本年新建档困难职工", "户", WELFARE),
        d("hardship_closed", "本年脱困", "户", WELFARE),
        d("donations", "捐款活动", "次", WELFARE),
        d("donation_persons", "捐款职工", "人次", WELFARE),
        d("donation_amount", "募集捐款", MONEY_UNIT, WELFARE),
        d("mediation_cases", "受理劳动争议", "件", RIGHTS),
        d("mediation_successful", "其中：调解成功", "件", RIGHTS),
        d("legal_consultations", "法律咨询", "人次", RIGHTS),
        d("legal_cases", "代理维权案件", "件", RIGHTS),
        d("petitions", "来信来访", "件次", RIGHTS),
        d("petition_persons", "来信来访人次", "人次", RIGHTS),
        d("recovered", "追回工资及补偿", MONEY_UNIT, RIGHTS),
        d("has_safety_committee", "建立劳动保护监督检查委员会的单位", "个", RIGHTS),
        d("safety_inspectors", "劳动保护监督检查员", "人", RIGHTS),
        d("funds_income", "经费收入", MONEY_UNIT, FUNDS),
    ]
    for category in INCOME_CATEGORIES:
        defs.append(d(f"funds_in_{category.value}", f"其中：{category.label}", MONEY_UNIT, FUNDS))
    defs.append(d("funds_spending", "经费支出", MONEY_UNIT, FUNDS))
    for category in SPENDING_CATEGORIES:
        defs.append(d(f"funds_out_{category.value}", f"其中：{category.label}", MONEY_UNIT, FUNDS))
    defs.append(d(f"funds_out_{WELFARE_LINE_KEY}", f"其中：{WELFARE_LINE_LABEL}", MONEY_UNIT, FUNDS))
    return defs


def _in_return_order(defs: list[IndicatorDef]) -> list[IndicatorDef]:
    """The definitions in the return's order, each in its table."""
    by_key = {d.key: d for d in defs}
    missing = by_key.keys() - CODE_OF.keys()
    assert not missing, f"indicators without a code (workbook.codes): {sorted(missing)}"
    return [
        IndicatorDef(key, by_key[key].label, by_key[key].unit, TABLE_OF[key])
        for table in TABLES
        for key in table.keys
        if key in by_key
    ]


INDICATORS: list[IndicatorDef] = _in_return_order(_definitions())
BY_KEY: dict[str, IndicatorDef] = {d.key: d for d in INDICATORS}
assert len(BY_KEY) == len(INDICATORS), "indicator keys must be unique"


def _money(value: Decimal | int) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def indicator_values(*, union: Union, period: Period, today: dt.date | None = None) -> dict[str, Value]:
    """{key: value} for every indicator, through the selectors the annual report uses.

    Collective contracts are counted as of the period's end, or today while it runs, as the
    report does; `today` is the report's `dt.date.today()` unless given.
    """
    with figures_scope():  # the selectors share passes (welfare.counted): once each
        return _values(union=union, period=period, today=today or dt.date.today())


def _values(*, union: Union, period: Period, today: dt.date) -> dict[str, Value]:
    v: dict[str, Value] = dict(profile_figures(union=union, period=period))

    members = membership_figures(union=union, period=period)
    cadres = cadre_figures(union=union, period=period)
    v.update(
        members=members.total,
        members_women=members.women,
        members_migrant=members.migrant,
        members_joined=members.joined,
        members_left=members.left,
        model_workers=members.model_workers,
        branches=members.branches,
        cadres=cadres.total,
        cadres_full_time=cadres.full_time,
        cadres_part_time=cadres.part_time,
    )

    congress = congress_summary(union=union, period=period)
    proposals = proposal_counts(union=union, period=period)
    contracts = contract_summary(union=union, period=period, today=today)
    suggestions = suggestion_summary(union=union, period=period)
    wage = contracts.for_kind(ContractKind.WAGE)
    women = contracts.for_kind(ContractKind.WOMEN)
    v.update(
        congresses=congress.count,
        delegates=congress.delegates_total,
        delegates_women=congress.delegates_women,
        proposals=proposals.received,
        proposals_accepted=proposals.accepted,
        proposals_closed=proposals.closed,
        disclosures=disclosure_counts(union=union, period=period).count,
        joint_meetings=joint_meeting_count(union=union, period=period),
        contracts=contracts.in_force_total,
        # As the report's 覆盖职工: the workforce a union's contracts cover is that of its widest
        # contract (a general and a special contract cover the same people), not their sum.
        contract_workers=max((line.workers_covered for line in contracts.in_force), default=0),
        contracts_wage=wage.contracts,
        contracts_wage_workers=wage.workers_covered,
        contracts_women=women.contracts,
        contracts_women_workers=women.workers_covered,
        contracts_signed=contracts.signed,
        negotiation_rounds=contracts.negotiation_rounds,
        suggestions=suggestions.submitted,
        suggestions_adopted=suggestions.adopted,
        suggestions_benefit=_money(suggestions.benefit),
    )

    by_category = {row.category: row for row in activities_by_category(union=union, period=period)}
    competition = by_category.get(ActivityCategory.LABOUR_COMPETITION)
    skill = by_category.get(ActivityCategory.SKILL_CONTEST)
    acts = activity_totals(union=union, period=period)
    v.update(
        competitions=competition.count if competition else 0,
        competition_participants=competition.participants if competition else 0,
        skill_contests=skill.count if skill else 0,
        skill_contest_participants=skill.participants if skill else 0,
        activities=acts.count,
        activity_participants=acts.participants,
        activity_women=acts.women_participants,
        activity_cost=_money(acts.cost),
    )

    welfare = disbursement_totals(union=union, period=period)
    v.update(
        welfare_households=welfare.households,
        welfare_person_times=welfare.person_times,
        welfare_cash=_money(welfare.cash),
        welfare_goods=_money(welfare.goods_value),
        welfare_total=_money(welfare.total),
    )
    for row in disbursement_totals_by_type(union=union, period=period, include_empty=True):
        v[f"welfare_{row.kind}_times"] = row.person_times
        v[f"welfare_{row.kind}_amount"] = _money(row.total)
    files = hardship_file_counts(union=union, period=period)
    open_by_category = {c.category: c.count for c in files.open_by_category}
    v["hardship_open"] = files.open_at_end
    for category in HardshipCategory:
        v[f"hardship_{category.value}"] = open_by_category.get(category.value, 0)
    donations = donation_totals(union=union, period=period)
    v.update(
        hardship_opened=files.opened,
        hardship_closed=files.closed,
        donations=donations.drives,
        donation_persons=donations.participants,
        donation_amount=_money(donations.amount),
    )

    rights = rights_summary(union=union, period=period)
    v.update(
        mediation_cases=rights.mediation_received,
        mediation_successful=rights.mediation_successful,
        legal_consultations=rights.consultation_persons,
        legal_cases=rights.represented_cases,
        petitions=rights.petition_cases,
        petition_persons=rights.petition_persons,
        recovered=_money(rights.total_recovered),
    )

    funds = fund_summary(union=union, period=period)
    v["funds_income"] = _money(funds.income_total)
    for line in funds.income:
        v[f"funds_in_{line.key}"] = _money(line.amount)
    v["funds_spending"] = _money(funds.spending_total)
    for line in funds.spending:
        v[f"funds_out_{line.key}"] = _money(line.amount)

    missing = BY_KEY.keys() - v.keys()
    assert not missing, f"indicators without a value: {sorted(missing)}"
    return {d.key: v[d.key] for d in INDICATORS}


def as_indicators(values: Mapping[str, Value]) -> list[Indicator]:
    return [Indicator(d.key, d.label, d.unit, d.group, values.get(d.key, d.zero)) for d in INDICATORS]


def indicators(*, union: Union, period: Period, today: dt.date | None = None) -> list[Indicator]:
    """The indicators of one union for one period, in the list's order."""
    return as_indicators(indicator_values(union=union, period=period, today=today))


def add_up(values: Iterable[Mapping[str, Value]]) -> dict[str, Value]:
    """Key-by-key sums (汇总) of several unions' indicator values."""
    values = list(values)
    zeros = [(d.key, d.zero) for d in INDICATORS]
    return {key: sum((one.get(key, zero) for one in values), zero) for key, zero in zeros}


# --- text form: JSON storage, the workbook's check digest, imports ---------------------------


def to_text(definition: IndicatorDef, value: Value) -> str:
    return format(_money(value), "f") if definition.is_money else str(int(value))


def from_text(definition: IndicatorDef, text: str) -> Value:
    return _money(Decimal(text)) if definition.is_money else int(text)


class IndicatorValueError(ValueError):
    """A cell that is not a valid value for its indicator; the message is for the user."""


def parse_cell(definition: IndicatorDef, raw: object) -> Value:
    """A value read back from a workbook cell: a whole number, or 元 with at most two decimals,
    never negative."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise IndicatorValueError("数值为空")
    if isinstance(raw, bool):
        raise IndicatorValueError(f"“{raw}”不是数字")
    try:
        # Floats read back from a cell: through repr, so 1234.5 stays 1234.5, not 1234.4999…
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise IndicatorValueError(f"“{raw}”不是数字") from None
    if not number.is_finite():
        raise IndicatorValueError(f"“{raw}”不是数字")
    if number < 0:
        raise IndicatorValueError("数值不能为负数")
    if definition.is_money:
        if number != number.quantize(CENT, ROUND_HALF_UP):
            raise IndicatorValueError("金额最多保留两位小数")
        return _money(number)
    if number != number.to_integral_value():
        raise IndicatorValueError(f"{definition.unit}数应为整数")
    return int(number)


def digest(*, union_code: str, year: int, values: Mapping[str, Value]) -> str:
    """A check digest of the indicator values, written into the workbook's 说明 sheet: an
    import refuses a file whose figures were changed after export."""
    lines = [f"{union_code}|{year}"] + [f"{d.key}={to_text(d, values[d.key])}" for d in INDICATORS]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
