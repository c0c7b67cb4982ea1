"""Mainland China mobile numbers: 11 ASCII digits matching ``1[3-9]`` + 9 digits.

Carriers get new ranges from time to time, so a number outside the ranges known here only warns.
"""

from __future__ import annotations

import re

from app.validation._common import (
    ASCII_DIGITS,
    empty,
    errors_first,
    find_bad_chars,
    list_bad_chars_en,
    list_bad_chars_zh,
    not_text,
)
from app.validation.normalize import normalize_mobile
from app.validation.problems import Problem, error, warning

MOBILE_LENGTH = 11
MOBILE_PATTERN = re.compile(r"1[3-9][0-9]{9}", re.ASCII)

# First three digits allocated to China Mobile, China Unicom, China Telecom, China Broadnet and the
# virtual operators (including data-only and IoT ranges that can still receive SMS). Updated 2026-11.
KNOWN_MOBILE_PREFIXES: frozenset[str] = frozenset(
    [f"13{d}" for d in "0123456789"]
    + ["145", "146", "147", "148", "149"]
    + ["150", "151", "152", "153", "155", "156", "157", "158", "159"]
    + ["162", "165", "166", "167"]
    + ["170", "171", "172", "173", "174", "175", "176", "177", "178"]
    + [f"18{d}" for d in "0123456789"]
    + ["190", "191", "192", "193", "195", "196", "197", "198", "199"]
)


def validate_mobile(number: object) -> list[Problem]:
    """Problems of a mainland mobile number; an empty list means it is well formed.

    A +86 / 0086 / 86- country code and the spaces or hyphens clerks type ("138 0013 8000") are
    accepted; see ``normalize_mobile`` for the canonical form to store.
    """
    if not isinstance(number, str):
        return [not_text("mobile", "手机号码", "mobile number", number)]
    digits = normalize_mobile(number)
    if not digits:
        return [empty("mobile", "手机号码", "mobile number")]
    problems = _shape_problems(digits)
    if problems:
        return problems
    if not MOBILE_PATTERN.fullmatch(digits):
        return [_format_problem(digits)]
    if digits[:3] not in KNOWN_MOBILE_PREFIXES:
        return [
            warning(
                "mobile.prefix",
                "",
                f"手机号码号段「{digits[:3]}」不在已知号段中，请与申请人核实号码是否正确。",
                f"The range '{digits[:3]}' is not a known mobile range; "
                "confirm the number with the applicant.",
            )
        ]
    return []


def _shape_problems(digits: str) -> list[Problem]:
    problems = []
    bad = find_bad_chars(digits, ASCII_DIGITS)
    if bad:
        problems.append(
            error(
                "mobile.charset",
                "",
                f"手机号码含有非数字字符：{list_bad_chars_zh(bad)}。请只填写11位数字（可带 +86）。",
                f"The mobile number contains a non-digit character: {list_bad_chars_en(bad)}. "
                "Enter the 11 digits only (a +86 prefix is allowed).",
            )
        )
    if len(digits) != MOBILE_LENGTH:
        problems.append(
            error(
                "mobile.length",
                "",
                f"手机号码应为11位数字，当前为{len(digits)}位，请核对。",
                f"A mobile number has 11 digits; this one has {len(digits)}. Please check it.",
            )
        )
    return errors_first(problems)


def _format_problem(digits: str) -> Problem:
    hint_zh = hint_en = ""
    if digits.startswith("0"):
        hint_zh = "以0开头的是固定电话号码，请填写在联系电话栏，"
        hint_en = " A number starting with 0 is a landline; put it in the phone field."
    return error(
        "mobile.format",
        "",
        f"手机号码应以13至19开头。{hint_zh}请核对后重新填写。",
        f"A mobile number starts with 13 to 19.{hint_en} Please check it and enter it again.",
    )
