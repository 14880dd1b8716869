"""Chinese resident identity numbers (公民身份号码, GB 11643-1999).

18 characters: 6-digit area code, 8-digit birth date, 3-digit sequence (odd for men, even
for women) and a check character over the first 17 digits (ISO 7064 MOD 11-2).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from operator import mul

from django.core.exceptions import ValidationError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

# Province-level prefixes in use (GB/T 2260), plus 71/81/82 for Taiwan, Hong Kong and Macao
# residence permits. Finer county codes change every year, so they are not checked.
PROVINCE_CODES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }
)
OLDEST_BIRTH_YEAR = 1900
_SHAPE = re.compile(r"^\d{17}[\dX]$")


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: dt.date
    gender: str  # "M" or "F"


def check_char(first17: str) -> str:
    if len(first17) != len(WEIGHTS):
        raise ValueError(f"{first17!r}: 17 digits expected")
    # map() rather than a generator: half the time, and it runs for every row of an import.
    return CHECK_CHARS[sum(map(mul, map(int, first17), WEIGHTS)) % 11]


def normalize(raw: str) -> str:
    """As typed or pasted: spaces (also full-width), tabs and dashes between the groups
    dropped, a lower-case x raised."""
    return "".join(str(raw).split()).replace("-", "").upper()


def parse(raw: str, *, today: dt.date | None = None) -> ResidentId:
    """Validate a resident ID number and read its birth date and gender.

    Raises ValidationError with a message in Chinese saying what is wrong.
    """
    number = normalize(raw)
    if len(number) != 18:
        raise ValidationError(
            "身份证号应为18位，当前为%(n)d位。", code="id_length", params={"n": len(number)}
        )
    if not _SHAPE.match(number):
        raise ValidationError("身份证号前17位应为数字，末位为数字或X。", code="id_chars")
    if number[:2] not in PROVINCE_CODES or number[2:6] == "0000":
        raise ValidationError("身份证号的地区码（前6位）无效。", code="id_area")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号中的出生日期（第7-14位）不是有效日期。", code="id_birth") from None
    today = today or dt.date.today()
    if birth.year < OLDEST_BIRTH_YEAR or birth > today:
        raise ValidationError("身份证号中的出生日期（第7-14位）不合理。", code="id_birth")
    if number[17] != check_char(number[:17]):
        raise ValidationError("身份证号校验位不正确，请核对是否有录入错误。", code="id_checksum")
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return ResidentId(number=number, birth_date=birth, gender=gender)


def validate_resident_id(value: str) -> None:
    parse(value)


TAIL = 4  # characters a viewer without full-ID rights sees: the sequence and the check


def mask(number: str) -> str:
    """**************002X: only the last four kept.

    The area code stays hidden too: with it, the last four and a birth year, about 33
    numbers remain; without it, millions (see tests/security/test_id_privacy.py). Short
    (invalid) entries are hidden whole, since four characters would be most of them.
    """
    number = normalize(number)
    if len(number) < 10:
        return "*" * len(number)
    return "*" * (len(number) - TAIL) + number[-TAIL:]


def compose(area_code: str, birth_date: dt.date, sequence: int) -> str:
    """Build a valid number; `sequence` 0-999, odd for men and even for women."""
    first17 = f"{area_code}{birth_date:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
