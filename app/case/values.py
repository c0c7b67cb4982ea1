"""Value types of the case format: exact money, months, codes, and identifiers normalised on input.

Money is a ``Decimal`` in the model and a JSON *string* in the document, so that no amount is ever a
binary float: ``Wan`` is 万元 with at most 4 decimals (1 yuan precision), ``Yuan`` is yuan with at
most 2 decimals. The string is written back exactly as it was read (``"100.50"`` stays ``"100.50"``).

Identifiers are normalised when read (see docs/case-format.md): surrounding spaces trimmed,
full-width forms made half-width, letters upper-cased; everything else is left for the rules to
judge, so that a wrong character is reported rather than silently changed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from app.validation.normalize import (
    normalize_company_name,
    normalize_identifier,
    normalize_mobile,
    normalize_text,
    strip_edges,
)

_WAN_PATTERN = r"^(0|[1-9][0-9]{0,8})(\.[0-9]{1,4})?$"
_YUAN_PATTERN = r"^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$"


def _money(pattern: str, unit_zh: str, unit_en: str, decimals: int) -> Any:
    compiled = re.compile(pattern)

    def parse(value: object) -> Decimal:
        text = str(value) if isinstance(value, Decimal) else value
        if not isinstance(text, str) or not compiled.match(text):
            raise PydanticCustomError(
                "money_format",
                "amount must be a decimal string in {unit_en} with at most {decimals} decimals",
                {
                    "unit_en": unit_en,
                    "decimals": decimals,
                    "zh": f'金额应写成以{unit_zh}为单位的数字文字（如 "100" 或 "12.5"），'
                    f"最多{decimals}位小数。",
                    "en": f'The amount must be a number in {unit_en} written as text (like "100" or "12.5"), '
                    f"with at most {decimals} decimals.",
                },
            )
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid decimals
            raise PydanticCustomError("money_format", "not a decimal") from exc

    return PlainValidator(parse)


def _money_text(amount: Decimal) -> str:
    return str(amount)


Wan = Annotated[
    Decimal,
    _money(_WAN_PATTERN, "万元", "10,000 yuan (wan)", 4),
    PlainSerializer(_money_text, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": _WAN_PATTERN, "description": "Amount in 万元, exact decimal"}
    ),
]
Yuan = Annotated[
    Decimal,
    _money(_YUAN_PATTERN, "元", "yuan", 2),
    PlainSerializer(_money_text, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": _YUAN_PATTERN, "description": "Amount in yuan, exact decimal"}
    ),
]


_PERCENT_PATTERN = r"^(100(\.0{1,2})?|[1-9]?[0-9](\.[0-9]{1,2})?)$"


def _percent(value: object) -> Decimal:
    text = str(value) if isinstance(value, Decimal) else value
    if not isinstance(text, str) or not re.match(_PERCENT_PATTERN, text):
        raise PydanticCustomError(
            "percent_format",
            "a percentage from 0 to 100 with at most 2 decimals, written as text",
            {
                "zh": '比例应写成0到100之间的数字文字（如 "25" 或 "33.33"），最多2位小数，不带%。',
                "en": 'Write the percentage as a number from 0 to 100 in text (like "25" or "33.33"), '
                "with at most 2 decimals and no % sign.",
            },
        )
    return Decimal(text)


Percent = Annotated[
    Decimal,
    PlainValidator(_percent),
    PlainSerializer(_money_text, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": _PERCENT_PATTERN, "description": "Percentage, exact decimal"}
    ),
]


def _normalised(function: Any) -> BeforeValidator:
    return BeforeValidator(lambda value: function(value) if isinstance(value, str) else value)


# Size caps of the case format (docs/case.schema.json has them as maxLength/maxItems): a refusal names
# the field; whoever builds a case (import, the UI) meets the same caps.
MAX_TEXT = 2000  # free text: a note, an address, an agency's reason
MAX_SHORT_TEXT = 256  # phone, e-mail, codes, a person's name
MAX_NAME = 100  # an enterprise name or one of its parts
MAX_IDENTIFIER = 64  # USCC, ID and passport numbers
MAX_ITEMS = 200  # people, shareholders, officers, scope codes... of one case
MAX_STAFF = 2000  # employees insured at opening
MAX_DOCUMENTS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # newlines and tabs may stay in text
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _no_control(pattern: re.Pattern[str]) -> AfterValidator:
    def check(value: str) -> str:
        if pattern.search(value):
            raise PydanticCustomError(
                "control_character",
                "text must not hold control characters",
                {
                    "zh": "此项含有不可见的控制字符（如 NUL），请删除后重新输入。",
                    "en": "This entry holds an invisible control character (such as NUL); remove it.",
                },
            )
        return value

    return AfterValidator(check)


def _text(normalise: Any, max_length: int, *, lines: bool = False) -> Any:
    """A text field: normalised, at most ``max_length`` characters, no control characters."""
    return (
        _normalised(normalise),
        StringConstraints(max_length=max_length),
        _no_control(_CONTROL if lines else _CONTROL_IN_LINE),
    )


Text = Annotated[str, *_text(strip_edges, MAX_TEXT, lines=True)]  # free text: only the edges change
AsciiText = Annotated[str, *_text(normalize_text, MAX_SHORT_TEXT)]  # phone, email, codes: full-width to ASCII
Identifier = Annotated[str, *_text(normalize_identifier, MAX_IDENTIFIER)]
MobileNumber = Annotated[str, *_text(normalize_mobile, MAX_IDENTIFIER)]
CompanyName = Annotated[str, *_text(normalize_company_name, MAX_NAME)]

CaseId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{3,39}$")]
PersonId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,32}$")]
DivisionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")]
IndustryCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]
ScopeCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[0-9]{3}$")]
Postcode = Annotated[str, _normalised(normalize_text), StringConstraints(pattern=r"^[0-9]{6}$")]
Month = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
LONG_TERM = "long_term"


def _operating_term(value: object) -> str | int:
    if value == LONG_TERM or (type(value) is int and 1 <= value <= 100):
        return value
    raise PydanticCustomError(
        "operating_term",
        "operating term must be 'long_term' or a number of years from 1 to 100",
        {
            "zh": "营业期限应为“long_term”（长期）或1-100之间的年数。",
            "en": "The operating term must be 'long_term' or a whole number of years from 1 to 100.",
        },
    )


OperatingTerm = Annotated[
    str | int,
    PlainValidator(_operating_term),
    WithJsonSchema({"oneOf": [{"const": LONG_TERM}, {"type": "integer", "minimum": 1, "maximum": 100}]}),
]


# The times a case records (created, updated, accepted, rated): within this desk's era, so that every
# one converts to UTC and to the desk calendar (UTC+8) and sorts, whatever offset it was written with.
EARLIEST_CASE_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST_CASE_TIME = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def _case_time(value: dt.datetime) -> dt.datetime:
    try:
        in_utc = value.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        in_utc = None
    if in_utc is None or not EARLIEST_CASE_TIME <= in_utc < LATEST_CASE_TIME:
        raise PydanticCustomError(
            "case_time_range",
            "a time from 2000-01-01 to 2099-12-31",
            {
                "zh": f"时间 {value.isoformat()} 超出范围：应在 2000-01-01 到 2099-12-31 之间，"
                "如 2026-11-26T09:30:00+08:00；请改为案卷的实际时间。",
                "en": f"The time {value.isoformat()} is out of range: it must fall between 2000-01-01 and "
                "2099-12-31, like 2026-11-26T09:30:00+08:00; write the case's real time.",
            },
        )
    return value


CaseTime = Annotated[AwareDatetime, AfterValidator(_case_time)]
