"""案卷查询: one search box (any key) plus an opening-date range and a state, over the whole store.

``search_cases`` takes what the clerk typed, as typed (texts), decides what each part means, refuses
a bad part naming the field and the fix, and returns plain rows. The key's kind is guessed from its
shape (``key_kinds``), so the clerk never has to say whether 18 characters are an ID number or a
USCC:

    11 digits starting with 1              -> mobile (exact)
    17 digits + digit/X, or 18 USCC chars  -> ID number and/or USCC (exact)
    SG + date + letters                    -> case id
    anything else                          -> part of the company name
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from app.case.enums import Status
from app.errors import InputRejected
from app.ports import CaseHit, CaseQuery
from app.unit_of_work import UnitOfWork
from app.working_hours import DESK_HOURS, WorkingHours

KeyKind = Literal["mobile", "id_number", "uscc", "case_id", "name"]
PAGE = 50

_MOBILE = re.compile(r"^1\d{10}$")
_ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
_CASE_ID = re.compile(r"^SG\d{8}-[0-9A-Z]{4,16}$")
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class SearchRequest:
    """The search form as typed: ``key`` any key or part of a name; dates ``YYYY-MM-DD`` (local,
    both inclusive) or empty; ``status`` a case status code or empty for all."""

    key: str = ""
    opened_from: str = ""
    opened_until: str = ""
    status: str = ""


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[CaseHit, ...]
    more: bool  # more cases match than are shown: narrow the search
    kinds: tuple[KeyKind, ...]  # what the key was taken for; () when the box was empty


def normalize_key(text: str) -> str:
    """Trimmed; a key made of letters and digits loses inner spaces and is upper-cased (x -> X)."""
    stripped = text.strip()
    compact = _SPACES.sub("", stripped)
    if compact.isascii() and compact.replace("-", "").isalnum():
        return compact.upper()
    return stripped


def key_kinds(key: str) -> tuple[KeyKind, ...]:
    """What a normalized key can be (see the module docstring); ``()`` for an empty key."""
    if not key:
        return ()
    if _MOBILE.match(key):
        return ("mobile",)
    shapes: tuple[tuple[KeyKind, re.Pattern[str]], ...] = (("id_number", _ID_NUMBER), ("uscc", _USCC))
    exact = [kind for kind, shape in shapes if shape.match(key)]
    if exact:
        return tuple(exact)
    return ("case_id",) if _CASE_ID.match(key) else ("name",)


def build_query(
    request: SearchRequest, hours: WorkingHours = DESK_HOURS
) -> tuple[CaseQuery, tuple[KeyKind, ...]]:
    """The store query for ``request``; ``InputRejected`` names a bad date or state and the fix."""
    key = normalize_key(request.key)
    kinds = key_kinds(key)
    first = _date(request.opened_from, "开始日期", "from date")
    last = _date(request.opened_until, "截止日期", "until date")
    if first and last and first > last:
        raise InputRejected(
            f"开始日期 {first} 晚于截止日期 {last}；请把开始日期改早或把截止日期改晚。",
            f"The from date {first} is after the until date {last}; swap or correct them.",
            code="search.date_order",
            data={"field": "opened_from"},
        )
    status = request.status.strip() or None
    if status is not None and status not in {s.value for s in Status}:
        raise InputRejected(
            f"状态“{status}”不存在；请从状态列表中选择。",
            f"There is no state '{status}'; pick one from the list.",
            code="search.status",
            data={"field": "status"},
        )
    opened_from, opened_until = hours.date_bounds(first, last)
    exact = None if kinds in ((), ("name",)) else (tuple(kinds), key)
    name = key if kinds == ("name",) else None
    return CaseQuery(exact, name, opened_from, opened_until, status), kinds


def search_cases(
    uow: UnitOfWork, request: SearchRequest, *, limit: int = PAGE, hours: WorkingHours = DESK_HOURS
) -> SearchResult:
    """The cases matching ``request``, newest opened first, at most ``limit`` (``more`` says if
    there were more). Read only: call inside ``with uow:``."""
    query, kinds = build_query(request, hours)
    hits = uow.cases.search(query, limit=limit + 1)
    return SearchResult(tuple(hits[:limit]), len(hits) > limit, kinds)


def _date(text: str, field_zh: str, field_en: str) -> dt.date | None:
    typed = text.strip()
    if not typed:
        return None
    try:
        return dt.date.fromisoformat(typed.replace("/", "-").replace(".", "-"))
    except ValueError:
        raise InputRejected(
            f"{field_zh}“{typed}”不是有效日期；请按“2026-11-28”的格式输入，或留空表示不限。",
            f"The {field_en} '{typed}' is not a date; type it like 2026-11-28, or leave it empty.",
            code="search.date",
            data={"field": "opened_from" if field_en == "from date" else "opened_until"},
        ) from None
