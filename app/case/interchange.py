"""Reading and writing the ``bizdesk.case/1`` JSON document.

``read_case(data)`` turns a parsed JSON object into a ``Case`` or into schema problems, each with the
field path (``people[1].id_number``) and a Chinese and English message. ``dump_case(case)`` gives the
document back: only the keys that were present on input or set by bizdesk are written, money stays
the exact string it was, so ``dump_case(read_case(doc))`` equals ``doc`` up to the normalisation
documented in docs/case-format.md. ``dumps_case`` is the canonical text (UTF-8, sorted keys, indent 2).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from app.case.model import SCHEMA_ID, Case
from app.errors import InputRejected
from app.validation.problems import Problem, error

_SCHEMA_VERSION = re.compile(r"^bizdesk\.case/([0-9]+)$")
MAX_CASE_FILE_BYTES = 4 * 1024 * 1024  # a case with every scan referenced is a few tens of KiB
MAX_JSON_DEPTH = 32  # bizdesk.case/1 nests 6 levels
MAX_NUMBER_DIGITS = 30
_FIELD_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class CaseFormatError(InputRejected):
    """A document that does not have the shape of ``bizdesk.case/1``; ``problems`` lists every reason."""

    code = "case_format"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(
            f"案卷文件格式不符合 bizdesk.case/1，共{len(self.problems)}处问题，请按下列提示修改后重新导入。",
            f"The case file does not follow bizdesk.case/1 ({len(self.problems)} problems); "
            "fix the points listed and import it again.",
            details=[f"{p.field or '(文件)'}: {p.message_zh}" for p in self.problems],
        )


def parse_case_json(raw: bytes) -> object:
    """The JSON value in a case file's bytes (UTF-8, a BOM allowed), read strictly.

    Refused with one sentence (``InputRejected``): a file past ``MAX_CASE_FILE_BYTES``, text that is
    not UTF-8 or not JSON, a key twice in one object (which one would count?), nesting deeper than
    ``MAX_JSON_DEPTH`` and numbers longer than ``MAX_NUMBER_DIGITS`` digits.
    """
    if len(raw) > MAX_CASE_FILE_BYTES:
        raise InputRejected(
            f"案卷文件过大（超过{MAX_CASE_FILE_BYTES // (1024 * 1024)} MB），"
            "不是bizdesk导出的案卷；请检查文件。",
            f"The case file is larger than {MAX_CASE_FILE_BYTES // (1024 * 1024)} MB, so not a case bizdesk "
            "exported; check the file.",
            code="case.file_too_large",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputRejected(
            "案卷文件不是 UTF-8 编码的文本，请用 bizdesk 导出的 JSON 文件。",
            "The case file is not UTF-8 text; use a JSON file exported by bizdesk.",
            code="case.not_utf8",
        ) from None
    try:
        value = json.loads(
            text, object_pairs_hook=_unique_keys, parse_int=_bounded_int, parse_float=_bounded_float
        )
    except json.JSONDecodeError as exc:
        raise InputRejected(
            f"案卷文件不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}），请检查文件内容。",
            f"The case file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            code="case.not_json",
        ) from None
    except _Refused as refused:
        raise refused.error from None
    except RecursionError:
        too_deep = True  # the parser's own limit: reported like any nesting past ours
    else:
        too_deep = _depth(value) > MAX_JSON_DEPTH
    if too_deep:
        raise InputRejected(
            f"案卷文件的嵌套层数超过{MAX_JSON_DEPTH}层，不是bizdesk的案卷格式；请检查文件。",
            f"The case file nests deeper than {MAX_JSON_DEPTH} levels, which no bizdesk case does.",
            code="case.too_deep",
        )
    return value


class _Refused(ValueError):
    """Raised from inside the JSON parser's hooks; carries the sentence to show."""

    def __init__(self, error: InputRejected) -> None:
        super().__init__(error.message_en)
        self.error = error


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(
                InputRejected(
                    f"案卷文件中同一对象里的键“{key}”出现了两次，无法确定以哪个为准；请删除重复的一项。",
                    f'The key "{key}" appears twice in one object of the case file; remove one of them.',
                    code="case.duplicate_key",
                )
            )
        result[key] = value
    return result


