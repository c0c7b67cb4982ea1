"""Normalisation of typed identifiers, phone numbers and names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.validation import (
    fullwidth_to_halfwidth,
    normalize_company_name,
    normalize_identifier,
    normalize_mobile,
    normalize_org_code,
    normalize_text,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("".join(chr(ord(c) + 0xFEE0) for c in "91110000600037341L"), "91110000600037341L"),
        ("  91110000600037341l\u3000", "91110000600037341L"),
        ("\ufeff11010519491231002x\u200b", "11010519491231002X"),
        ("\u3000 ９１\u3000", "91"),
        ("", ""),
    ],
)
def test_normalize_identifier(raw: str, expected: str) -> None:
    assert normalize_identifier(raw) == expected


@pytest.mark.parametrize("char", ["①", "٣", "۳", "\u0967", "𝟙"])
def test_non_ascii_digits_are_not_turned_into_digits(char: str) -> None:
    assert normalize_identifier(f"1{char}2") == f"1{char}2"


def test_only_ascii_letters_are_upper_cased() -> None:
    # str.upper() would turn 'ß' into 'SS' and change the length.
    assert normalize_identifier("aßz") == "AßZ"


def test_fullwidth_range_maps_onto_ascii() -> None:
    full = "".join(chr(code) for code in range(0xFF01, 0xFF5F))
    assert fullwidth_to_halfwidth(full) == "".join(chr(code) for code in range(0x21, 0x7F))
    assert fullwidth_to_halfwidth("（寿光）") == "(寿光)"


def test_normalize_text_keeps_inner_spaces() -> None:
    assert normalize_text("\u3000 a b \u3000") == "a b"


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "0086 13800138000",
        "0086-138-0013-8000",
        "86-13800138000",
        "86 13800138000",
        "8613800138000",
        "(+86) 13800138000",
        "＋８６　１３８００１３８０００",
        " 13800138000\u3000",
    ],
)
def test_normalize_mobile(raw: str) -> None:
    assert normalize_mobile(raw) == "13800138000"


def test_normalize_mobile_keeps_what_it_cannot_explain() -> None:
    assert normalize_mobile("+852 6123 4567") == "+85261234567"
    assert normalize_mobile("138①0013800") == "138①0013800"


def test_normalize_org_code_drops_the_printed_hyphen() -> None:
    assert normalize_org_code("60003734-1") == "600037341"
    assert normalize_org_code("ma1k3btp-2") == "MA1K3BTP2"
    assert normalize_org_code("6000-37341") == "6000-37341"


def test_normalize_company_name() -> None:
    assert normalize_company_name("  某某(寿光)农业有限公司\u3000") == "某某（寿光）农业有限公司"
    assert normalize_company_name("寿光市ＡＢＣ农业有限公司") == "寿光市ABC农业有限公司"


def test_radicals_copied_from_pdfs_become_ordinary_characters() -> None:
    # U+2F00 KANGXI RADICAL ONE and U+2FA6 KANGXI RADICAL GOLD look like 一 and 金.
    assert normalize_company_name("寿光市\u2fa6丰\u2f00号农业有限公司") == "寿光市金丰一号农业有限公司"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalisers_never_raise(text: str) -> None:
    for normalise in (normalize_identifier, normalize_mobile, normalize_org_code, normalize_company_name):
        assert isinstance(normalise(text), str)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    for normalise in (normalize_identifier, normalize_org_code, normalize_company_name, normalize_text):
        once = normalise(text)
        assert normalise(once) == once
