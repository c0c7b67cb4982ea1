"""居民身份证号码 (GB 11643-1999)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import (
    Problem,
    is_valid,
    resident_id_birth_date,
    resident_id_check_char,
    resident_id_sex,
    validate_resident_id,
)

TODAY = date(2026, 11, 26)


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def build_id(address: str, born: date | str, sequence: str) -> str:
    birth = born if isinstance(born, str) else born.strftime("%Y%m%d")
    first17 = address + birth + sequence
    return first17 + resident_id_check_char(first17)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


def test_public_valid_examples() -> None:
    assert validate_resident_id("11010519491231002X", today=TODAY) == []
    # Born 1880: lawful, but unusual enough to confirm.
    problems = validate_resident_id("440524188001010014", today=TODAY)
    assert is_valid(problems)
    assert codes(problems) == ["resident_id.birth_date_old"]


def test_public_invalid_example() -> None:
    assert codes(validate_resident_id("36042619910102009X", today=TODAY)) == ["resident_id.check"]


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002x",
        " 11010519491231002X\u3000",
        fullwidth("11010519491231002X"),
        fullwidth("11010519491231002x"),
        "\u200b11010519491231002X",
    ],
)
def test_typed_variants_are_normalised(raw: str) -> None:
    assert validate_resident_id(raw, today=TODAY) == []


def test_check_char_helper() -> None:
    assert resident_id_check_char("11010519491231002") == "X"
    assert resident_id_check_char("44052418800101001") == "4"
    with pytest.raises(ValueError, match="17"):
        resident_id_check_char("1101051949123100①")
    with pytest.raises(ValueError, match="17"):
        resident_id_check_char("1101051949123100")


@pytest.mark.parametrize(
    ("char", "position"), [("①", 10), ("٣", 3), ("۳", 17), ("\u0967", 1), ("X", 5), ("A", 18), ("?", 8)]
)
def test_non_digit_characters_are_named(char: str, position: int) -> None:
    number = "11010519491231002X"
    problems = validate_resident_id(number[: position - 1] + char + number[position:], today=TODAY)
    assert codes(problems) == ["resident_id.charset"]
    assert f"第{position}位" in problems[0].message_zh
    assert "non-digit" in problems[0].message_en


def test_inner_space_is_a_non_digit() -> None:
    problems = validate_resident_id("110105 19491231002X", today=TODAY)
    assert codes(problems) == ["resident_id.charset", "resident_id.length"]
    assert "空格" in problems[0].message_zh


def test_old_fifteen_digit_number_is_refused_with_advice() -> None:
    problems = validate_resident_id("110105491231002", today=TODAY)
    assert codes(problems) == ["resident_id.old_format"]
    assert "18位" in problems[0].message_zh
    assert "18-character" in problems[0].message_en


@pytest.mark.parametrize("number", ["1101051949123100", "110105194912310021X", "1"])
def test_length(number: str) -> None:
    assert codes(validate_resident_id(number, today=TODAY)) == ["resident_id.length"]


@pytest.mark.parametrize("value", [None, 11010519491231002, 3.0, b"11010519491231002X"])
def test_non_text_input(value: object) -> None:
    problems = validate_resident_id(value, today=TODAY)
    assert len(problems) == 1
    assert problems[0].severity == "error"
    assert problems[0].code in {"resident_id.type", "resident_id.empty"}


def test_empty() -> None:
    assert codes(validate_resident_id("  ", today=TODAY)) == ["resident_id.empty"]


@pytest.mark.parametrize("born", ["20000229", "20240229", "19000101", "19991231"])
def test_real_dates(born: str) -> None:
    assert validate_resident_id(build_id("370783", born, "123"), today=TODAY) == []


@pytest.mark.parametrize("born", ["19000229", "20230229", "19910230", "19911301", "19910000", "19910431"])
def test_impossible_dates(born: str) -> None:
    problems = validate_resident_id(build_id("370783", born, "123"), today=TODAY)
    assert codes(problems) == ["resident_id.birth_date"]


def test_dates_before_1800_are_impossible_and_before_1900_unusual() -> None:
    assert codes(validate_resident_id(build_id("370783", "17991231", "123"), today=TODAY)) == [
        "resident_id.birth_date"
    ]
    old = validate_resident_id(build_id("370783", "18991231", "123"), today=TODAY)
    assert codes(old) == ["resident_id.birth_date_old"]
    assert is_valid(old)


def test_future_birth_date() -> None:
    tomorrow = build_id("370783", TODAY + timedelta(days=1), "123")
    assert codes(validate_resident_id(tomorrow, today=TODAY)) == ["resident_id.birth_date_future"]
    assert validate_resident_id(build_id("370783", TODAY, "123"), today=TODAY) == []


def test_today_may_be_a_datetime() -> None:
    number = build_id("370783", TODAY, "123")
    assert validate_resident_id(number, today=datetime(2026, 11, 26, 23, 59)) == []
    assert codes(validate_resident_id(number, today=datetime(2026, 11, 25, 8))) == [
        "resident_id.birth_date_future"
    ]


def test_today_defaults_to_the_real_date() -> None:
    assert codes(validate_resident_id(build_id("370783", "20991231", "123"))) == [
        "resident_id.birth_date_future"
    ]


def test_sequence_000() -> None:
    assert codes(validate_resident_id(build_id("370783", "19900101", "000"), today=TODAY)) == [
        "resident_id.sequence"
    ]


@pytest.mark.parametrize("address", ["372223", "370723", "370783", "110105", "810000", "820000", "710000"])
def test_historical_and_special_address_codes_are_accepted(address: str) -> None:
    # 寿光: 372223 before 1983, 370723 in 1983-1993, 370783 since; numbers keep their first code.
    assert validate_resident_id(build_id(address, "19800101", "123"), today=TODAY) == []


@pytest.mark.parametrize("address", ["000000", "990101", "160101", "380101", "660101"])
def test_unknown_province_only_warns(address: str) -> None:
    problems = validate_resident_id(build_id(address, "19800101", "123"), today=TODAY)
    assert codes(problems) == ["resident_id.province"]
    assert is_valid(problems)


def test_known_division_callback_only_warns() -> None:
    number = build_id("372223", "19800101", "123")
    problems = validate_resident_id(number, today=TODAY, known_division=lambda code: code == "370783")
    assert codes(problems) == ["resident_id.division"]
    assert is_valid(problems)


def test_several_problems_errors_first() -> None:
    first17 = "990105" + "20230229" + "000"
    wrong = "0" if resident_id_check_char(first17) != "0" else "1"
    problems = validate_resident_id(first17 + wrong, today=TODAY)
    assert codes(problems) == [
        "resident_id.check",
        "resident_id.birth_date",
        "resident_id.sequence",
        "resident_id.province",
    ]


def test_birth_date_and_sex_helpers() -> None:
    assert resident_id_birth_date("11010519491231002X") == date(1949, 12, 31)
    assert resident_id_birth_date("11010519491231002x ") == date(1949, 12, 31)
    assert resident_id_birth_date("11010519490231002X") is None
    assert resident_id_birth_date("110105491231002") is None
    assert resident_id_sex("11010519491231002X") == "female"
    assert resident_id_sex("440524188001010014") == "male"
    assert resident_id_sex("1101051949123100①X") is None
    assert resident_id_sex("short") is None
    assert resident_id_sex(None) is None  # type: ignore[arg-type]
    assert resident_id_birth_date(None) is None  # type: ignore[arg-type]


# --- property-based -----------------------------------------------------------------------------------

addresses = st.builds(
    lambda province, rest: province + rest,
    st.sampled_from(["11", "31", "37", "44", "65", "81", "82"]),
    st.text("0123456789", min_size=4, max_size=4),
)
sequences = st.integers(1, 999).map(lambda n: f"{n:03d}")
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
valid_ids = st.builds(build_id, addresses, birth_dates, sequences)


@settings(max_examples=500, deadline=None)
@given(valid_ids)
def test_generated_numbers_are_valid(number: str) -> None:
    assert validate_resident_id(number, today=TODAY) == []
    assert validate_resident_id(number.lower(), today=TODAY) == []


@settings(max_examples=200, deadline=None)
@given(addresses, birth_dates, st.integers(1, 999))
def test_helpers_read_back_what_was_built(address: str, born: date, sequence: int) -> None:
    number = build_id(address, born, f"{sequence:03d}")
    assert resident_id_birth_date(number) == born
    assert resident_id_sex(number) == ("male" if sequence % 2 else "female")


@settings(max_examples=500, deadline=None)
@given(valid_ids, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_caught(number: str, position: int, replacement: str) -> None:
    mutated = number[:position] + replacement + number[position + 1 :]
    if mutated != number:
        assert not is_valid(validate_resident_id(mutated, today=TODAY))


@settings(max_examples=300, deadline=None)
@given(valid_ids, st.integers(0, 16), st.characters().filter(lambda c: c not in "0123456789"))
def test_non_ascii_digits_never_pass(number: str, position: int, replacement: str) -> None:
    if "\uff10" <= replacement <= "\uff19":  # full-width digits are normalised on purpose
        return
    mutated = number[:position] + replacement + number[position + 1 :]
    assert not is_valid(validate_resident_id(mutated, today=TODAY))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text("0123456789Xx①٣ ", min_size=14, max_size=20)))
def test_random_text_never_raises(text: str) -> None:
    assert isinstance(validate_resident_id(text, today=TODAY), list)
    resident_id_birth_date(text)
    resident_id_sex(text)