def _long_number(text: str) -> _Refused:
    return _Refused(
        InputRejected(
            f"案卷文件中有一个长达{len(text)}位的数字（最多{MAX_NUMBER_DIGITS}位），不是bizdesk的案卷格式。",
            f"The case file holds a number of {len(text)} digits (at most {MAX_NUMBER_DIGITS}); "
            "no bizdesk case does.",
            code="case.long_number",
        )
    )


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _long_number(text)
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS + 8:
        raise _long_number(text)
    return float(text)


def _depth(value: object) -> int:
    """How deeply ``value`` nests (an object or list: 1 more than its deepest member)."""
    deepest, level, stack = 0, 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            members = item.values() if isinstance(item, dict) else item
            stack.extend((member, level + 1) for member in members)
    return deepest


def read_case(data: object) -> tuple[Case | None, list[Problem]]:
    """The case in ``data`` (a parsed JSON object), or None and the problems that prevent reading it."""
    version = _version_problem(data)
    if version is not None:
        return None, [version]
    try:
        text = json.dumps(data, ensure_ascii=False, default=_jsonable, allow_nan=False)
    except (TypeError, ValueError):
        return None, [_not_json()]
    try:
        return Case.model_validate_json(text), []
    except ValidationError as exc:
        return None, _problems_of(exc.errors(include_url=False))


def parse_case(data: object) -> Case:
    """Like ``read_case`` but raises ``CaseFormatError`` listing every problem."""
    case, problems = read_case(data)
    if case is None:
        raise CaseFormatError(problems)
    return case


def dump_case(case: Case) -> dict[str, Any]:
    """The JSON object of ``case``: keys that were read or set, money as exact strings."""
    dumped: dict[str, Any] = case.model_dump(mode="json", by_alias=True, exclude_unset=True)
    dumped["schema"] = SCHEMA_ID
    return dumped


