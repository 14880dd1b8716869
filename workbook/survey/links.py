"""The record list behind each figure of the return, with the filters that give its rows, so
a failing logic check can send the user to the records to correct (as the dashboard does)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from activities.choices import ActivityCategory
from records.periods import Period
from rights.choices import LegalAidKind
from unions.models import Union

from .. import profile_figures

PROFILE_KEYS = frozenset(profile_figures.PROFILE_KEYS)


def _url(name: str, union: Union, **params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return reverse(name, args=[union.code]) + (f"?{query}" if query else "")


def figure_url(key: str, *, union: Union, period: Period, today: dt.date | None = None) -> str:
    """The list whose rows add up to indicator `key` of `union` for `period`."""
    # Lists take the period's code (2025, 2025-H1, 2025-Q3, 2025-11-30); the profile is yearly.
    year, at_end = period.code, period.end.isoformat()
    if key in PROFILE_KEYS:
        return _url("profiles:own", union, year=period.year)
    if key.startswith("members") or key == "model_workers":
        return _url("members:list", union, **_roster_filter(key, year, at_end))
    if key.startswith("cadres"):
        return _url("members:cadre-list", union)
    if key in ("congresses", "delegates", "delegates_women"):
        return _url("democracy:congress-list", union, year=year)
    if key.startswith("proposals"):
        return _url("democracy:proposal-list", union, year=year)
    if key == "disclosures":
        return _url("democracy:disclosure-list", union, year=year)
    if key == "joint_meetings":
        return _url("democracy:meeting-list", union, year=year)
    if key.startswith("contract") or key == "negotiation_rounds":
        on = min(period.end, today or dt.date.today())
        return _url("democracy:contract-list", union, on=on.isoformat())
    if key.startswith("suggestions"):
        return _url("democracy:suggestion-list", union, year=year)
    if key.startswith("competition"):
        return _url(
            "activities:activity-list", union, year=year, category=ActivityCategory.LABOUR_COMPETITION
        )
    if key.startswith("skill_contest"):
        return _url("activities:activity-list", union, year=year, category=ActivityCategory.SKILL_CONTEST)
    if key.startswith("activit"):
        return _url("activities:activity-list", union, year=year)
    if key.startswith("welfare"):
        return _url("welfare:disbursement-list", union, year=year, status="counted")
    if key.startswith("hardship"):
        return _url("welfare:hardship-list", union, status="", on=at_end)
    if key.startswith("donation"):
        return _url("welfare:donation-list", union, year=year)
    if key.startswith("mediation") or key == "recovered":
        return _url("rights:mediation-list", union, year=year)
    if key == "legal_consultations":
        return _url("rights:legalaid-list", union, year=year, kind=LegalAidKind.CONSULTATION)
    if key == "legal_cases":
        return _url("rights:legalaid-list", union, year=year)
    if key.startswith("petition"):
        return _url("rights:petition-list", union, year=year)
    if key.startswith("funds"):
        return _url("funds:summary", union, period=year)
    raise KeyError(key)


def _roster_filter(key: str, year: int, at_end: str) -> dict[str, object]:
    if key == "members_joined":
        return {"joined": year, "sort": "-joined"}
    if key == "members_left":
        return {"left": year, "sort": "-status"}
    if key == "members_women":
        return {"at": at_end, "gender": "F"}
    if key == "members_migrant":
        return {"at": at_end, "migrant": 1}
    return {"at": at_end}
