"""Small text helpers of the facts: Chinese dates, joined lists, a person's values under a prefix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from app.case.model import Case


def cn_date(day: dt.date | None) -> str:
    """2030年12月31日 (blank for no date)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def plain(amount: Decimal | None) -> str:
    """A decimal without exponent or trailing zeros: 100, 0.5, 1000000 (blank for none)."""
    return "" if amount is None else format(amount.normalize(), "f")


def joined(items: Iterable[str]) -> str:
    """Items joined with the Chinese enumeration comma 、."""
    return "、".join(item for item in items if item)


def yes_no(flag: bool, yes: str = "是", no: str = "否") -> str:
    return yes if flag else no


def person_values(case: Case, prefix: str, person_id: str | None) -> dict[str, str]:
    """``{prefix}.name``, ``.id_type``, ``.id_number``, ``.mobile``, ``.address``, ``.email``."""
    person = case.person(person_id)
    if person is None:
        return {
            f"{prefix}.{key}": "" for key in ("name", "id_type", "id_number", "mobile", "address", "email")
        }
    return {
        f"{prefix}.name": person.name,
        f"{prefix}.id_type": person.id_type.label_zh,
        f"{prefix}.id_number": person.id_number or "",
        f"{prefix}.mobile": person.mobile or "",
        f"{prefix}.address": person.address or "",
        f"{prefix}.email": person.email or "",
    }