def dumps_case(case: Case | Mapping[str, Any]) -> str:
    """Canonical text of a case document: UTF-8 characters as is, sorted keys, indent 2, final newline."""
    document = dump_case(case) if isinstance(case, Case) else case
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def field_path(location: Sequence[int | str]) -> str:
    """``('people', 1, 'id_number')`` -> ``people[1].id_number``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else part
    return path


def _version_problem(data: object) -> Problem | None:
    if not isinstance(data, Mapping):
        return error(
            "schema.not_object",
            "",
            "案卷文件的内容应是一个 JSON 对象（以 { 开头），请检查是否选错了文件。",
            "A case file holds one JSON object (starting with {); check that the right file was chosen.",
        )
    declared = data.get("schema")
    if declared == SCHEMA_ID:
        return None
    match = _SCHEMA_VERSION.match(declared) if isinstance(declared, str) else None
    if match and int(match.group(1)) > 1:
        return error(
            "schema.newer_version",
            "schema",
            f"该文件由更新版本的 bizdesk 生成（{declared}），本机只能读取 {SCHEMA_ID}。请先升级本机的 bizdes"
            "k。",
            f"This file was written by a newer bizdesk ({declared}); this desk reads {SCHEMA_ID} only. "
            "Update bizdesk on this desk first.",
        )
    return error(
        "schema.unknown",
        "schema",
        f'文件缺少或写错了格式标识，应为 "schema": "{SCHEMA_ID}"。请确认这是 bizdesk 导出的案卷文件。',
        f'The file lacks the format tag "schema": "{SCHEMA_ID}". '
        "Check that it is a case exported by bizdesk.",
    )


def _not_json() -> Problem:
    return error(
        "schema.not_json",
        "",
        "案卷数据中有无法写成 JSON 的值（如循环引用或非数字的浮点数），请重新导出后再试。",
        "The case holds values that cannot be written as JSON (a cycle or a non-finite number); export it "
        "again and retry.",
    )


def _jsonable(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _problems_of(errors: Sequence[ErrorDetails]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for detail in errors:
        path = field_path([p for p in detail["loc"] if isinstance(p, int) or _FIELD_NAME.match(p)])
        path = path.replace("schema_", "schema")
        key = (path, detail["type"])
        if key in seen:
            continue
        seen.add(key)
        zh, en = _messages(detail)
        problems.append(error(f"schema.{detail['type']}", path, zh, en))
    return problems


def _messages(detail: ErrorDetails) -> tuple[str, str]:
    kind = detail["type"]
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    if "zh" in ctx and "en" in ctx:
        return str(ctx["zh"]), str(ctx["en"])
    found = _MESSAGES.get(kind)
    if found is None:
        family = next((f for f in _FAMILIES if kind.startswith(f)), None)
        found = _MESSAGES[family] if family else None
    if found is None:
        return (
            f"此项格式不正确（{detail['msg']}），请按 bizdesk.case/1 格式修改。",
            f"This entry is malformed ({detail['msg']}); correct it to the bizdesk.case/1 format.",
        )
    zh, en = found
    return zh.format(**ctx), en.format(**ctx)


_FAMILIES = ("date", "datetime", "int", "bool", "string_type", "list", "dict", "model", "enum", "literal")
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("缺少必填项，请补上。", "A required entry is missing; add it."),
    "extra_forbidden": (
        "不认识的字段，请删除或检查拼写。",
        "Unknown field: remove it or check its spelling.",
    ),
    "string_type": ("此项应填写文字（用引号括起）。", "This entry must be text (in quotes)."),
    "string_too_short": ("此项不能为空，请填写。", "This entry cannot be empty; fill it in."),
    "string_pattern_mismatch": (
        "此项格式不正确，应符合：{pattern}。",
        "This entry has the wrong format; it must match {pattern}.",
    ),
    "int": ("此项应为整数（不加引号）。", "This entry must be a whole number (no quotes)."),
    "greater_than_equal": ("此项不能小于{ge}。", "This entry cannot be less than {ge}."),
    "less_than_equal": ("此项不能大于{le}。", "This entry cannot be more than {le}."),
    "bool": ("此项应为 true 或 false。", "This entry must be true or false."),
    "date": ("日期应写成 YYYY-MM-DD，如 2026-11-26。", "Dates are written YYYY-MM-DD, like 2026-11-26."),
    "datetime": (
        "时间应写成带时区的 ISO 8601 格式，如 2026-11-26T09:30:00+08:00。",
        "Times are written in ISO 8601 with a time zone, like 2026-11-26T09:30:00+08:00.",
    ),
    "timezone_aware": (
        "时间须带时区，如 2026-11-26T09:30:00+08:00。",
        "Times need a time zone, like 2026-11-26T09:30:00+08:00.",
    ),
    "enum": ("取值不在允许范围内，可选：{expected}。", "Value not allowed; choose one of {expected}."),
    "literal": ("取值不在允许范围内，应为：{expected}。", "Value not allowed; it must be {expected}."),
    "list": ("此项应为列表（[...]）。", "This entry must be a list ([...])."),
    "too_short": ("此列表至少需要{min_length}项。", "This list needs at least {min_length} entries."),
    "too_long": ("此列表最多{max_length}项，请删减。", "This list holds at most {max_length} entries."),
    "string_too_long": (
        "此项最多{max_length}个字符，请缩短。",
        "This entry holds at most {max_length} characters.",
    ),
    "dict": ("此项应为对象（{{...}}）。", "This entry must be an object ({{...}})."),
    "model": ("此项应为对象（{{...}}）。", "This entry must be an object ({{...}})."),
}
