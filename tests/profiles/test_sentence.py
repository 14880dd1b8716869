"""The year profile's one sentence in the 组织建设 section: workers, women workers, 入会率."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from reports.document import assemble
from reports.services import render_html, report_start
from tests.factories import MemberFactory
from tests.profiles.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def _organisation_text(union) -> str:
    doc = assemble(report_start(union=union, year=2025, actor=None), today=dt.date(2026, 2, 1))
    section = next(s for s in doc.sections if s.key == "organisation")
    return "".join(b["text"] for b in section.blocks)


def test_the_summary_states_workers_and_the_membership_rate(union):
    for _ in range(9):
        MemberFactory(union=union, joined_on=dt.date(2020, 1, 1))
    ProfileFactory(union=union, year=2025, workers=12, women_workers=5)
    text = _organisation_text(union)
    assert "本会共有会员9人" in text
    assert "全单位现有职工12人，其中女职工5人，职工入会率达75.0%。" in text


def test_without_a_profile_the_section_says_nothing_of_workers(union):
    MemberFactory(union=union, joined_on=dt.date(2020, 1, 1))
    ProfileFactory(union=union, year=2024, workers=12)  # another year's
    text = _organisation_text(union)
    assert "职工入会率" not in text and "现有职工" not in text


def test_the_rate_follows_the_roster_of_the_period(union):
    for _ in range(3):
        MemberFactory(union=union, joined_on=dt.date(2020, 1, 1))
    ProfileFactory(union=union, year=2025, workers=8, women_workers=0)
    html = render_html(assemble(report_start(union=union, year=2025, actor=None), today=dt.date(2026, 1, 2)))
    text = re.sub(r"<[^>]+>", "", html)
    assert "全单位现有职工8人，职工入会率达37.5%。" in text
