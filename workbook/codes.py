"""Indicator codes of the statistics return (《基层工会调查表》), by table.

Each indicator has a numeric code: its table's number, then its place in the table (101 is
the first item of table 1). Codes are written into the return and read back by an import, so
they never change: a new indicator takes the next free number of its table, a dropped one
keeps its number unused. The tables' order is the order the return prints them in.
"""

from __future__ import annotations

from dataclasses import dataclass

CN_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SurveyTable:
    title: str
    items: tuple[tuple[str, str], ...]  # (code, indicator key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for _, key in self.items)


TABLES: tuple[SurveyTable, ...] = (
    SurveyTable(
        "组织建设",
        (
            ("101", "workers"),
            ("102", "women_workers"),
            ("103", "branches"),
            ("104", "joint_units"),
            ("105", "has_women_committee"),
        ),
    ),
    SurveyTable(
        "会员",
        (
            ("201", "members"),
            ("202", "members_women"),
            ("203", "members_migrant"),
            ("204", "members_joined"),
            ("205", "members_left"),
            ("206", "model_workers"),
        ),
    ),
    SurveyTable(
        "工会干部",
        (
            ("301", "cadres"),
            ("302", "cadres_full_time"),
            ("303", "cadres_part_time"),
        ),
    ),
    SurveyTable(
        "民主管理",
        (
            ("401", "has_congress"),
            ("402", "congresses"),
            ("403", "delegates"),
            ("404", "delegates_women"),
            ("405", "proposals"),
            ("406", "proposals_accepted"),
            ("407", "proposals_closed"),
            ("408", "has_disclosure"),
            ("409", "disclosures"),
            ("410", "joint_meetings"),
            ("411", "has_board"),
            ("412", "worker_directors"),
            ("413", "has_supervisory_board"),
            ("414", "worker_supervisors"),
        ),
    ),
    SurveyTable(
        "集体合同",
        (
            ("501", "contracts"),
            ("502", "contract_workers"),
            ("503", "contracts_wage"),
            ("504", "contracts_wage_workers"),
            ("505", "contracts_women"),
            ("506", "contracts_women_workers"),
            ("507", "contracts_signed"),
            ("508", "negotiation_rounds"),
        ),
    ),
    SurveyTable(
        "劳动保护和法律监督",
        (
            ("601", "has_mediation_committee"),
            ("602", "mediation_cases"),
            ("603", "mediation_successful"),
            ("604", "legal_consultations"),
            ("605", "legal_cases"),
            ("606", "petitions"),
            ("607", "petition_persons"),
            ("608", "recovered"),
            ("609", "has_safety_committee"),
            ("610", "safety_inspectors"),
        ),
    ),
    SurveyTable(
        "帮扶和送温暖",
        (
            ("701", "welfare_households"),
            ("702", "welfare_person_times"),
            ("703", "welfare_cash"),
            ("704", "welfare_goods"),
            ("705", "welfare_total"),
            ("706", "welfare_festival_times"),
            ("707", "welfare_festival_amount"),
            ("708", "welfare_living_times"),
            ("709", "welfare_living_amount"),
            ("710", "welfare_medical_times"),
            ("711", "welfare_medical_amount"),
            ("712", "welfare_student_times"),
            ("713", "welfare_student_amount"),
            ("714", "welfare_summer_times"),
            ("715", "welfare_summer_amount"),
            ("716", "welfare_sickness_times"),
            ("717", "welfare_sickness_amount"),
            ("718", "welfare_wedding_birth_times"),
            ("719", "welfare_wedding_birth_amount"),
            ("720", "welfare_funeral_times"),
            ("721", "welfare_funeral_amount"),
            ("722", "welfare_retirement_times"),
            ("723", "welfare_retirement_amount"),
            ("724", "welfare_birthday_times"),
            ("725", "welfare_birthday_amount"),
            ("726", "welfare_other_times"),
            ("727", "welfare_other_amount"),
            ("728", "hardship_open"),
            ("729", "hardship_deep"),
            ("730", "hardship_relative"),
            ("731", "hardship_accident"),
            ("732", "hardship_legacy_severe"),
            ("733", "hardship_legacy_general"),
            ("734", "hardship_opened"),
            ("735", "hardship_closed"),
            ("736", "donations"),
            ("737", "donation_persons"),
            ("738", "donation_amount"),
        ),
    ),
    SurveyTable(
        "经济技术",
        (
            ("801", "competitions"),
            ("802", "competition_participants"),
            ("803", "skill_contests"),
            ("804", "skill_contest_participants"),
            ("805", "suggestions"),
            ("806", "suggestions_adopted"),
            ("807", "suggestions_benefit"),
            ("808", "tech_associations"),
            ("809", "tech_association_members"),
        ),
    ),
    SurveyTable(
        "财务和经审",
        (
            ("901", "has_audit_committee"),
            ("902", "funds_income"),
            ("903", "funds_in_dues"),
            ("904", "funds_in_allocation"),
            ("905", "funds_in_admin_subsidy"),
            ("906", "funds_in_higher_subsidy"),
            ("907", "funds_in_other_income"),
            ("908", "funds_spending"),
            ("909", "funds_out_activities"),
            ("910", "funds_out_assistance"),
            ("911", "funds_out_rights"),
            ("912", "funds_out_business"),
            ("913", "funds_out_administration"),
            ("914", "funds_out_capital"),
            ("915", "funds_out_other_spending"),
            ("916", "funds_out_welfare_disbursements"),
        ),
    ),
    SurveyTable(
        "宣教文体",
        (
            ("1001", "activities"),
            ("1002", "activity_participants"),
            ("1003", "activity_women"),
            ("1004", "activity_cost"),
        ),
    ),
)

CODE_OF: dict[str, str] = {key: code for table in TABLES for code, key in table.items}
KEY_OF: dict[str, str] = {code: key for key, code in CODE_OF.items()}
TABLE_OF: dict[str, str] = {key: table.title for table in TABLES for key in table.keys}
assert len(KEY_OF) == len(CODE_OF), "indicator codes must be unique"


def caption(position: int, table: SurveyTable) -> str:
    """一、组织建设: a table's title as the return prints it (position counts from 0)."""
    return f"{CN_NUMBERS[position]}、{table.title}"
