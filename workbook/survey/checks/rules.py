"""The return's logic checks, as the survey's offline tool runs them: every "其中" item at most
its total, totals that equal their parts, and figures that need one another."""

from __future__ import annotations

from funds.choices import INCOME_CATEGORIES, SPENDING_CATEGORIES, WELFARE_LINE_KEY
from welfare.choices import HardshipCategory

from .base import AtMost, Needs, Severity, SumOf
from .registry import register

PROFILE_ADVICE = "请在“单位年度基本情况”中填写本年度的情况。"

# --- 组织建设、会员 --------------------------------------------------------------------------


@register
class WomenWorkersWithinWorkers(AtMost):
    key = "women_workers_le_workers"
    part, whole = "women_workers", "workers"


@register
class MembersNeedWorkers(Needs):
    key = "members_need_workers"
    figure, needed = "members", "workers"
    advice = "职工人数是入会率的分母，" + PROFILE_ADVICE


@register
class MembersWithinWorkers(AtMost):
    key = "members_le_workers"
    part, whole = "members", "workers"


@register
class WomenMembersWithinMembers(AtMost):
    key = "women_members_le_members"
    part, whole = "members_women", "members"


@register
class WomenMembersWithinWomenWorkers(AtMost):
    key = "women_members_le_women_workers"
    part, whole = "members_women", "women_workers"


@register
class MigrantMembersWithinMembers(AtMost):
    key = "migrant_members_le_members"
    part, whole = "members_migrant", "members"


@register
class ModelWorkersWithinMembers(AtMost):
    key = "model_workers_le_members"
    part, whole = "model_workers", "members"


@register
class NewMembersWithinMembers(AtMost):
    # One who joined and left within the year makes this fail honestly: a hint, not an error.
    key = "new_members_le_members"
    severity = Severity.WARNING
    part, whole = "members_joined", "members"


# --- 工会干部 ------------------------------------------------------------------------------


@register
class CadresAreFullOrPartTime(SumOf):
    key = "cadres_full_plus_part"
    total, parts = "cadres", ("cadres_full_time", "cadres_part_time")


@register
class CadresWithinMembers(AtMost):
    key = "cadres_le_members"
    severity = Severity.WARNING
    part, whole = "cadres", "members"


# --- 民主管理、集体合同 ----------------------------------------------------------------------


@register
class WomenDelegatesWithinDelegates(AtMost):
    key = "women_delegates_le_delegates"
    part, whole = "delegates_women", "delegates"


@register
class CongressNeedsDelegates(Needs):
    key = "congress_needs_delegates"
    figure, needed = "congresses", "delegates"
    advice = "请在职代会记录中填写代表人数。"


@register
class CongressNeedsInstitution(Needs):
    key = "congress_needs_institution"
    figure, needed = "congresses", "has_congress"
    advice = "召开了职代会，应建立职代会制度：" + PROFILE_ADVICE


@register
class DisclosureNeedsInstitution(Needs):
    key = "disclosure_needs_institution"
    figure, needed = "disclosures", "has_disclosure"
    advice = "有厂务公开事项，应实行厂务公开制度：" + PROFILE_ADVICE


@register
class WorkerDirectorsNeedBoard(Needs):
    key = "worker_directors_need_board"
    figure, needed = "worker_directors", "has_board"
    advice = "职工董事只在设有董事会的单位产生：" + PROFILE_ADVICE


@register
class WorkerSupervisorsNeedSupervisoryBoard(Needs):
    key = "worker_supervisors_need_supervisory_board"
    figure, needed = "worker_supervisors", "has_supervisory_board"
    advice = "职工监事只在设有监事会的单位产生：" + PROFILE_ADVICE


@register
class AcceptedProposalsWithinProposals(AtMost):
    key = "accepted_proposals_le_proposals"
    part, whole = "proposals_accepted", "proposals"


@register
class ClosedProposalsWithinProposals(AtMost):
    key = "closed_proposals_le_proposals"
    part, whole = "proposals_closed", "proposals"


