"""For every logic check: figures that break it and figures that pass it, over a return of
zeros (which passes every check). A check without a case here fails the registry test."""

from __future__ import annotations

from decimal import Decimal

D = Decimal

CASES: dict[str, tuple[dict, dict]] = {
    "women_workers_le_workers": ({"workers": 3, "women_workers": 5}, {"workers": 5, "women_workers": 5}),
    "members_need_workers": ({"members": 4}, {"members": 4, "workers": 4}),
    "members_le_workers": ({"members": 6, "workers": 5}, {"members": 5, "workers": 5}),
    "women_members_le_members": (
        {"members": 2, "members_women": 3, "workers": 9, "women_workers": 9},
        {"members": 3, "members_women": 3, "workers": 9, "women_workers": 9},
    ),
    "women_members_le_women_workers": (
        {"members": 5, "members_women": 3, "workers": 9, "women_workers": 2},
        {"members": 5, "members_women": 2, "workers": 9, "women_workers": 2},
    ),
    "migrant_members_le_members": (
        {"members": 1, "workers": 1, "members_migrant": 2},
        {"members": 2, "workers": 2, "members_migrant": 2},
    ),
    "model_workers_le_members": (
        {"members": 1, "workers": 1, "model_workers": 2},
        {"members": 2, "workers": 2, "model_workers": 2},
    ),
    "new_members_le_members": (
        {"members": 1, "workers": 1, "members_joined": 2},
        {"members": 2, "workers": 2, "members_joined": 2},
    ),
    "cadres_full_plus_part": (
        {"members": 9, "workers": 9, "cadres": 3, "cadres_full_time": 1, "cadres_part_time": 1},
        {"members": 9, "workers": 9, "cadres": 3, "cadres_full_time": 1, "cadres_part_time": 2},
    ),
    "cadres_le_members": (
        {"members": 1, "workers": 1, "cadres": 2, "cadres_part_time": 2},
        {"members": 2, "workers": 2, "cadres": 2, "cadres_part_time": 2},
    ),
    "women_delegates_le_delegates": (
        {"delegates": 1, "delegates_women": 2},
        {"delegates": 2, "delegates_women": 2},
    ),
    "congress_needs_delegates": (
        {"congresses": 1, "has_congress": 1},
        {"congresses": 1, "has_congress": 1, "delegates": 30},
    ),
    "congress_needs_institution": (
        {"congresses": 1, "delegates": 30},
        {"congresses": 1, "delegates": 30, "has_congress": 1},
    ),
    "disclosure_needs_institution": ({"disclosures": 4}, {"disclosures": 4, "has_disclosure": 1}),
    "worker_directors_need_board": (
        {"worker_directors": 2},
        {"worker_directors": 2, "has_board": 1},
    ),
    "worker_supervisors_need_supervisory_board": (
        {"worker_supervisors": 1},
        {"worker_supervisors": 1, "has_supervisory_board": 1},
    ),
    "safety_inspectors_le_workers": (
        {"workers": 4, "safety_inspectors": 5, "has_safety_committee": 1},
        {"workers": 5, "safety_inspectors": 5, "has_safety_committee": 1},
    ),
    "safety_inspectors_need_committee": (
        {"workers": 50, "safety_inspectors": 3},
        {"workers": 50, "safety_inspectors": 3, "has_safety_committee": 1},
    ),
    "tech_members_need_association": (
        {"workers": 50, "tech_association_members": 20},
        {"workers": 50, "tech_association_members": 20, "tech_associations": 1},
    ),
    "tech_members_le_workers": (
        {"workers": 19, "tech_association_members": 20, "tech_associations": 1},
        {"workers": 20, "tech_association_members": 20, "tech_associations": 1},
    ),
    "accepted_proposals_le_proposals": (
        {"proposals": 1, "proposals_accepted": 2},
        {"proposals": 2, "proposals_accepted": 2},
    ),
    "closed_proposals_le_proposals": (
        {"proposals": 1, "proposals_closed": 2},
        {"proposals": 2, "proposals_closed": 2},
    ),
    "wage_contracts_le_contracts": (
        {"contracts": 1, "contracts_wage": 2},
        {"contracts": 2, "contracts_wage": 2},
    ),
    "women_contracts_le_contracts": (
        {"contracts": 0, "contracts_women": 1},
        {"contracts": 1, "contracts_women": 1},
    ),
    "contract_workers_le_workers": (
        {"workers": 10, "contract_workers": 11},
        {"workers": 11, "contract_workers": 11},
    ),
    "wage_contract_workers_le_workers": (
        {"workers": 10, "contracts_wage_workers": 11},
        {"workers": 11, "contracts_wage_workers": 11},
    ),
    "women_contract_workers_le_workers": (
        {"workers": 10, "contracts_women_workers": 11},
        {"workers": 11, "contracts_women_workers": 11},
    ),
    "mediation_successful_le_cases": (
        {"mediation_cases": 1, "mediation_successful": 2, "has_mediation_committee": 1},
        {"mediation_cases": 2, "mediation_successful": 2, "has_mediation_committee": 1},
    ),
    "mediation_needs_committee": (
        {"mediation_cases": 1},
        {"mediation_cases": 1, "has_mediation_committee": 1},
    ),
    "petitions_le_persons": (
        {"petitions": 2, "petition_persons": 1},
        {"petitions": 2, "petition_persons": 3},
    ),
    "welfare_total_cash_plus_goods": (
        {"welfare_total": D("100.00"), "welfare_cash": D("60.00"), "welfare_goods": D("30.00")},
        {"welfare_total": D("90.00"), "welfare_cash": D("60.00"), "welfare_goods": D("30.00")},
    ),
    "welfare_households_le_person_times": (
        {"welfare_households": 3, "welfare_person_times": 2},
        {"welfare_households": 2, "welfare_person_times": 3},
    ),
    "hardship_open_by_category": (
        {"hardship_open": 2, "hardship_deep": 1},
        {"hardship_open": 1, "hardship_deep": 1},
    ),
    "adopted_suggestions_le_suggestions": (
        {"suggestions": 1, "suggestions_adopted": 2},
        {"suggestions": 2, "suggestions_adopted": 2},
    ),
    "activity_women_le_participants": (
        {"activity_participants": 10, "activity_women": 11},
        {"activity_participants": 11, "activity_women": 11},
    ),
    "funds_income_by_category": (
        {"funds_income": D("500.00"), "funds_in_dues": D("400.00")},
        {"funds_income": D("400.00"), "funds_in_dues": D("400.00")},
    ),
    "funds_spending_by_category": (
        {"funds_spending": D("500.00"), "funds_out_activities": D("400.00")},
        {
            "funds_spending": D("500.00"),
            "funds_out_activities": D("400.00"),
            "funds_out_welfare_disbursements": D("100.00"),
        },
    ),
}
