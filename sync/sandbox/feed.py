"""The status feed (agency outcomes after a cursor), receipts by id, and the sandbox's statistics."""

from __future__ import annotations

from sqlalchemy import func, select

from sync.protocol.models import AgencyResults, Receipt, SandboxStats, StatusEvent, StatusPage
from sync.sandbox.agency import advance
from sync.sandbox.db import Counter, Device, Event, Submission
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.problems import ApiProblem

MAX_PAGE = 1000
FEED_COLUMNS = (
    Event.seq,
    Submission.idempotency_key,
    Submission.case_id,
    Submission.service,
    Event.status,
    Event.reasons,
    Event.results,
    Event.at,
)


def parse_cursor(cursor: str) -> int:
    if cursor == "":
        return 0
    if not cursor.isascii() or not cursor.isdigit() or len(cursor) > 18:
        raise ApiProblem(
            400,
            "bad_cursor",
            "Bad cursor",
            "The cursor is not one this platform gave out.",
            title_zh="游标无效",
            detail_zh="同步游标无效，请从头同步。",
        )
    return int(cursor)


def status_page(platform: Platform, device: DeviceContext, cursor: str, limit: int) -> StatusPage:
    after = parse_cursor(cursor)
    advance(platform)
    limit = max(1, min(limit, MAX_PAGE))
    with platform.db.transaction() as session:
        # Columns, not entities: a whole submission row would decode its payload, receipt and
        # problems (JSON) for each event, which was most of the cost of a page.
        rows = session.execute(
            select(*FEED_COLUMNS)
            .join(Submission, Submission.id == Event.submission_id)
            .where(Event.device_id == device.device_id, Event.seq > after)
            .order_by(Event.seq)
            .limit(limit + 1)
        ).all()
    events = [
        StatusEvent(
            seq=seq,
            idempotency_key=key,
            case_id=case_id,
            service=service,
            status=status,
            reasons=list(reasons),
            results=AgencyResults.model_validate(results),
            at=at,
        )
        for seq, key, case_id, service, status, reasons, results, at in rows[:limit]
    ]
    next_cursor = str(events[-1].seq) if events else str(after)
    return StatusPage(events=events, next_cursor=next_cursor, has_more=len(rows) > limit)


def receipt(platform: Platform, device: DeviceContext, receipt_id: str) -> Receipt:
    with platform.db.transaction() as session:
        stored = session.scalar(
            select(Submission.receipt).where(
                Submission.device_id == device.device_id, Submission.receipt_id == receipt_id
            )
        )
    if not stored:
        raise ApiProblem(
            404,
            "not_found",
            "Not found",
            "No such receipt for this device.",
            title_zh="未找到",
            detail_zh="未找到该回执。",
        )
    return Receipt.model_validate(stored)


def stats(platform: Platform) -> SandboxStats:
    advance(platform)
    with platform.db.transaction() as session:
        counters = {row.name: row.value for row in session.scalars(select(Counter))}

        def count_submissions(*conditions: object) -> int:
            return int(session.scalar(select(func.count(Submission.id)).where(*conditions)) or 0)  # type: ignore[arg-type]

        accepted = count_submissions(Submission.outcome == "accepted")
        rejected = count_submissions(Submission.outcome == "rejected")
        completed = count_submissions(Submission.state == "completed")
        corrections = int(
            session.scalar(select(func.count(Event.seq)).where(Event.status == "needs_correction")) or 0
        )
        events = int(session.scalar(select(func.count(Event.seq))) or 0)
        devices = int(session.scalar(select(func.count(Device.device_id))) or 0)
    return SandboxStats(
        accepted=accepted,
        deliveries=counters.get("deliveries", 0),
        duplicates=counters.get("duplicate", 0),
        conflicts=counters.get("conflict", 0),
        rejected=rejected,
        invalid=counters.get("invalid", 0),
        retry_later=counters.get("retry_later", 0),
        completed=completed,
        needs_correction=corrections,
        devices=devices,
        events=events,
        injected_failures=platform.injected["failures"],
        injected_drops=platform.injected["drops"],
        injected_malformed=platform.injected["malformed"],
    )
