from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from members.id_numbers import check_char, compose, mask, parse

KNOWN_VALID = "11010519491231002X"  # the example of GB 11643 in domain.md


def _forge(area: str, birth: str, seq: str) -> str:
    """A number with a correct check character but made-up content."""
    first17 = f"{area}{birth}{seq}"
    return first17 + check_char(first17)


def test_it_accepts_a_valid_number_and_reads_birth_and_gender():
    resident = parse(KNOWN_VALID)
    assert resident.birth_date == dt.date(1949, 12, 31)
    assert resident.gender == "F"  # sequence 002 is even


def test_it_accepts_a_lowercase_x_and_stores_it_uppercase():
    assert parse(KNOWN_VALID.lower()).number == KNOWN_VALID


def test_odd_sequence_is_male():
    assert parse(compose("330102", dt.date(1980, 1, 2), 123)).gender == "M"


@pytest.mark.parametrize("position", range(17))
def test_any_single_mistyped_digit_is_caught(position):
    digit = KNOWN_VALID[position]
    wrong = str((int(digit) + 1) % 10)
    mistyped = KNOWN_VALID[:position] + wrong + KNOWN_VALID[position + 1 :]
    with pytest.raises(ValidationError):
        parse(mistyped)


def test_swapped_neighbour_digits_are_caught():
    swapped = "11010591491231002X"  # 19 -> 91
    with pytest.raises(ValidationError) as exc:
        parse(swapped)
    assert exc.value.code in {"id_checksum", "id_birth"}


def test_a_wrong_check_character_says_so():
    with pytest.raises(ValidationError) as exc:
        parse("110105194912310021")
    assert exc.value.code == "id_checksum"
    assert "校验位" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("forged", "code"),
    [
        (_forge("990105", "19800101", "001"), "id_area"),  # no province 99
        (_forge("110105", "19800230", "001"), "id_birth"),  # 30 February
        (_forge("110105", "18500101", "001"), "id_birth"),  # implausibly old
        (_forge("110105", "20990101", "001"), "id_birth"),  # born in the future
        (_forge("110000", "19800101", "001"), "id_area"),  # a province, not a county
    ],
)
def test_forged_numbers_with_a_correct_checksum_are_refused(forged, code):
    with pytest.raises(ValidationError) as exc:
        parse(forged)
    assert exc.value.code == code


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("1101051949123100", "id_length"),
        ("11010519491231002XX", "id_length"),
        ("11010519491231A02X", "id_chars"),
        ("", "id_length"),
    ],
)
def test_malformed_numbers_are_refused(raw, code):
    with pytest.raises(ValidationError) as exc:
        parse(raw)
    assert exc.value.code == code


def test_masking_keeps_only_the_last_four():
    assert mask(KNOWN_VALID) == "**************002X"
    assert mask(KNOWN_VALID.lower()) == "**************002X"
    assert mask("110105") == "******"  # a short entry is hidden whole
    assert mask(mask(KNOWN_VALID)) == mask(KNOWN_VALID)  # old log entries are masked again


def test_compose_builds_numbers_that_parse():
    for seq in (1, 2, 999):
        number = compose("440305", dt.date(2000, 2, 29), seq)
        assert parse(number).birth_date == dt.date(2000, 2, 29)