@register
class WageContractsWithinContracts(AtMost):
    key = "wage_contracts_le_contracts"
    part, whole = "contracts_wage", "contracts"


@register
class WomenContractsWithinContracts(AtMost):
    key = "women_contracts_le_contracts"
    part, whole = "contracts_women", "contracts"


@register
class ContractWorkersWithinWorkers(AtMost):
    key = "contract_workers_le_workers"
    part, whole = "contract_workers", "workers"


@register
class WageContractWorkersWithinWorkers(AtMost):
    key = "wage_contract_workers_le_workers"
    part, whole = "contracts_wage_workers", "workers"


@register
class WomenContractWorkersWithinWorkers(AtMost):
    key = "women_contract_workers_le_workers"
    part, whole = "contracts_women_workers", "workers"


# --- 劳动保护和法律监督 ----------------------------------------------------------------------


@register
class SuccessfulMediationWithinCases(AtMost):
    key = "mediation_successful_le_cases"
    part, whole = "mediation_successful", "mediation_cases"


@register
class MediationNeedsCommittee(Needs):
    # A dispute can be mediated without a committee of one's own (by the higher level): a hint.
    key = "mediation_needs_committee"
    severity = Severity.WARNING
    figure, needed = "mediation_cases", "has_mediation_committee"
    advice = PROFILE_ADVICE


@register
class PetitionsWithinPersons(AtMost):
    key = "petitions_le_persons"
    part, whole = "petitions", "petition_persons"


@register
class SafetyInspectorsWithinWorkers(AtMost):
    key = "safety_inspectors_le_workers"
    part, whole = "safety_inspectors", "workers"


@register
class SafetyInspectorsNeedCommittee(Needs):
    # A group's 劳动保护检查员 may serve without a committee of the union's own: a hint.
    key = "safety_inspectors_need_committee"
    severity = Severity.WARNING
    figure, needed = "safety_inspectors", "has_safety_committee"
    advice = PROFILE_ADVICE


# --- 帮扶和送温暖 ----------------------------------------------------------------------------


@register
class WelfareTotalIsCashAndGoods(SumOf):
    key = "welfare_total_cash_plus_goods"
    total, parts = "welfare_total", ("welfare_cash", "welfare_goods")


@register
class HouseholdsWithinPersonTimes(AtMost):
    key = "welfare_households_le_person_times"
    part, whole = "welfare_households", "welfare_person_times"


@register
class HardshipFilesByCategory(SumOf):
    key = "hardship_open_by_category"
    total = "hardship_open"
    parts = tuple(f"hardship_{category.value}" for category in HardshipCategory)


# --- 经济技术、宣教文体 ----------------------------------------------------------------------


@register
class AdoptedSuggestionsWithinSuggestions(AtMost):
    key = "adopted_suggestions_le_suggestions"
    part, whole = "suggestions_adopted", "suggestions"


@register
class TechMembersNeedAssociation(Needs):
    key = "tech_members_need_association"
    figure, needed = "tech_association_members", "tech_associations"
    advice = PROFILE_ADVICE


@register
class TechMembersWithinWorkers(AtMost):
    key = "tech_members_le_workers"
    part, whole = "tech_association_members", "workers"


@register
class WomenParticipantsWithinParticipants(AtMost):
    key = "activity_women_le_participants"
    part, whole = "activity_women", "activity_participants"


# --- 财务和经审 -------------------------------------------------------------------------------


@register
class IncomeByCategory(SumOf):
    key = "funds_income_by_category"
    total = "funds_income"
    parts = tuple(f"funds_in_{category.value}" for category in INCOME_CATEGORIES)


@register
class SpendingByCategory(SumOf):
    key = "funds_spending_by_category"
    total = "funds_spending"
    parts = (
        *(f"funds_out_{category.value}" for category in SPENDING_CATEGORIES),
        f"funds_out_{WELFARE_LINE_KEY}",
    )
