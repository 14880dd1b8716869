"""定稿 in the calling process (`finalising.finalise_now`, for setup commands like load_demo):
recorded as a job like a queued one, with its outcome; a failure leaves the draft."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.context import acting_as
from reports import finalising
from reports.models import FinaliseJob, FinaliseStatus
from reports.services import report_start
from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_a_report_is_finalised_at_once_and_the_job_says_so(union, leader):
    ActivityFactory(union=union, start_date=dt.date(2024, 5, 10), participants=30)
    report = report_start(union=union, year=2024, actor=leader)
    with acting_as(leader) as actor:
        job = finalising.finalise_now(report=report, actor=actor)
    report.refresh_from_db()
    assert job.status == FinaliseStatus.DONE and job.error == "" and job.finished_at is not None
    assert report.is_final and report.pdf.name and report.pdf.read()[:5] == b"%PDF-"
    assert FinaliseJob.objects.filter(report=report).count() == 1


def test_a_report_that_cannot_be_finalised_stays_a_draft(union, leader):
    report = report_start(union=union, year=2024, actor=leader)  # no records: nothing to say
    with acting_as(leader) as actor:
        job = finalising.finalise_now(report=report, actor=actor)
    report.refresh_from_db()
    assert job.status == FinaliseStatus.FAILED and "不能定稿" in job.error
    assert not report.is_final
