"""Submitting cases to the platform: the case moves to "queued" and its outbox rows are written in
the same transaction, so a case is queued exactly when its submissions exist.

The sync engine sends them later, in dependency order; services that need another's results (the
USCC, the account number) are queued now and get their payload when those results arrive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from app.case.enums import ServiceCode, Status
from app.case.interchange import dump_case
from app.case.lifecycle import IllegalTransition, queue_for_submission, queue_service
from app.case.model import Case
from app.case.payload import dependencies_of, service_payload
from app.case.stored import load_case
from app.case.summary import case_summary, lookup_keys
from app.clock import Clock, desk_date, utc_now
from app.security.profile_fit import require_fits_profile
from app.syncing.attachments import HeldScan, no_scans, scans_for
from app.syncing.model import NewSubmission, OutboxStore
from app.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SubmitResult:
    case_id: str
    status: str  # the case's status afterwards
    queued: tuple[str, ...]  # services queued by this call
    submissions: tuple[str, ...]  # their idempotency keys


def submit_case(
    uow: UnitOfWork,
    case_id: str,
    *,
    by: str | None,
    clock: Clock = utc_now,
) -> SubmitResult:
    """Queue a ready case (or its services made ready again after a correction) and commit.

    Call inside ``with uow:``. Raises ``CaseNotFound``, ``IllegalTransition`` when nothing is ready,
    ``NotReady`` (listing the problems) when the rules still find errors, and ``DataOutsideItsProfile``
    for a case whose fictitious mark does not match the profile (``uow.training``).
    """
    outbox = uow.outbox
    case, revision = load_case(uow.cases, case_id)
    now = clock()
    # never queue a fictitious case on the real desk (nor a real one in training), whatever is stored
    require_fits_profile(fictitious=case.fictitious, training=uow.training, case_id=case_id)
    queued_case, services = _queue(case, now, outbox)
    entries = outbox.add_many(
        outbox_submissions(queued_case, services, revision + 1, by=by, held=held_scans(uow)),
        now=now,
    )
    keys = tuple(entry.idempotency_key for entry in entries)
    uow.cases.replace(
        dump_case(queued_case),
        case_summary(queued_case),
        lookup_keys(queued_case),
        expected_revision=revision,
    )
    uow.audit.append(
        "case.submit", actor=by, subject=case_id, details={"services": [s.value for s in services]}
    )
    uow.commit()
    return SubmitResult(case_id, queued_case.status.value, tuple(s.value for s in services), keys)


def submit_all_ready(uow: UnitOfWork, *, by: str | None, clock: Clock = utc_now) -> list[SubmitResult]:
    """Submit every case whose status is ready, one commit per case."""
    ready = [summary.case_id for summary in uow.cases.list(status=Status.READY.value, limit=100_000)]
    return [submit_case(uow, case_id, by=by, clock=clock) for case_id in ready]


def outbox_submissions(
    case: Case, services: Sequence[ServiceCode], revision: int, *, by: str | None, held: HeldScan = no_scans
) -> list[NewSubmission]:
    """The outbox rows of ``services`` of ``case`` at ``revision``: with their payload when nothing they
    depend on is still to complete (nor sent along with them), else waiting for it; each refers to
    the scans it needs."""
    sending = frozenset(code.value for code in services)
    return [_submission(case, service, revision, by, held, sending) for service in services]


def held_scans(uow: UnitOfWork) -> HeldScan:
    """Which scans the profile holds, by case and document id."""
    keys = uow.attachment_keys

    def held(case_id: str, document_id: str) -> tuple[int, str] | None:
        info = keys.get(case_id, document_id)
        return None if info is None else (int(info.size), str(info.media_type))

    return held


def _queue(case: Case, now: dt.datetime, outbox: OutboxStore) -> tuple[Case, list[ServiceCode]]:
    """The case with its ready services queued, and the services needing a submission: those queued
    now, and those already queued that have none (a case seeded with a fictitious history, say)."""
    today = desk_date(now)
    before = {code: request.status for code, request in case.services.requested()}
    if case.status is Status.READY:
        case = queue_for_submission(case, today=today, now=now)
    else:
        for code, status in before.items():
            if status is Status.READY:  # made ready again after a correction
                case = queue_service(case, code, today=today, now=now)
    services = [
        code
        for code, request in case.services.requested()
        if request.status is Status.QUEUED
        and (before.get(code) is not Status.QUEUED or outbox.latest(case.case_id, code.value) is None)
    ]
    if not services:
        raise IllegalTransition("案卷", "The case", case.status, Status.QUEUED)
    return case, services


def _submission(
    case: Case,
    service: ServiceCode,
    revision: int,
    by: str | None,
    held: HeldScan,
    sending: frozenset[str],
) -> NewSubmission:
    depends_on = tuple(dependencies_of(case, service))
    waiting = any(dep in sending or _status(case, dep) is not Status.COMPLETED for dep in depends_on)
    return NewSubmission(
        case_id=case.case_id,
        service=service.value,
        case_revision=revision,
        payload=None if waiting else service_payload(case, service),
        depends_on=depends_on,
        attachments=scans_for(case, service, held),
        created_by=by,
    )


def _status(case: Case, service: str) -> Status | None:
    request = case.services.get(service)
    return request.status if request is not None else None
