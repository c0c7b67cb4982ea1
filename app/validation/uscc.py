"""统一社会信用代码 (GB 32100-2015) and the embedded 组织机构代码 (GB 11714-1997).

Layout of the 18 characters: [1] registration authority, [2] organisation type, [3-8] GB/T 2260
division code of the registering authority, [9-17] organisation code (8 characters and its own check),
[18] check character (ISO 7064 MOD 31-3 style, weights 3^(i-1) mod 31).

Positions 1 and 2 follow the authority table of GB 32100 (``A`` and ``N`` and ``Y`` are lawful first
characters); combinations missing from the table are warnings, since the table has been extended before.
"""

from __future__ import annotations

from collections.abc import Callable

from app.validation._common import (
    ASCII_DIGITS,
    ASCII_UPPER,
    digit_lookalike_hint,
    empty,
    errors_first,
    find_bad_chars,
    list_bad_chars_en,
    list_bad_chars_zh,
    not_text,
)
from app.validation.divisions_min import USCC_DIVISION_PREFIXES
from app.validation.normalize import normalize_identifier, normalize_org_code
from app.validation.problems import Problem, error, warning

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
_USCC_VALUES = {char: value for value, char in enumerate(USCC_CHARS)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(USCC_LENGTH - 1))
_USCC_ALLOWED = frozenset(USCC_CHARS)
# Letters GB 32100 leaves out, and the digit a clerk probably meant.
_USCC_LOOKALIKES = {"I": "1", "O": "0", "Z": "2", "S": "5", "V": "U"}

ORG_CODE_LENGTH = 9
_ORG_BODY_ALLOWED = ASCII_DIGITS | ASCII_UPPER
_ORG_CHECK_ALLOWED = ASCII_DIGITS | {"X"}
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# GB 32100 table: registration authority -> (name zh, name en, organisation types).
USCC_AUTHORITIES: dict[str, tuple[str, str, frozenset[str]]] = {
    "1": ("机构编制", "public-sector staffing", frozenset("1239")),
    "2": ("外交", "foreign affairs", frozenset("19")),
    "3": ("司法行政", "justice administration", frozenset("123459")),
    "4": ("文化", "culture", frozenset("19")),
    "5": ("民政", "civil affairs", frozenset("1239")),
    "6": ("旅游", "tourism", frozenset("129")),
    "7": ("宗教", "religious affairs", frozenset("129")),
    "8": ("工会", "trade unions", frozenset("19")),
    "9": ("市场监管（工商）", "market regulation", frozenset("123")),
    "A": ("中央军委改革和编制办公室", "Central Military Commission staffing office", frozenset("19")),
    "N": ("农业农村", "agriculture", frozenset("1239")),
    "Y": ("其他", "other", frozenset("1")),
}

KnownDivision = Callable[[str], bool]


