"""The life cycle of a case and of each of its services, as explicit transition functions with guards.

    service:  draft -> ready -> queued -> submitted -> accepted -> completed
                 ^       |        |           |   \\          \\-> needs_correction / rejected
                 |       v        v           |    \\-> completed / needs_correction / rejected
                 +----- draft <- ready       needs_correction -> ready | draft;  rejected -> draft

A case's status is derived from its requested services (``app.case.progress.derived_status``): a
service waiting for a correction makes the case ``needs_correction``, a rejected one ``rejected``;
otherwise the case is as far as its least advanced service. Every function returns a new case; an
illegal move raises ``IllegalTransition`` and a failed guard raises ``InputRejected`` listing the problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from app.case.enums import ServiceCode, Status
from app.case.model import Case
from app.case.progress import derived_status
from app.case.rules import validate_case
from app.case.service_models import RESULT_MODELS, Correction, Rejection, ServiceRequest
from app.errors import BizdeskError, InputRejected
from app.validation.problems import Problem

ALLOWED: Mapping[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.READY}),
    Status.READY: frozenset({Status.DRAFT, Status.QUEUED}),
    Status.QUEUED: frozenset({Status.READY, Status.SUBMITTED}),
    Status.SUBMITTED: frozenset(
        {Status.ACCEPTED, Status.COMPLETED, Status.NEEDS_CORRECTION, Status.REJECTED}
    ),
    Status.ACCEPTED: frozenset({Status.COMPLETED, Status.NEEDS_CORRECTION, Status.REJECTED}),
    Status.NEEDS_CORRECTION: frozenset({Status.READY, Status.DRAFT}),
    Status.REJECTED: frozenset({Status.DRAFT}),
    Status.COMPLETED: frozenset(),
}


class IllegalTransition(BizdeskError):
    code = "illegal_transition"
    title_zh = "当前状态下不能进行此操作"
    title_en = "Not allowed in this state"

    def __init__(self, what_zh: str, what_en: str, current: Status, target: Status) -> None:
        super().__init__(
            f"{what_zh}当前为“{current.label_zh}”，不能改为“{target.label_zh}”。请刷新案卷查看最新状态后再操"
            "作。",
            f"{what_en} is '{current.value}' and cannot become '{target.value}'. "
            "Reload the case to see its current state, then try again.",
            data={"from": current.value, "to": target.value},
        )


def can_move(current: Status, target: Status) -> bool:
    return target in ALLOWED[current]


def mark_ready(case: Case, *, today: dt.date, now: dt.datetime | None = None) -> Case:
    """Draft -> ready for the case and every requested service, once the rules find no error."""
    _require_case(case, Status.DRAFT, Status.READY)
    _guard_no_errors(case, today)
    return _move_all(case, {Status.DRAFT}, Status.READY, now)


def return_to_draft(case: Case, *, now: dt.datetime | None = None) -> Case:
    """Ready -> draft (the clerk wants to change something before queueing)."""
    _require_case(case, Status.READY, Status.DRAFT)
    return _move_all(case, {Status.READY}, Status.DRAFT, now)


def queue_for_submission(case: Case, *, today: dt.date, now: dt.datetime | None = None) -> Case:
    """Ready -> queued: the case waits for the sync to send it (rules checked again).

    This is the desk's acceptance (受理): ``accepted_at`` becomes the move's time. A correction
    resubmitted service by service (``queue_service``) keeps it.
    """
    _require_case(case, Status.READY, Status.QUEUED)
    _guard_no_errors(case, today)
    queued = _move_all(case, {Status.READY}, Status.QUEUED, now)
    return queued.model_copy(update={"accepted_at": queued.updated_at})


def mark_service_ready(
    case: Case, service: ServiceCode, *, today: dt.date, now: dt.datetime | None = None
) -> Case:
    """One service to ready (from draft, or after a correction), once the rules find no error."""
    _guard_no_errors(case, today)
    return move_service(case, service, Status.READY, now=now)


def queue_service(
    case: Case, service: ServiceCode, *, today: dt.date, now: dt.datetime | None = None
) -> Case:
    """One service from ready to queued (a corrected service going back to the platform)."""
    _guard_no_errors(case, today)
    return move_service(case, service, Status.QUEUED, now=now)


def mark_submitted(case: Case, service: ServiceCode, *, now: dt.datetime | None = None) -> Case:
    return move_service(case, service, Status.SUBMITTED, now=now)


def record_acceptance(case: Case, service: ServiceCode, *, now: dt.datetime | None = None) -> Case:
    return move_service(case, service, Status.ACCEPTED, now=now)


def record_correction(
    case: Case, service: ServiceCode, corrections: Sequence[Correction], *, now: dt.datetime | None = None
) -> Case:
    """补正: the agency asks for corrections; they are kept on the service until it is ready again."""
    if not corrections:
        raise InputRejected(
            "补正通知中没有补正内容，无法记录。", "A correction notice without any item cannot be recorded."
        )
    return move_service(case, service, Status.NEEDS_CORRECTION, now=now, corrections=list(corrections))


def record_rejection(
    case: Case, service: ServiceCode, rejection: Rejection, *, now: dt.datetime | None = None
) -> Case:
    return move_service(case, service, Status.REJECTED, now=now, rejection=rejection)


def record_completion(
    case: Case, service: ServiceCode, results: Mapping[str, Any], *, now: dt.datetime | None = None
) -> Case:
    """Completed, with the agency's results (USCC and licence number, account number, ...), checked."""
    return move_service(case, service, Status.COMPLETED, now=now, results=_checked_results(service, results))


