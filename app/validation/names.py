"""Enterprise names (企业名称): 国务院令第734号《企业名称登记管理规定》and 总局令第82号 实施办法.

A name is 行政区划 + 字号 + 行业或经营特点 + 组织形式 (the 行政区划 may follow the 字号 in brackets:
某某（寿光）农业有限公司). It uses standard Chinese characters only; full-width brackets are allowed.
The organisation form must match the company type. Whether the name is already taken can only be
checked online, so every name carries a ``name.duplicate_unchecked`` warning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from app.validation._common import describe_char, empty, errors_first, not_text
from app.validation.divisions_min import DIVISION_NAMES
from app.validation.name_forms import form_problems
from app.validation.name_words import (
    FORBIDDEN_CATEGORIES,
    INDUSTRY_WORDS,
    NATIONAL_WORDS_INSIDE,
    STATE_COUNCIL_PREFIXES,
    TRADITIONAL_TO_STANDARD,
    Term,
)
from app.validation.normalize import normalize_company_name
from app.validation.problems import Problem, error, is_valid, warning

COMPANY_TYPES = ("llc", "joint_stock", "sole_proprietorship", "partnership")
MIN_NAME_LENGTH = 4
MAX_NAME_LENGTH = 50
_BRACKETS = frozenset("（）")


def validate_company_name(
    name: object, company_type: object, *, division_names: Collection[str] = ()
) -> list[Problem]:
    """Problems of an enterprise name for a company of ``company_type``.

    ``company_type`` is one of ``llc``, ``joint_stock``, ``sole_proprietorship``, ``partnership``;
    ``division_names`` adds administrative-division names (e.g. from the GB/T 2260 reference pack) to
    the small built-in list used to find the 行政区划 part. Name problems have an empty ``field``; a
    wrong company type is reported on the field ``company_type``.
    """
    problems = [] if company_type in COMPANY_TYPES else [_company_type_problem(company_type)]
    if not isinstance(name, str):
        return [*problems, not_text("name", "企业名称", "enterprise name", name)]
    text = normalize_company_name(name)
    if not text:
        return [*problems, empty("name", "企业名称", "enterprise name")]
    problems += _text_problems(text)
    problems += _content_problems(text)
    if isinstance(company_type, str) and company_type in COMPANY_TYPES:
        found, body = form_problems(text, company_type)
        problems += found
        # The structure is analysed only once characters and form are right.
        if body is not None and is_valid(problems):
            problems += _structure_problems(body, DIVISION_NAMES | frozenset(division_names))
    problems.append(_duplicate_unchecked())
    return errors_first(problems)


def _company_type_problem(company_type: object) -> Problem:
    shown = repr(company_type)[:40]
    return error(
        "name.company_type",
        "company_type",
        f"企业类型 {shown} 无法识别，请选择有限责任公司、股份有限公司、个人独资企业或合伙企业。",
        f"Unknown company type {shown}: choose one of {', '.join(COMPANY_TYPES)}.",
    )


def _duplicate_unchecked() -> Problem:
    return warning(
        "name.duplicate_unchecked",
        "",
        "名称需联网查重：是否与已登记的企业重名或近似，须在企业名称自主申报系统中查询确认（待确认）。",
        "The name must be checked online for duplicates: whether it equals or resembles a registered "
        "name can only be confirmed in the name declaration system (to be confirmed).",
    )


# --- characters and length -------------------------------------------------------------------------


def _char_kind(char: str) -> str:
    """Classify one character of a normalised name."""
    if char.isspace():
        return "whitespace"
    if char in TRADITIONAL_TO_STANDARD:
        return "traditional"
    if "\u4e00" <= char <= "\u9fff" or char == "〇" or char in _BRACKETS:
        return "ok"
    if "\u3400" <= char <= "\u4dbf" or "\U00020000" <= char <= "\U0003134f":
        return "rare"
    if (char.isascii() and char.isalpha()) or unicodedata.name(char, "").startswith("LATIN"):
        return "latin"
    if char in "0123456789":
        return "digits"
    return "other"


def _text_problems(text: str) -> list[Problem]:
    by_kind: dict[str, list[str]] = {}
    for char in text:
        by_kind.setdefault(_char_kind(char), []).append(char)
    problems = [_char_problem(kind, chars) for kind, chars in by_kind.items() if kind != "ok"]
    problems += _bracket_problems(text)
    if len(text) < MIN_NAME_LENGTH or len(text) > MAX_NAME_LENGTH:
        problems.append(_length_problem(len(text)))
    return problems


def _char_problem(kind: str, chars: list[str]) -> Problem:
    unique = list(dict.fromkeys(chars))
    shown_zh = "、".join(describe_char(c) for c in unique[:5])
    shown_en = ", ".join(describe_char(c, "en") for c in unique[:5])
    if kind == "traditional":
        fixes = "、".join(f"「{c}」改为「{TRADITIONAL_TO_STANDARD[c]}」" for c in unique[:5])
        fixes_en = ", ".join(f"'{c}' -> '{TRADITIONAL_TO_STANDARD[c]}'" for c in unique[:5])
        return error(
            "name.traditional",
            "",
            f"名称应使用规范汉字，请将繁体字{fixes}。",
            f"The name must use standard (simplified) characters: replace {fixes_en}.",
        )
    if kind == "rare":
        return warning(
            "name.rare_char",
            "",
            f"名称含有生僻字{shown_zh}，请确认其为规范汉字且登记系统能够录入。",
            f"The name contains rare characters ({shown_en}); confirm they are standard characters "
            "that the registration system accepts.",
        )
    code, zh, en = _CHAR_MESSAGES[kind]
    return error(code, "", zh.format(shown_zh), en.format(shown_en))


_CHAR_MESSAGES = {
    "whitespace": (
        "name.whitespace",
        "名称中不能有空格，请删除空格。",
        "The name may not contain spaces; remove them.",
    ),
    "latin": (
        "name.latin",
        "名称不能使用外文字母或汉语拼音（{}），请改用汉字。",
        "The name may not use Latin letters or pinyin ({}); use Chinese characters.",
    ),
    "digits": (
        "name.digits",
        "名称不能使用阿拉伯数字（{}），数字请用汉字书写，如「一」「二」。",
        "The name may not use Arabic digits ({}); write numbers in Chinese characters (一, 二, ...).",
    ),
    "other": (
        "name.charset",
        "名称只能使用规范汉字和全角括号（），请删除或改写以下字符：{}。",
        "The name may only use standard Chinese characters and full-width brackets （）; "
        "remove or rewrite: {}.",
    ),
}


def _bracket_problems(text: str) -> list[Problem]:
    depth = 0
    balanced = True
    for index, char in enumerate(text):
        if char == "（":
            balanced &= depth == 0 and index + 1 < len(text) and text[index + 1] != "）"
            depth += 1
        elif char == "）":
            balanced &= depth == 1
            depth -= 1
    if balanced and depth == 0:
        return []
    return [
        error(
            "name.brackets",
            "",
            "名称中的括号不成对、为空或有嵌套，请检查全角括号（）的使用。",
            "The brackets in the name are unpaired, empty or nested; check the full-width brackets （）.",
        )
    ]


def _length_problem(length: int) -> Problem:
    if length < MIN_NAME_LENGTH:
        return error(
            "name.too_short",
            "",
            f"名称只有{length}个字，过短。企业名称应包括行政区划、字号、行业和组织形式，请补全。",
            f"The name has only {length} characters: too short. A name has a division, a trade name, "
            "an industry and an organisation form; please complete it.",
        )
    return error(
        "name.too_long",
        "",
        f"名称有{length}个字，超过{MAX_NAME_LENGTH}个字，请精简。",
        f"The name has {length} characters, more than {MAX_NAME_LENGTH}; please shorten it.",
    )


# --- forbidden content -----------------------------------------------------------------------------


def _term_occurs(text: str, term: Term) -> bool:
    """True when ``term`` occurs in ``text`` other than as part of a longer, different word."""
    start = text.find(term.text)
    while start >= 0:
        before = text[start - 1] if start > 0 else ""
        end = start + len(term.text)
        after = text[end] if end < len(text) else ""
        if not (before and before in term.skip_prev) and not (after and after in term.skip_next):
            return True
        start = text.find(term.text, start + 1)
    return False


def _content_problems(text: str) -> list[Problem]:
    problems = []
    for category in FORBIDDEN_CATEGORIES:
        found = [term.text for term in category.terms if _term_occurs(text, term)]
        if found:
            words = "、".join(f"「{w}」" for w in found)
            problems.append(
                error(
                    "name.forbidden",
                    "",
                    f"名称不得含有{category.label_zh}：{words}，请修改名称。",
                    f"The name may not contain {category.label_en}: {', '.join(found)}. Change the name.",
                )
            )
    problems += _national_word_problems(text)
    return problems


def _national_word_problems(text: str) -> list[Problem]:
    prefix = next((p for p in STATE_COUNCIL_PREFIXES if text.startswith(p)), None)
    if prefix is not None:
        return [
            error(
                "name.state_council",
                "",
                f"名称以「{prefix}」开头须报国务院批准，窗口不能直接受理。请去掉「{prefix}」，"
                "改以企业所在地行政区划开头。",
                f"A name starting with '{prefix}' needs State Council approval (国务院批准) and cannot be "
                "filed at the desk. Drop it and start the name with the local division.",
            )
        ]
    inside = [word for word in NATIONAL_WORDS_INSIDE if word in text[1:]]
    if not inside:
        return []
    return [
        warning(
            "name.national_word",
            "",
            f"名称中间含有「{inside[0]}」，只能作为行业限定语使用且需从严审核，请确认。",
            f"The name contains '{inside[0]}' in the middle: it may only qualify the industry and is "
            "reviewed strictly; please confirm.",
        )
    ]


# --- structure: 行政区划 + 字号 + 行业 -------------------------------------------------------------


def _structure_problems(body: str, divisions: frozenset[str]) -> list[Problem]:
    """Check what is left once the organisation form is removed: division, trade name, industry.

    A name may read both ways (a leading division, or a bracketed one after the trade name): the first
    reading without an error wins.
    """
    readings = [
        _reading_problems(rest, found, divisions) for rest, found in _division_readings(body, divisions)
    ]
    return next((r for r in readings if is_valid(r)), readings[0])


def _reading_problems(rest: str, has_division: bool, divisions: frozenset[str]) -> list[Problem]:
    industry = next((rest[-n:] for n in range(len(rest), 0, -1) if rest[-n:] in INDUSTRY_WORDS), "")
    trade_name = rest[: len(rest) - len(industry)]
    problems = [] if has_division else [_division_missing()]
    if len(trade_name) < 2:
        problems.append(_trade_name_short(trade_name))
    elif industry and trade_name in divisions:
        problems.append(_trade_name_generic(trade_name, "place"))
    elif industry and trade_name in INDUSTRY_WORDS:
        problems.append(_trade_name_generic(trade_name, "industry"))
    return problems


def _division_readings(body: str, divisions: frozenset[str]) -> list[tuple[str, bool]]:
    """The body without its leading division name (the longest: 寿光市 rather than 寿光), or without a
    bracketed one after the trade name (某某（寿光）农业); the body itself when no division is found."""
    leading = max((d for d in divisions if body.startswith(d) and len(d) < len(body)), key=len, default="")
    readings = [(body[len(leading) :], True)] if leading else []
    open_at = body.find("（")
    close_at = body.find("）", open_at)
    if open_at > 0 and close_at > open_at and body[open_at + 1 : close_at] in divisions:
        readings.append((body[:open_at] + body[close_at + 1 :], True))
    return readings or [(body, False)]


def _division_missing() -> Problem:
    return warning(
        "name.division_missing",
        "",
        "未识别出行政区划（如「寿光」「潍坊市」「山东省」）。企业名称一般应冠以所在地县级以上行政区划"
        "名称，或写在字号后的括号内，请确认。",
        "No administrative division found (such as 寿光, 潍坊市, 山东省). A name normally starts with "
        "the county-level or higher division, or puts it in brackets after the trade name; please confirm.",
    )


def _trade_name_short(trade_name: str) -> Problem:
    shown = f"「{trade_name}」" if trade_name else "（无）"
    return error(
        "name.trade_name_short",
        "",
        f"字号{shown}过短：字号应由两个以上汉字组成，请补充字号。",
        f"The trade name '{trade_name}' is too short: it needs at least two Chinese characters.",
    )


def _trade_name_generic(trade_name: str, kind: str) -> Problem:
    what_zh, what_en = (
        ("行政区划名称", "a place name") if kind == "place" else ("行业用语", "an industry word")
    )
    return warning(
        f"name.trade_name_{kind}",
        "",
        f"字号「{trade_name}」是{what_zh}，一般不能单独作为字号（另有含义的除外），请确认或更换字号。",
        f"The trade name '{trade_name}' is {what_en}, which cannot be a trade name on its own unless it "
        "has another meaning; confirm it or choose another.",
    )
