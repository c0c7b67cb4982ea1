"""What storage keeps beside a case document: the list summary and the exact-lookup keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from app.case.model import Case
from app.ports import CaseSummary

LOOKUP_KINDS = ("id_number", "uscc", "mobile")


def case_summary(case: Case) -> CaseSummary:
    return CaseSummary(
        case_id=case.case_id,
        company_name=case.company.name or "",
        company_type=case.company.type.value,
        status=case.status.value,
        services={code.value: request.status.value for code, request in case.services.requested()},
        updated_at=case.updated_at,
        created_by=case.created_by,
        fictitious=case.fictitious,
    )


def lookup_keys(case: Case) -> list[tuple[str, str]]:
    """(kind, value) pairs for exact search: people's ID numbers and mobiles, and USCCs."""
    keys: list[tuple[str, str]] = []
    for person in case.people:
        if person.id_number:
            keys.append(("id_number", person.id_number))
        if person.mobile:
            keys.append(("mobile", person.mobile))
    licence = case.services.license.results if case.services.license else None
    if licence is not None:
        keys.append(("uscc", licence.uscc))
    for holder in case.roles.shareholders:
        if holder.entity is not None and holder.entity.uscc:
            keys.append(("uscc", holder.entity.uscc))
    return list(dict.fromkeys(keys))


def opened_at(document: Mapping[str, Any], default: dt.datetime) -> dt.datetime:
    """When the case was opened, from its document (an imported case keeps its own), else ``default``."""
    text = document.get("created_at")
    try:
        moment = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00")) if text else None
    except ValueError:
        moment = None
    return moment if moment is not None and moment.tzinfo is not None else default