def record_new_results(
    case: Case, service: ServiceCode, results: Mapping[str, Any], *, now: dt.datetime | None = None
) -> Case:
    """A completed service completed again by its agency (a resend under a new key): the newest
    results replace the old ones ("agency results win"), so what is built from the case afterwards
    (the USCC in every later payload) is what the agency issued last. Nothing else changes."""
    request = case.services.get(service)
    if request is None or request.status is not Status.COMPLETED:
        raise IllegalTransition(
            f"“{service.label_zh}”",
            f"'{service.value}'",
            request.status if request else Status.DRAFT,
            Status.COMPLETED,
        )
    updated: ServiceRequest = request.model_copy(update={"results": _checked_results(service, results)})
    return _with_services(case, case.services.replaced(service, updated), now)


def _checked_results(service: ServiceCode, results: Mapping[str, Any]) -> BaseModel:
    model: type[BaseModel] = RESULT_MODELS[service]
    try:
        return model.model_validate(dict(results), strict=False)
    except ValidationError as exc:
        missing = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        raise InputRejected(
            f"“{service.label_zh}”的办理结果不完整或格式不对（{missing}），无法记为已办结。",
            f"The results of '{service.value}' are incomplete or malformed ({missing}); cannot complete it.",
        ) from exc


def move_service(
    case: Case, service: ServiceCode, target: Status, *, now: dt.datetime | None = None, **changes: Any
) -> Case:
    """The single place a service changes status: checks the move, then derives the case status."""
    request = case.services.get(service)
    if request is None or not request.requested:
        raise IllegalTransition(
            f"“{service.label_zh}”未申请，", f"'{service.value}' is not requested; it", Status.DRAFT, target
        )
    if not can_move(request.status, target):
        raise IllegalTransition(f"“{service.label_zh}”", f"'{service.value}'", request.status, target)
    if target in (Status.READY, Status.DRAFT) and request.status is Status.NEEDS_CORRECTION:
        changes.setdefault("corrections", [])
    if target is Status.DRAFT and request.status is Status.REJECTED:
        changes.setdefault("rejection", None)
    moved: ServiceRequest = request.model_copy(update={"status": target, **changes})
    return _with_services(case, case.services.replaced(service, moved), now)


def _move_all(case: Case, sources: set[Status], target: Status, now: dt.datetime | None) -> Case:
    services = case.services
    for code, request in case.services.requested():
        if request.status in sources:
            services = services.replaced(code, request.model_copy(update={"status": target}))
    if not any(True for _ in services.requested()):
        return _stamped(case.model_copy(update={"status": target}), now)
    return _with_services(case, services, now)


def _with_services(case: Case, services: Any, now: dt.datetime | None) -> Case:
    moved = case.model_copy(update={"services": services})
    return _stamped(moved.model_copy(update={"status": derived_status(moved)}), now)


def _stamped(case: Case, now: dt.datetime | None) -> Case:
    return case.model_copy(update={"updated_at": now or dt.datetime.now(dt.UTC)})


def _require_case(case: Case, current: Status, target: Status) -> None:
    if case.status is not current:
        raise IllegalTransition("案卷", "The case", case.status, target)


def _guard_no_errors(case: Case, today: dt.date) -> None:
    errors = [p for p in validate_case(case, today=today) if p.severity == "error"]
    if errors:
        raise NotReady(errors)


class NotReady(InputRejected):
    """The rules still find errors: the case (or service) cannot move forward yet."""

    code = "case_not_ready"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(
            f"案卷还有{len(self.problems)}处需要修改，修改后才能提交。请按下列提示逐项处理。",
            f"The case still has {len(self.problems)} problems to fix before it can be submitted; see the li"
            "st.",
            details=[f"{p.field or '案卷'}: {p.message_zh}" for p in self.problems],
        )
