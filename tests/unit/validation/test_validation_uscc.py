"""统一社会信用代码 (GB 32100) and 组织机构代码 (GB 11714)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import (
    USCC_AUTHORITIES,
    USCC_CHARS,
    Problem,
    is_valid,
    org_code_check_char,
    uscc_check_char,
    validate_org_code,
    validate_uscc,
)


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def error_codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems if p.severity == "error"]


def build_uscc(authority: str, org_type: str, division: str, org_body: str) -> str:
    first17 = authority + org_type + division + org_body + org_code_check_char(org_body)
    return first17 + uscc_check_char(first17)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


@pytest.mark.parametrize("code", ["91110000600037341L", "91310115MA1K3BTP2B", "92340602MA2PBMEM24"])
def test_public_valid_examples(code: str) -> None:
    assert validate_uscc(code) == []


def test_public_example_with_wrong_check_character() -> None:
    assert codes(validate_uscc("91110000600037341N")) == ["uscc.check"]


def test_public_example_with_forbidden_letters() -> None:
    problems = validate_uscc("9111000060003IOZSV")
    assert codes(problems) == ["uscc.charset"]
    assert "第14位「I」" in problems[0].message_zh
    assert "position 18" in problems[0].message_en


def test_check_helpers_agree_with_public_examples() -> None:
    assert uscc_check_char("91110000600037341") == "L"
    assert uscc_check_char("91310115MA1K3BTP2") == "B"
    assert org_code_check_char("60003734") == "1"
    assert org_code_check_char("MA1K3BTP") == "2"


@pytest.mark.parametrize(
    "raw",
    [
        " 91110000600037341l ",
        "\u300091310115ma1k3btp2b\u3000",
        fullwidth("92340602MA2PBMEM24"),
        "\ufeff91110000600037341L",
    ],
)
def test_typed_variants_are_normalised(raw: str) -> None:
    assert validate_uscc(raw) == []


@pytest.mark.parametrize("value", [None, 91110000600037341, 1.5, b"91110000600037341L", ["x"]])
def test_non_text_input_is_a_problem_not_an_exception(value: object) -> None:
    problems = validate_uscc(value)
    assert len(problems) == 1
    assert problems[0].severity == "error"
    assert problems[0].code in {"uscc.type", "uscc.empty"}
    assert problems[0].field == ""


@pytest.mark.parametrize("value", ["", "   ", "\u3000"])
def test_empty(value: str) -> None:
    assert codes(validate_uscc(value)) == ["uscc.empty"]


@pytest.mark.parametrize("value", ["9111000060003734", "91110000600037341LL", "123"])
def test_length(value: str) -> None:
    assert codes(validate_uscc(value)) == ["uscc.length"]


@pytest.mark.parametrize("char", ["①", "٣", "\u0967", "Ⅷ"])
def test_digits_of_other_scripts_are_named_non_digits(char: str) -> None:
    problems = validate_uscc("91110" + char + "00600037341L")
    assert codes(problems) == ["uscc.charset"]
    assert "non-digit" in problems[0].message_en
    assert "不是数字" in problems[0].message_zh
    org = validate_org_code("6000373" + char + "1")
    assert codes(org) == ["org_code.charset"]
    assert "non-digit" in org[0].message_en


def test_fifteen_digit_registration_number_gets_a_hint() -> None:
    problems = validate_uscc("110000012345678")
    assert codes(problems) == ["uscc.length"]
    assert "注册号" in problems[0].message_zh


@pytest.mark.parametrize("char", ["①", "٣", "a\u0301", " ", "-", "Ｉ"])
def test_characters_outside_the_set(char: str) -> None:
    code = "91110000600037341L"
    problems = validate_uscc(code[:5] + char + code[6:])
    assert "uscc.charset" in codes(problems)
    assert not is_valid(problems)


LAWFUL_HEADERS = ["11", "19", "21", "35", "53", "62", "71", "89", "91", "92", "93", "A1", "A9", "N2", "N9"]


@pytest.mark.parametrize("header", [*LAWFUL_HEADERS, "Y1"])
def test_lawful_authorities_including_letters(header: str) -> None:
    # python-stdnum rejects codes whose first 8 characters are not all digits: they are lawful.
    assert validate_uscc(build_uscc(header[0], header[1], "370783", "MA3C4D5E")) == []


@pytest.mark.parametrize(("authority", "org_type"), [("9", "4"), ("9", "9"), ("Y", "2"), ("5", "A")])
def test_unknown_organisation_type_only_warns(authority: str, org_type: str) -> None:
    problems = validate_uscc(build_uscc(authority, org_type, "370783", "MA3C4D5E"))
    assert codes(problems) == ["uscc.org_type"]
    assert is_valid(problems)


@pytest.mark.parametrize("authority", ["B", "C", "0", "X"])
def test_unknown_authority_only_warns(authority: str) -> None:
    problems = validate_uscc(build_uscc(authority, "1", "370783", "MA3C4D5E"))
    assert codes(problems) == ["uscc.authority"]
    assert is_valid(problems)


def test_division_must_be_six_digits() -> None:
    first17 = "91" + "37A783" + "MA3C4D5E" + org_code_check_char("MA3C4D5E")
    problems = validate_uscc(first17 + uscc_check_char(first17))
    assert codes(problems) == ["uscc.division"]


def test_unknown_province_in_division_only_warns() -> None:
    problems = validate_uscc(build_uscc("9", "1", "990783", "MA3C4D5E"))
    assert codes(problems) == ["uscc.division_unknown"]
    assert is_valid(problems)


def test_national_division_code_is_known() -> None:
    assert validate_uscc(build_uscc("9", "1", "100000", "10000396")) == []


def test_known_division_callback() -> None:
    code = build_uscc("9", "1", "370783", "MA3C4D5E")
    assert validate_uscc(code, known_division=lambda c: c == "370783") == []
    assert codes(validate_uscc(code, known_division=lambda c: False)) == ["uscc.division_unknown"]


def test_embedded_organisation_code_check() -> None:
    first17 = "91370783MA3C4D5E" + ("1" if org_code_check_char("MA3C4D5E") != "1" else "2")
    problems = validate_uscc(first17 + uscc_check_char(first17))
    assert codes(problems) == ["uscc.org_code_check"]


def test_errors_come_before_warnings() -> None:
    problems = validate_uscc("B9990000600037341N")
    severities = [p.severity for p in problems]
    assert severities == sorted(severities)  # "error" < "warning"
    assert {"uscc.check", "uscc.authority"} <= set(codes(problems))


def test_check_helpers_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="17"):
        uscc_check_char("9111000060003734")
    with pytest.raises(ValueError, match="17"):
        uscc_check_char("9111000060003734I")
    with pytest.raises(ValueError, match="8"):
        org_code_check_char("6000373①")


# --- property-based -----------------------------------------------------------------------------------

_LAWFUL_HEADERS = [a + t for a, (_, _, types) in USCC_AUTHORITIES.items() for t in sorted(types)]
headers = st.sampled_from(_LAWFUL_HEADERS)
divisions = st.builds(
    lambda province, rest: province + rest,
    st.sampled_from(["10", "11", "37", "44", "65", "81"]),
    st.text("0123456789", min_size=4, max_size=4),
)
org_bodies = st.text(USCC_CHARS, min_size=8, max_size=8)
valid_usccs = st.builds(lambda h, d, o: build_uscc(h[0], h[1], d, o), headers, divisions, org_bodies)


@settings(max_examples=500, deadline=None)
@given(valid_usccs)
def test_generated_codes_are_valid(code: str) -> None:
    assert validate_uscc(code) == []
    assert validate_uscc(code.lower()) == []


@settings(max_examples=500, deadline=None)
@given(valid_usccs, st.integers(0, 17), st.sampled_from(USCC_CHARS))
def test_any_single_character_change_is_caught(code: str, position: int, replacement: str) -> None:
    mutated = code[:position] + replacement + code[position + 1 :]
    if mutated != code:
        assert not is_valid(validate_uscc(mutated))


# Any character that does not normalise into the set (full-width forms of allowed ones do).
foreign_chars = st.characters(exclude_characters=USCC_CHARS + USCC_CHARS.lower()).filter(
    lambda c: not "\uff01" <= c <= "\uff5e"
)


@settings(max_examples=300, deadline=None)
@given(valid_usccs, st.integers(0, 17), foreign_chars)
def test_foreign_characters_are_caught(code: str, position: int, replacement: str) -> None:
    mutated = code[:position] + replacement + code[position + 1 :]
    assert not is_valid(validate_uscc(mutated))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(USCC_CHARS + "IOSVZ①٣ ", min_size=16, max_size=20)))
def test_random_text_never_raises(text: str) -> None:
    for problem in validate_uscc(text) + validate_org_code(text):
        assert problem.message_zh
        assert problem.message_en


# --- GB 11714 organisation code -------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["60003734-1", "600037341", "MA1K3BTP-2", "ma1k3btp2", "MA2PBMEM2"])
def test_org_code_valid(code: str) -> None:
    assert validate_org_code(code) == []


def test_org_code_check_values_ten_and_eleven() -> None:
    bodies = {org_code_check_char(f"{n:08d}") for n in range(200)}
    assert {"X", "0"} <= bodies
    x_body = next(f"{n:08d}" for n in range(200) if org_code_check_char(f"{n:08d}") == "X")
    assert validate_org_code(x_body + "X") == []
    assert validate_org_code(x_body + "x") == []


def test_org_code_problems() -> None:
    assert codes(validate_org_code("60003734-2")) == ["org_code.check"]
    assert codes(validate_org_code("6000373")) == ["org_code.length"]
    assert codes(validate_org_code("6000373①1")) == ["org_code.charset"]
    assert codes(validate_org_code("60003734A")) == ["org_code.charset"]
    assert codes(validate_org_code(None)) == ["org_code.empty"]
    assert codes(validate_org_code(600037341)) == ["org_code.type"]


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8))
def test_generated_org_codes_are_valid(body: str) -> None:
    assert validate_org_code(body + org_code_check_char(body)) == []
