"""Mainland mobile numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import KNOWN_MOBILE_PREFIXES, Problem, is_valid, validate_mobile


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


@pytest.mark.parametrize(
    "number",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+86-138-0013-8000",
        "0086 13800138000",
        "86-13800138000",
        "8613800138000",
        "（＋８６）１３８００１３８０００",
        "１３８００１３８０００",
        "\u300013800138000 ",
        "19912345678",
        "16612345678",
        "19212345678",
    ],
)
def test_valid(number: str) -> None:
    assert validate_mobile(number) == []


@pytest.mark.parametrize("char", ["①", "٣", "۳", "a", "*", "\u200b"])
def test_non_digit_characters(char: str) -> None:
    problems = validate_mobile(f"13800{char}38000")
    assert codes(problems)[0] == "mobile.charset"
    assert "non-digit" in problems[0].message_en
    assert not is_valid(problems)


@pytest.mark.parametrize("number", ["1380013800", "138001380001", "1"])
def test_length(number: str) -> None:
    assert codes(validate_mobile(number)) == ["mobile.length"]


@pytest.mark.parametrize("number", ["12800138000", "10086100861", "23800138000"])
def test_must_start_with_13_to_19(number: str) -> None:
    assert codes(validate_mobile(number)) == ["mobile.format"]


def test_landline_gets_a_hint() -> None:
    problems = validate_mobile("05365555555")
    assert codes(problems) == ["mobile.format"]
    assert "固定电话" in problems[0].message_zh


@pytest.mark.parametrize("number", ["16012345678", "15412345678", "19412345678", "17912345678"])
def test_unallocated_range_only_warns(number: str) -> None:
    problems = validate_mobile(number)
    assert codes(problems) == ["mobile.prefix"]
    assert is_valid(problems)


def test_foreign_numbers_are_not_mainland_mobiles() -> None:
    assert not is_valid(validate_mobile("+852 6123 4567"))
    assert not is_valid(validate_mobile("+1 415 555 0100"))


@pytest.mark.parametrize("value", [None, 13800138000, 1.38e10])
def test_non_text_input(value: object) -> None:
    problems = validate_mobile(value)
    assert len(problems) == 1
    assert problems[0].code in {"mobile.type", "mobile.empty"}
    assert problems[0].severity == "error"


def test_empty() -> None:
    assert codes(validate_mobile(" - ")) == ["mobile.empty"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(KNOWN_MOBILE_PREFIXES)), st.text("0123456789", min_size=8, max_size=8))
def test_every_known_range_is_valid(prefix: str, rest: str) -> None:
    assert validate_mobile(prefix + rest) == []
    assert validate_mobile(f"+86 {prefix} {rest[:4]} {rest[4:]}") == []


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text("0123456789+-() ①٣８６", max_size=20)))
def test_random_text_never_raises(text: str) -> None:
    assert isinstance(validate_mobile(text), list)
