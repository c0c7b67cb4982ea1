"""Batch submission: each item answered on its own, exactly once, in the order sent.

Per item, in one transaction with the others of the batch: a known key with the same content is a
``duplicate`` answered like the first time; a known key with other content is a ``conflict`` (never
accepted silently); a payload whose hash does not match, or that breaks its ``bizdesk.payload/1``
schema, is ``invalid``; an item whose dependencies (on the platform's own graph, ``checks``) are not
completed or whose attachments the platform does not hold yet is ``retry_later``; then the door
checks decide between ``rejected`` (field problems) and ``accepted`` (a signed receipt). Both
outcomes also go to the status feed. The unique constraint on (device, key) settles a race between
two deliveries of one key at once (on PostgreSQL the second insert waits for the first transaction):
the loser's transaction is rolled back and run again, and then answers the key as a ``duplicate`` of
what the winner stored. Only after three such losses in a row does the request answer 503.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter as Tally
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.syncing.rules import content_sha256
from sync.protocol.models import (
    FieldProblem,
    ItemResult,
    Receipt,
    SubmissionItem,
    SubmitBatchRequest,
    SubmitBatchResponse,
)
from sync.protocol.signed import sign_document
from sync.sandbox.at_rest import masked_payload
from sync.sandbox.checks import missing_dependency, schema_problems
from sync.sandbox.counters import bump_all, number_events
from sync.sandbox.db import Attachment, Submission, table_of
from sync.sandbox.feed import MAX_PAGE, status_page
from sync.sandbox.identifiers import share
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.problems import ApiProblem, unavailable


@dataclass(frozen=True)
class _Taken:
    """A submission taken in this batch: the columns of its row, inserted with the others at the end
    in one statement (an ORM object per submission was a fifth of a batch's cost)."""

    columns: dict[str, Any]

    def __getattr__(self, name: str) -> Any:  # read like a stored row: _repeat, _first_answer
        try:
            return self.columns[name]
        except KeyError:
            raise AttributeError(name) from None


_Stored = Submission | _Taken  # what an answer to a known key is made of


@dataclass
class _Known:
    """What the platform holds for this batch's device, read once per batch."""

    submissions: dict[str, _Stored] = field(default_factory=dict)
    completed: set[tuple[str, str]] = field(default_factory=set)  # (case_id, service)
    submitted: set[tuple[str, str]] = field(default_factory=set)  # (case_id, service), any outcome
    attachments: set[str] = field(default_factory=set)  # complete ones


def submit_batch(
    platform: Platform, device: DeviceContext, request: SubmitBatchRequest
) -> SubmitBatchResponse:
    try:
        results = platform.db.run(lambda session: _answer_all(platform, session, device, request))
    except IntegrityError:  # lost every race for one of these keys: the desk sends again
        raise unavailable("A concurrent delivery of the same submission won; send again.") from None
    if request.feed_cursor is None:
        return SubmitBatchResponse(results=results)
    # After the commit: the agencies that decide at once have decided, and the feed page after the
    # desk's cursor carries their outcomes, so the round trip needs no separate feed request. A
    # cursor this platform never gave out leaves the feed out: the items' answers stand, and the
    # desk's own GET /v1/status hears about the cursor (400 bad_cursor).
    try:
        page = status_page(platform, device, request.feed_cursor, MAX_PAGE)
    except ApiProblem:
        return SubmitBatchResponse(results=results)
    return SubmitBatchResponse(results=results, feed=page)


def _answer_all(
    platform: Platform, session: Session, device: DeviceContext, request: SubmitBatchRequest
) -> list[ItemResult]:
    """Answer every item in ``session``; new submissions and their feed events are written last."""
    tally: Tally[str] = Tally()
    known = _load(session, device.device_id, request.items)
    taken: list[_Taken] = []
    results = []
    for item in request.items:
        result = _answer(platform, session, device, item, known, taken)
        tally[result.outcome] += 1
        results.append(result)
    # A key another delivery committed meanwhile fails here: Database.run goes again.
    ids = _insert(session, taken)
    outcomes = ("duplicate", "conflict", "invalid", "retry_later")
    bump_all(session, {"deliveries": len(request.items)} | {name: tally[name] for name in outcomes})
    number_events(session, _events(taken, ids))
    return results


def _insert(session: Session, taken: list[_Taken]) -> list[int]:
    """Store the submissions taken, in one statement; their ids, in the same order."""
    if not taken:
        return []
    table = table_of(Submission)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)  # Core: no ORM per row
    return list(session.scalars(statement, [t.columns for t in taken]))


def _load(session: Session, device_id: str, items: list[SubmissionItem]) -> _Known:
    keys = [item.idempotency_key for item in items]
    cases = {item.case_id for item in items}
    hashes = {ref.sha256 for item in items for ref in item.attachments}
    known = _Known()
    for row in session.scalars(
        select(Submission).where(Submission.device_id == device_id, Submission.idempotency_key.in_(keys))
    ):
        known.submissions[row.idempotency_key] = row
    for case_id, service, state in session.execute(
        select(Submission.case_id, Submission.service, Submission.state).where(
            Submission.device_id == device_id, Submission.case_id.in_(cases)
        )
    ):
        known.submitted.add((case_id, service))
        if state == "completed":
            known.completed.add((case_id, service))
    if hashes:
        known.attachments = set(
            session.scalars(
                select(Attachment.sha256).where(
                    Attachment.device_id == device_id,
                    Attachment.sha256.in_(hashes),
                    Attachment.complete.is_(True),
                )
            )
        )
    return known


