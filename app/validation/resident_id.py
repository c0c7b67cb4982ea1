"""居民身份证号码 (GB 11643-1999): 6-digit address code, YYYYMMDD birth date, 3-digit sequence, check.

The address code is the one of first issue and is never updated (寿光 was 372223 before 1983, 370723
in 1983-1993, 370783 since), so an address code missing from today's division list is only a warning.
Only the 18-character number is accepted: 15-digit numbers were replaced and have no check digit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Literal

from app.clock import desk_today
from app.validation._common import (
    ASCII_DIGITS,
    empty,
    errors_first,
    list_bad_chars_en,
    list_bad_chars_zh,
    not_text,
)
from app.validation.divisions_min import is_known_province_code
from app.validation.normalize import normalize_identifier
from app.validation.problems import Problem, error, warning

RESIDENT_ID_LENGTH = 18
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_CHECK_ALLOWED = ASCII_DIGITS | {"X"}
# Dates before this are impossible for a living person; dates before 1900 are rare enough to confirm.
EARLIEST_BIRTH_YEAR = 1800
UNUSUAL_BIRTH_YEAR = 1900

Sex = Literal["male", "female"]
KnownDivision = Callable[[str], bool]

_LABEL_ZH = "身份证号码"
_LABEL_EN = "resident ID number"


def resident_id_check_char(first17: str) -> str:
    """The 18th character of a resident ID number whose first 17 digits are ``first17``.

    Raises ``ValueError`` unless ``first17`` is 17 ASCII digits.
    """
    if len(first17) != RESIDENT_ID_LENGTH - 1 or not set(first17) <= ASCII_DIGITS:
        raise ValueError(f"expected 17 ASCII digits, got {first17!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def resident_id_birth_date(number: str) -> date | None:
    """The birth date encoded in positions 7-14 of an 18-character number, or None if there is none."""
    if not isinstance(number, str):
        return None
    text = normalize_identifier(number)
    if len(text) != RESIDENT_ID_LENGTH:
        return None
    return _parse_yyyymmdd(text[6:14])


def resident_id_sex(number: str) -> Sex | None:
    """'male' when the 17th digit (end of the sequence number) is odd, 'female' when even, else None."""
    if not isinstance(number, str):
        return None
    text = normalize_identifier(number)
    if len(text) != RESIDENT_ID_LENGTH or text[16] not in ASCII_DIGITS:
        return None
    return "male" if int(text[16]) % 2 else "female"


def _parse_yyyymmdd(digits: str) -> date | None:
    if len(digits) != 8 or not set(digits) <= ASCII_DIGITS:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def validate_resident_id(
    number: object, *, today: date | None = None, known_division: KnownDivision | None = None
) -> list[Problem]:
    """Problems of an 18-character 居民身份证号码; an empty list means it is well formed.

    ``today`` fixes the date used to reject future birth dates (tests); ``known_division(code6)`` may
    tell whether the address code is a known GB/T 2260 code, historical codes included.
    """
    if not isinstance(number, str):
        return [not_text("resident_id", _LABEL_ZH, _LABEL_EN, number)]
    text = normalize_identifier(number)
    if not text:
        return [empty("resident_id", _LABEL_ZH, _LABEL_EN)]
    if len(text) == 15 and set(text) <= ASCII_DIGITS:
        return [_old_format_problem()]
    shape = _shape_problems(text)
    if shape:
        return shape
    problems = []
    if resident_id_check_char(text[:17]) != text[17]:
        problems.append(_check_problem())
    problems += _birth_date_problems(text[6:14], _as_date(today))
    if text[14:17] == "000":
        problems.append(_sequence_problem())
    problems += _address_problems(text[:6], known_division)
    return errors_first(problems)


def _as_date(today: date | None) -> date:
    """Today's date; a datetime passed by a caller is reduced to its date (they do not compare)."""
    if today is None:
        return desk_today()
    return today.date() if isinstance(today, datetime) else today


