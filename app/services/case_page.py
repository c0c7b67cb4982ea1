"""The case page (案卷详情): the case as ``show_case`` presents it, and for each service its
timeline (every submission in the outbox, oldest first: queued, accepted by the platform, the
agency's outcome), the agency's results, the 补正 reasons and whether it can be corrected here.

Read only; plain data. Times are aware UTC; the view shows them in the desk's local time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.case.enums import ServiceCode, Status
from app.case.model import Case
from app.case.stored import load_case
from app.case.view import CaseView
from app.services.cases import show_case
from app.services.corrections import CORRECTABLE, CorrectableField, correctable_values
from app.syncing.model import OutboxEntry, OutboxStore
from app.unit_of_work import UnitOfWork

OUTCOMES = frozenset({"needs_correction", "completed", "rejected", "quarantined"})


@dataclass(frozen=True)
class TimelineStep:
    """One thing that happened to a submission; ``event`` is an outbox state or ``queued``."""

    submission: int  # 1 for the first submission of the service, 2 after a correction, ...
    event: str
    at: dt.datetime | None
    detail: tuple[str, ...] = ()  # the agency's reasons, a refusal


@dataclass(frozen=True)
class ServicePage:
    code: str
    status: str
    results: Mapping[str, Any]  # every result field the case holds for the service
    reasons: tuple[str, ...]  # 补正 reasons (needs_correction) or the rejection
    timeline: tuple[TimelineStep, ...]
    submissions: int
    correctable: bool  # needs_correction: the clerk may correct and resubmit it


@dataclass(frozen=True)
class CasePage:
    view: CaseView
    services: tuple[ServicePage, ...]
    correction_fields: tuple[CorrectableField, ...]
    correction_values: Mapping[str, str]


def case_page(
    uow: UnitOfWork, outbox: OutboxStore, case_id: str, *, today: dt.date | None = None
) -> CasePage:
    """Read only: call inside ``with uow:``."""
    case, _ = load_case(uow.cases, case_id)
    view = show_case(uow, case_id, today=today)
    history = outbox.for_case(case_id)
    services = tuple(
        service_page(case, code, [e for e in history if e.service == code.value])
        for code, _ in case.services.requested()
    )
    return CasePage(view, services, CORRECTABLE, correctable_values(case))


def service_page(case: Case, code: ServiceCode, history: Sequence[OutboxEntry]) -> ServicePage:
    request = case.services.get(code)
    assert request is not None  # called for requested services only
    results = request.results.model_dump(mode="json", exclude_none=True) if request.results else {}
    reasons = tuple(c.message_zh for c in request.corrections)
    if request.rejection is not None:
        reasons += (request.rejection.reason_zh,)
    timeline = tuple(step for number, entry in enumerate(history, 1) for step in _steps(number, entry))
    return ServicePage(
        code=code.value,
        status=request.status.value,
        results=results,
        reasons=reasons,
        timeline=timeline,
        submissions=len(history),
        correctable=request.status is Status.NEEDS_CORRECTION,
    )


def _steps(number: int, entry: OutboxEntry) -> list[TimelineStep]:
    steps = [TimelineStep(number, "queued", entry.created_at)]
    accepted_at = _receipt_time(entry.receipt)
    if accepted_at is not None:
        steps.append(TimelineStep(number, "accepted", accepted_at))
    if entry.state in OUTCOMES or entry.state == "superseded":
        detail = entry.reasons or tuple(p.message_zh for p in entry.problems)
        steps.append(TimelineStep(number, entry.state, entry.updated_at, detail))
    elif entry.state in ("waiting", "pending") and entry.last_error:
        steps.append(TimelineStep(number, entry.state, entry.last_attempt_at, (entry.last_error,)))
    return steps


def _receipt_time(receipt: Mapping[str, Any] | None) -> dt.datetime | None:
    text = (receipt or {}).get("accepted_at")
    try:
        return dt.datetime.fromisoformat(str(text).replace("Z", "+00:00")) if text else None
    except ValueError:
        return None
