"""One way to show a moment and one way to name a person, on every page and in the log.

A moment is shown in the union's local time (settings.TIME_ZONE) to the minute:
"2026-12-01 15:55". A person is shown by the name staff know them by (姓名), and by their
login name only when no name was ever entered.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

MOMENT_FORMAT = "%Y-%m-%d %H:%M"
DATE_FORMAT = "%Y-%m-%d"

# What `audit.registry` stores for a datetime: datetime.isoformat().
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def moment(value: Any) -> str:
    """A datetime (aware, naive in local time, or its ISO text) as local "YYYY-MM-DD HH:MM";
    a date as "YYYY-MM-DD"; None or "" as ""."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        parsed = parse_moment_text(value)
        if parsed is None:
            return value
        value = parsed
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return timezone.localtime(value).strftime(MOMENT_FORMAT)
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def parse_moment_text(text: str) -> dt.datetime | dt.date | None:
    """The datetime or date an ISO text stands for, or None when it is not one."""
    text = text.strip()
    try:
        if _ISO_MOMENT.match(text):
            return parse_datetime(text)
        if _ISO_DATE.match(text):
            return parse_date(text)
    except ValueError:
        return None
    return None


def person_name(user: Any) -> str:
    """The name of a user as staff know them: 姓名 (kept in first_name, or last+first name
    in Chinese order), else the login name; "" for nobody."""
    if user is None or user == "":
        return ""
    if isinstance(user, str):
        return user
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    name = f"{last}{first}" if last and first else (first or last)
    if name:
        return name
    get_username = getattr(user, "get_username", None)
    return get_username() if get_username else str(user)