def _answer(
    platform: Platform,
    session: Session,
    device: DeviceContext,
    item: SubmissionItem,
    known: _Known,
    taken: list[_Taken],
) -> ItemResult:
    existing = known.submissions.get(item.idempotency_key)
    if existing is not None:
        return _repeat(existing, item)
    if content_sha256(item.payload) != item.content_sha256:
        return ItemResult(
            idempotency_key=item.idempotency_key,
            outcome="invalid",
            reason="content_sha256 does not match the canonical JSON of the payload",
        )
    problems = schema_problems(item.service, item.payload)
    if problems:
        return ItemResult(
            idempotency_key=item.idempotency_key,
            outcome="invalid",
            reason=f"payload does not match bizdesk.payload/1 {item.service}: {problems[0].field}",
            problems=problems,
        )
    waiting = _waiting_for(item, known)
    if waiting:
        return ItemResult(
            idempotency_key=item.idempotency_key,
            outcome="retry_later",
            reason=waiting,
            retry_after_seconds=1.0,
        )
    row = _taken(platform, session, device, item)
    known.submissions[item.idempotency_key] = row
    taken.append(row)
    return _first_answer(row)


def _events(taken: list[_Taken], ids: list[int]) -> list[dict[str, Any]]:
    # Every outcome also reaches the status feed, so the desk updates its cases in one place.
    return [
        {
            "device_id": row.columns["device_id"],
            "submission_id": submission_id,
            "status": row.outcome,
            "reasons": [p["message_zh"] for p in row.problems],
            "results": {},
            "at": row.columns["received_at"],
        }
        for row, submission_id in zip(taken, ids, strict=True)
    ]


def _repeat(existing: _Stored, item: SubmissionItem) -> ItemResult:
    if existing.content_sha256 != item.content_sha256:
        return ItemResult(
            idempotency_key=item.idempotency_key,
            outcome="conflict",
            reason="this idempotency key came before with other content; send new content under a new key",
        )
    first = _first_answer(existing)
    return first.model_copy(update={"outcome": "duplicate", "original_outcome": existing.outcome})


def _first_answer(row: _Stored) -> ItemResult:
    return ItemResult(
        idempotency_key=row.idempotency_key,
        outcome="accepted" if row.outcome == "accepted" else "rejected",
        receipt=Receipt.model_validate(row.receipt) if row.receipt else None,
        problems=[FieldProblem.model_validate(p) for p in row.problems],
    )


def _waiting_for(item: SubmissionItem, known: _Known) -> str:
    """Why the item cannot be taken yet: a service it needs is not completed, or an attachment is missing."""
    service = missing_dependency(
        item.case_id, item.service, item.payload, item.depends_on, known.submitted, known.completed
    )
    if service is not None:
        return f"waiting_for_dependency:{service}"
    for ref in item.attachments:
        if ref.sha256 not in known.attachments:
            return f"attachment_missing:{ref.sha256}"
    return ""


def _door_check(
    platform: Platform, session: Session, device: DeviceContext, item: SubmissionItem
) -> list[FieldProblem]:
    if not item.payload:
        return [
            FieldProblem(
                field="payload", code="empty", message_zh="申报内容为空。", message_en="The payload is empty."
            )
        ]
    if platform.config.mode == "production" and item.payload.get("fictitious") is True:
        return [  # a real platform takes real data only: a training case never becomes a real company
            FieldProblem(
                field="fictitious",
                code="fictitious_refused",
                message_zh="正式平台不受理虚构（培训）数据。",
                message_en="The production platform refuses fictitious (training) data.",
            )
        ]
    if (
        item.service != "license"
        or share(platform.seed, "reject", item.case_id) >= platform.config.reject_rate
    ):
        return []
    rejected_before = session.scalar(
        select(Submission.id)
        .where(
            Submission.device_id == device.device_id,
            Submission.case_id == item.case_id,
            Submission.service == "license",
            Submission.outcome == "rejected",
        )
        .limit(1)
    )
    if rejected_before is not None:
        return []
    return [
        FieldProblem(
            field="company.name",
            code="name_taken",
            message_zh="企业名称与已登记企业相同或近似，请更换字号后重新提交。",
            message_en="The name equals or resembles a registered one; change the trade name, resubmit.",
        )
    ]


def _taken(platform: Platform, session: Session, device: DeviceContext, item: SubmissionItem) -> _Taken:
    now = platform.now()
    problems = _door_check(platform, session, device, item)
    receipt = None if problems else _receipt(platform, device, item, now)
    return _Taken(
        {
            "device_id": device.device_id,
            "idempotency_key": item.idempotency_key,
            "case_id": item.case_id,
            "service": item.service,
            "content_sha256": item.content_sha256,
            "payload": masked_payload(item.payload) if platform.config.mask_personal else item.payload,
            "depends_on": list(item.depends_on),
            "outcome": "rejected" if problems else "accepted",
            "problems": [p.model_dump() for p in problems],
            "receipt": receipt,
            "receipt_id": str(receipt["receipt_id"]) if receipt else None,
            "state": "rejected" if problems else "accepted",
            "results": {},
            "received_at": now,
            "decide_at": now + dt.timedelta(seconds=platform.config.decision_delay_s),
        }
    )


def _receipt(
    platform: Platform, device: DeviceContext, item: SubmissionItem, now: dt.datetime
) -> dict[str, object]:
    document = {
        "receipt_id": "rcpt-" + secrets.token_hex(10),
        "device_id": device.device_id,
        "idempotency_key": item.idempotency_key,
        "case_id": item.case_id,
        "service": item.service,
        "content_sha256": item.content_sha256,
        "accepted_at": now.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "key_id": platform.key_id,
    }
    return sign_document(document, platform.key)
