"""One way to show a moment and one way to name a person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import engines

from records.display import moment, person_name
from tests.factories import UserFactory

UTC = dt.UTC


def test_an_aware_moment_reads_in_local_time_to_the_minute(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert moment(dt.datetime(2026, 12, 1, 7, 55, 0, 289010, tzinfo=UTC)) == "2026-12-01 15:55"


def test_the_iso_text_the_log_stores_reads_the_same():
    assert moment("2026-12-01T07:55:00.289010+00:00") == "2026-12-01 15:55"
    assert moment("2026-12-31T23:30:00+00:00") == "2027-01-01 07:30"


def test_a_naive_moment_is_taken_as_local_and_a_date_stays_a_date():
    assert moment(dt.datetime(2026, 3, 8, 9, 5)) == "2026-03-08 09:05"
    assert moment(dt.date(2026, 3, 8)) == "2026-03-08"
    assert moment("2026-03-08") == "2026-03-08"
    assert moment(None) == "" and moment("") == ""
    assert moment("不是日期") == "不是日期"


@pytest.mark.django_db
def test_a_person_is_named_by_their_name_and_by_login_only_without_one():
    assert person_name(UserFactory(username="liming", first_name="李明")) == "李明"
    assert person_name(UserFactory(username="wf", first_name="芳", last_name="王")) == "王芳"
    assert person_name(UserFactory(username="nobody")) == "nobody"
    assert person_name(None) == ""


@pytest.mark.django_db
def test_every_template_has_both_filters_without_loading_them():
    user = UserFactory(username="liming", first_name="李明")
    template = engines["django"].from_string("{{ when|moment }} {{ who|person }}")
    when = dt.datetime(2026, 12, 1, 7, 55, 0, 289010, tzinfo=UTC)
    assert template.render({"when": when, "who": user}) == "2026-12-01 15:55 李明"