def uscc_check_char(first17: str) -> str:
    """The 18th character of a USCC whose first 17 characters are ``first17``.

    Raises ``ValueError`` unless ``first17`` is 17 characters of the USCC character set.
    """
    if len(first17) != USCC_LENGTH - 1 or not set(first17) <= _USCC_ALLOWED:
        raise ValueError(f"expected 17 characters of {USCC_CHARS}, got {first17!r}")
    total = sum(_USCC_VALUES[char] * weight for char, weight in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """The 9th (check) character of a GB 11714 organisation code whose body is ``first8``.

    Values: digits 0-9, letters A-Z 10-35. Raises ``ValueError`` for anything else.
    """
    if len(first8) != ORG_CODE_LENGTH - 1 or not set(first8) <= _ORG_BODY_ALLOWED:
        raise ValueError(f"expected 8 characters 0-9 or A-Z, got {first8!r}")
    total = sum(int(char, 36) * weight for char, weight in zip(first8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_uscc(code: object, *, known_division: KnownDivision | None = None) -> list[Problem]:
    """Problems of a 统一社会信用代码; an empty list means it is well formed.

    ``known_division(code6)`` may tell whether positions 3-8 are a known GB/T 2260 code (historical
    codes included); without it only the province-level prefix is checked. Unknown codes only warn.
    """
    if not isinstance(code, str):
        return [not_text("uscc", "统一社会信用代码", "unified social credit code", code)]
    text = normalize_identifier(code)
    if not text:
        return [empty("uscc", "统一社会信用代码", "unified social credit code")]
    shape = _uscc_shape_problems(text)
    if shape:
        return shape
    header = _uscc_header_problems(text)
    division = _uscc_division_problems(text[2:8], known_division)
    return errors_first([*header, *division, *_uscc_check_problems(text)])


def _uscc_shape_problems(text: str) -> list[Problem]:
    problems = []
    bad = find_bad_chars(text, _USCC_ALLOWED)
    if bad:
        hint_zh, hint_en = digit_lookalike_hint(bad)
        if any(char in _USCC_LOOKALIKES for _, char in bad):
            hint_zh += "（代码不使用字母 I、O、S、V、Z，请核对是否为数字 1、0、5、2 或字母 U）"
            hint_en += (
                " (the code never uses I, O, S, V or Z: check for the digits 1, 0, 5, 2 or the letter U)"
            )
        problems.append(
            error(
                "uscc.charset",
                "",
                f"统一社会信用代码含有不允许的字符：{list_bad_chars_zh(bad)}{hint_zh}。"
                "只能使用数字 0-9 和大写字母，请对照营业执照核对。",
                f"The unified social credit code contains characters that are not allowed: "
                f"{list_bad_chars_en(bad)}{hint_en}. Use only the digits 0-9 and capital letters "
                "as printed on the business licence.",
            )
        )
    if len(text) != USCC_LENGTH:
        problems.append(_uscc_length_problem(text))
    return problems


def _uscc_length_problem(text: str) -> Problem:
    hint_zh = hint_en = ""
    if len(text) == 15 and set(text) <= ASCII_DIGITS:
        hint_zh = "15位数字是旧版营业执照的注册号，"
        hint_en = " A 15-digit number is an old business-licence registration number;"
    return error(
        "uscc.length",
        "",
        f"统一社会信用代码应为18位，当前为{len(text)}位。{hint_zh}请对照营业执照填写18位代码。",
        f"The unified social credit code has 18 characters; this one has {len(text)}.{hint_en} "
        "Enter the 18-character code printed on the business licence.",
    )


def _uscc_header_problems(text: str) -> list[Problem]:
    authority, org_type = text[0], text[1]
    entry = USCC_AUTHORITIES.get(authority)
    if entry is None:
        return [
            warning(
                "uscc.authority",
                "",
                f"第1位「{authority}」不是已知的登记管理部门代码，请对照证照核对。",
                f"Position 1 '{authority}' is not a known registration-authority code; "
                "check it against the certificate.",
            )
        ]
    name_zh, name_en, types = entry
    if org_type in types:
        return []
    return [
        warning(
            "uscc.org_type",
            "",
            f"第2位「{org_type}」不是{name_zh}登记的已知机构类别（应为 {'、'.join(sorted(types))}），"
            "请对照证照核对。",
            f"Position 2 '{org_type}' is not a known organisation type for authority '{authority}' "
            f"({name_en}; expected one of {', '.join(sorted(types))}); check it against the certificate.",
        )
    ]


def _uscc_division_problems(division: str, known_division: KnownDivision | None) -> list[Problem]:
    if not set(division) <= ASCII_DIGITS:
        return [
            error(
                "uscc.division",
                "",
                f"第3-8位「{division}」应为6位数字的行政区划代码，请对照营业执照核对。",
                f"Positions 3-8 '{division}' must be the 6-digit division code; "
                "check them against the business licence.",
            )
        ]
    known = division[:2] in USCC_DIVISION_PREFIXES
    if known and known_division is not None:
        known = known_division(division)
    if known:
        return []
    return [
        warning(
            "uscc.division_unknown",
            "",
            f"第3-8位「{division}」不是已知的行政区划代码，请对照营业执照核对。",
            f"Positions 3-8 '{division}' are not a known division code; "
            "check them against the business licence.",
        )
    ]


def _uscc_check_problems(text: str) -> list[Problem]:
    problems = []
    if org_code_check_char(text[8:16]) != text[16]:
        problems.append(
            error(
                "uscc.org_code_check",
                "",
                "统一社会信用代码第9-17位（组织机构代码）校验不通过，可能有字符输错，请对照营业执照逐位核对。",
                "Positions 9-17 (the organisation code) fail their check: a character is probably "
                "mistyped. Compare each character with the business licence.",
            )
        )
    if uscc_check_char(text[:17]) != text[17]:
        problems.append(
            error(
                "uscc.check",
                "",
                "统一社会信用代码校验位不符，可能有字符输错，请对照营业执照逐位核对。",
                "The check character of the unified social credit code does not match: a character is "
                "probably mistyped. Compare each character with the business licence.",
            )
        )
    return problems


def validate_org_code(code: object) -> list[Problem]:
    """Problems of a 9-character GB 11714 组织机构代码 (the printed form ``XXXXXXXX-X`` is accepted)."""
    if not isinstance(code, str):
        return [not_text("org_code", "组织机构代码", "organisation code", code)]
    text = normalize_org_code(code)
    if not text:
        return [empty("org_code", "组织机构代码", "organisation code")]
    problems = _org_code_shape_problems(text)
    if problems:
        return problems
    if org_code_check_char(text[:8]) != text[8]:
        return [
            error(
                "org_code.check",
                "",
                "组织机构代码校验位不符，可能有字符输错，请对照证书逐位核对。",
                "The check character of the organisation code does not match: a character is probably "
                "mistyped. Compare each character with the certificate.",
            )
        ]
    return []


def _org_code_shape_problems(text: str) -> list[Problem]:
    problems = []
    bad = [
        (index + 1, char)
        for index, char in enumerate(text)
        if char not in (_ORG_CHECK_ALLOWED if index == len(text) - 1 else _ORG_BODY_ALLOWED)
    ]
    if bad:
        hint_zh, hint_en = digit_lookalike_hint(bad)
        problems.append(
            error(
                "org_code.charset",
                "",
                f"组织机构代码含有不允许的字符：{list_bad_chars_zh(bad)}{hint_zh}。"
                "前8位只能是数字或大写字母，第9位（校验位）只能是数字或 X。",
                f"The organisation code contains characters that are not allowed: {list_bad_chars_en(bad)}"
                f"{hint_en}. The first 8 are digits or capital letters, the 9th (check) a digit or X.",
            )
        )
    if len(text) != ORG_CODE_LENGTH:
        problems.append(
            error(
                "org_code.length",
                "",
                f"组织机构代码应为9位（可写作 XXXXXXXX-X），当前为{len(text)}位，请核对。",
                f"The organisation code has 9 characters (printed XXXXXXXX-X); this one has {len(text)}.",
            )
        )
    return problems
