"""What a viewer without Perm.VIEW_FULL_ID sees of a member's identity, in one place.

The ID number's last four characters and the birth year, nothing finer: no area code, no
birth month or day, no order within a year. From those, millions of valid numbers remain
(area codes × days of the year ÷ the check digit), so the number cannot be rebuilt. Every
page, JSON answer, export, history line, import preview and error workbook goes through
these helpers; tests/security/test_id_privacy.py checks them all against one roster.
"""

from __future__ import annotations

import datetime as dt
import re

from .id_numbers import TAIL, mask, normalize

_TAIL_QUERY = re.compile(rf"^[0-9]{{{TAIL - 1}}}[0-9X]$")
_LONG_QUERY = re.compile(rf"^[0-9]{{{TAIL - 1},}}[0-9X]$")
_ID_RUN = re.compile(r"(?<![0-9])[0-9]{14,17}[0-9Xx](?![0-9])")


def birth_year(value: dt.date | str | None) -> str:
    """1985年, from a date or an ISO date string (as the audit log stores it)."""
    if not value:
        return ""
    year = value.year if isinstance(value, dt.date) else str(value)[:4]
    return f"{year}年"


def shown_id(number: str, *, full: bool) -> str:
    if not number:
        return ""
    return number if full else mask(number)


def shown_birth(value: dt.date | None, *, full: bool) -> str:
    if value is None:
        return ""
    return value.isoformat() if full else birth_year(value)


def shown_phone(value: str, *, full: bool) -> str:
    """A phone number whole, or with its middle hidden: 138****5678, 0571-****4321.

    Full for people who work the union's own records (they ring members); masked for readers
    from a higher-level union and in a masked export, which is what goes upward."""
    if full or not value:
        return value
    digits = value.replace("-", "")
    if len(digits) < 7:
        return "*" * len(value)
    head = value[:3] if value.startswith("1") else value.split("-")[0] + "-" if "-" in value else value[:4]
    return f"{head}****{digits[-4:]}"


def masked_phone(value: str) -> str:
    return shown_phone(value, full=False)


def id_query(text: str, *, full: bool) -> str | None:
    """The part of a search text matched against the end of ID numbers, or None.

    A full-ID viewer may type any tail of four or more characters (a whole number too).
    Everyone else only exactly the last four: a longer tail would tell the birth day, and a
    whole number would answer "is this person on the roster", an oracle for guessing.
    """
    query = normalize(text)
    if full:
        return query if _LONG_QUERY.match(query) else None
    return query if _TAIL_QUERY.match(query) else None


def scrub_ids(value: str | float) -> str | float:
    """Free text (or a number) with every run that looks like an ID number masked: 18
    characters, or the 15 digits of a first-generation card, or 15+ digits Excel kept."""
    text = value if isinstance(value, str) else _number_text(value)
    if not _ID_RUN.search(text):
        return value
    return _ID_RUN.sub(lambda found: mask(found.group()), text)


def _number_text(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