def _old_format_problem() -> Problem:
    return error(
        "resident_id.old_format",
        "",
        "这是15位的旧身份证号码，已停止使用。请填写现行的18位身份证号码（见第二代居民身份证）。",
        "This is an old 15-digit ID number, which is no longer used. "
        "Enter the 18-character number printed on the current (second-generation) ID card.",
    )


def _shape_problems(text: str) -> list[Problem]:
    problems = []
    bad = [
        (index + 1, char)
        for index, char in enumerate(text)
        if char not in (_CHECK_ALLOWED if index == len(text) - 1 else ASCII_DIGITS)
    ]
    if bad:
        problems.append(
            error(
                "resident_id.charset",
                "",
                f"身份证号码含有非数字字符：{list_bad_chars_zh(bad)}。"
                "请只填写数字 0-9（仅最后一位可以是 X），不要输入空格或符号。",
                f"The ID number contains a non-digit character: {list_bad_chars_en(bad)}. "
                "Use only the digits 0-9 (the last character may be X), without spaces or symbols.",
            )
        )
    if len(text) != RESIDENT_ID_LENGTH:
        problems.append(
            error(
                "resident_id.length",
                "",
                f"身份证号码应为18位，当前为{len(text)}位，请对照身份证核对。",
                f"The ID number has 18 characters; this one has {len(text)}. Check it against the ID card.",
            )
        )
    return problems


def _check_problem() -> Problem:
    return error(
        "resident_id.check",
        "",
        "身份证号码校验位不符，可能有数字输错，请对照身份证逐位核对。",
        "The check character of the ID number does not match: a digit is probably mistyped. "
        "Compare each digit with the ID card.",
    )


def _birth_date_problems(digits: str, today: date) -> list[Problem]:
    born = _parse_yyyymmdd(digits)
    shown = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    if born is None or born.year < EARLIEST_BIRTH_YEAR:
        return [
            error(
                "resident_id.birth_date",
                "",
                f"身份证号码第7-14位的出生日期「{shown}」不是有效日期，请对照身份证核对。",
                f"The birth date in positions 7-14 ({shown}) is not a valid date. "
                "Check it against the ID card.",
            )
        ]
    if born > today:
        return [
            error(
                "resident_id.birth_date_future",
                "",
                f"身份证号码中的出生日期「{shown}」晚于今天，请对照身份证核对。",
                f"The birth date in the ID number ({shown}) is in the future. Check it against the ID card.",
            )
        ]
    if born.year < UNUSUAL_BIRTH_YEAR:
        return [
            warning(
                "resident_id.birth_date_old",
                "",
                f"身份证号码中的出生日期「{shown}」早于1900年，请确认无误。",
                f"The birth date in the ID number ({shown}) is before 1900; please confirm it.",
            )
        ]
    return []


def _sequence_problem() -> Problem:
    return error(
        "resident_id.sequence",
        "",
        "身份证号码第15-17位顺序码不能为000，请对照身份证核对。",
        "The sequence number in positions 15-17 cannot be 000. Check it against the ID card.",
    )


def _address_problems(code: str, known_division: KnownDivision | None) -> list[Problem]:
    if not is_known_province_code(code):
        return [
            warning(
                "resident_id.province",
                "",
                f"身份证号码前两位「{code[:2]}」不是已知的省级行政区划代码，请对照身份证核对。",
                f"The first two digits '{code[:2]}' are not a known province-level code. "
                "Check them against the ID card.",
            )
        ]
    if known_division is not None and not known_division(code):
        return [
            warning(
                "resident_id.division",
                "",
                f"身份证号码前6位「{code}」不是已知的行政区划代码（旧代码仍然有效），请对照身份证确认。",
                f"The address code '{code}' is not a known division code (old codes remain valid); "
                "confirm it against the ID card.",
            )
        ]
    return []
