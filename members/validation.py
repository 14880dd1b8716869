"""Rules a roster row must satisfy, shared by the form and the Excel import."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from . import id_numbers
from .choices import ENDED_STATUSES

MIN_WORKING_AGE = 16  # 劳动法: no employment under 16


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def identity_errors(
    id_number: str, birth_date: dt.date | None, gender: str | None
) -> tuple[id_numbers.ResidentId | None, dict[str, str]]:
    """Parse the ID and check that a typed birth date and gender agree with it."""
    try:
        resident = id_numbers.parse(id_number)
    except ValidationError as exc:
        return None, {"id_number": exc.messages[0]}
    errors = {}
    if birth_date and birth_date != resident.birth_date:
        # The ID's date is not echoed: the message may reach someone who may not see it.
        errors["birth_date"] = "出生日期与身份证号不一致（请核对身份证号第7-14位）。"
    if gender and gender != resident.gender:
        errors["gender"] = f"性别与身份证号不一致（身份证号为{'男' if resident.gender == 'M' else '女'}）。"
    return resident, errors


def lifecycle_errors(
    status: str,
    status_date: dt.date | None,
    joined_on: dt.date | None,
    birth_date: dt.date | None,
    *,
    birth_year_only: bool = False,
) -> dict[str, str]:
    """`birth_year_only`: the user may not see the birth date, so the age check uses the
    oldest age the birth year allows and its answer depends on the year alone."""
    errors = {}
    today = dt.date.today()
    if status in ENDED_STATUSES and not status_date:
        errors["status_date"] = "会籍转出、退休或除名时须填写状态日期。"
    if joined_on and joined_on > today:
        errors["joined_on"] = "入会时间不能晚于今天。"
    if joined_on and birth_date:
        age = joined_on.year - birth_date.year if birth_year_only else age_on(birth_date, joined_on)
        if age < MIN_WORKING_AGE:
            errors["joined_on"] = f"入会时间早于年满{MIN_WORKING_AGE}周岁，请核对。"
    if status_date and joined_on and status_date < joined_on:
        errors["status_date"] = "状态日期不能早于入会时间。"
    if status_date and status_date > today:
        errors["status_date"] = "状态日期不能晚于今天。"
    return errors
