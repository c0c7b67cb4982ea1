"""Concurrent writers against the real HTTP sandbox, on SQLite and PostgreSQL (the folder's fixture).

Threads released together by a barrier send real signed requests over loopback: the same
idempotency key at once, a feed followed by readers while writers commit, one signature replayed at
once, one enrolment code claimed at once, one scan's chunks at once, one checkpoint and fleet report
at once. Every answer is a documented one (never a 500) and the database holds each thing once.
On SQLite the one writer serialises them; on PostgreSQL they truly overlap (READ COMMITTED).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy import event, func, select

from app.security.device import DeviceIdentity
from app.syncing.rules import content_sha256
from sync.protocol.models import EnrollRequest
from sync.sandbox.db import Device, Event, Submission
from sync.sandbox.fleet import FleetRow
from sync.sandbox.http_api import platform_of
from sync.sandbox.server import RunningSandbox
from sync.signing import ENROLL_KEY_ID
from tests.integration.sync.support import enroll, new_device, sandbox, send, signed, synthetic_payload
from tests.sandbox_backends import Backend

T = TypeVar("T")
Desk = tuple[DeviceIdentity, str]
AT_ONCE = 8


@pytest.fixture
def platform() -> Iterator[RunningSandbox]:
    running = sandbox(enroll_codes=("CODE-1", "CODE-2", "CODE-3", "SHARED"))
    yield running
    running.stop()


@pytest.fixture
def desk(platform: RunningSandbox) -> Desk:
    device = new_device()
    return device, enroll(platform.url, device).device_id


def _at_once(count: int, work: Callable[[int], T]) -> list[T]:
    """``work(i)`` for each i on its own thread, all released together."""
    gate = threading.Barrier(count)

    def run(index: int) -> T:
        gate.wait()
        return work(index)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def _licence(case_id: str, key: str | None = None) -> dict[str, Any]:
    payload = synthetic_payload(case_id, "license")
    return {
        "idempotency_key": key or f"{case_id}:license:0123abcd",
        "case_id": case_id,
        "service": "license",
        "content_sha256": content_sha256(payload),
        "payload": payload,
    }


def _submit(url: str, desk: Desk, items: list[dict[str, Any]]) -> httpx.Response:
    body = json.dumps({"items": items}).encode()
    return send(signed(url, desk, "POST", "/v1/submissions/batch", body))


def test_one_key_sent_at_once_is_stored_once_and_every_sender_gets_its_answer(
    platform: RunningSandbox, desk: Desk
) -> None:
    item = _licence("case-race")
    answers = _at_once(AT_ONCE, lambda _i: _submit(platform.url, desk, [item]))

    assert [a.status_code for a in answers] == [200] * AT_ONCE, [a.text for a in answers]
    results = [a.json()["results"][0] for a in answers]
    assert sorted(r["outcome"] for r in results) == ["accepted"] + ["duplicate"] * (AT_ONCE - 1)
    assert {r["receipt"]["receipt_id"] for r in results} == {results[0]["receipt"]["receipt_id"]}
    assert all(r.get("original_outcome") == "accepted" for r in results if r["outcome"] == "duplicate")
    with platform_of(platform.app).db.transaction() as session:
        stored = session.scalar(select(func.count()).where(Submission.case_id == "case-race"))
        events = session.scalar(select(func.count()).select_from(Event))
    assert (stored, events) == (1, 1)


def _follow(url: str, desk: Desk, cursor: str) -> tuple[list[int], str]:
    response = send(signed(url, desk, "GET", f"/v1/status?cursor={cursor}&limit=1000"))
    assert response.status_code == 200, response.text
    page = response.json()
    return [event["seq"] for event in page["events"]], str(page["next_cursor"])


def test_readers_following_the_feed_while_writers_commit_miss_and_repeat_nothing(
    platform: RunningSandbox, desk: Desk
) -> None:
    writers, batches = 6, 8
    done = threading.Event()
    seen: dict[int, list[int]] = {0: [], 1: []}
    cursors = dict.fromkeys(seen, "")

    def read(reader: int, until: Callable[[], bool]) -> None:
        while True:
            stop = until()
            seqs, cursors[reader] = _follow(platform.url, desk, cursors[reader])
            seen[reader].extend(seqs)
            if stop and not seqs:
                return

    def write(writer: int) -> None:
        for batch in range(batches):
            items = [_licence(f"case-w{writer}-b{batch}-{n}") for n in range(3)]
            assert _submit(platform.url, desk, items).status_code == 200

    readers = [threading.Thread(target=read, args=(r, done.is_set)) for r in seen]
    for thread in readers:
        thread.start()
    _at_once(writers, write)
    done.set()
    for thread in readers:
        thread.join()
    for reader in seen:  # alone now: the agency's last decisions, made while the other one read
        read(reader, lambda: True)

    with platform_of(platform.app).db.transaction() as session:
        stored = list(session.scalars(select(Event.seq).order_by(Event.seq)))
    # accepted, then completed by the licensing agency (decided as the readers ask): two per licence
    assert len(stored) == 2 * writers * batches * 3
    assert stored == list(range(1, len(stored) + 1))  # numbered without gaps, each number once
    for reader in seen.values():
        assert reader == stored  # in order, nothing skipped, nothing twice


def test_one_signature_replayed_at_once_gets_through_once(platform: RunningSandbox, desk: Desk) -> None:
    request = signed(platform.url, desk, "GET", "/v1/status")
    answers = _at_once(AT_ONCE, lambda _i: send(request))
    codes = sorted(a.status_code for a in answers)
    assert codes == [200] + [401] * (AT_ONCE - 1), [a.text for a in answers]
    assert {a.json()["code"] for a in answers if a.status_code == 401} == {"replay"}


def _enroll_request(url: str, device: DeviceIdentity, code: str) -> httpx.Request:
    body = {
        "code": code,
        "public_key": base64.b64encode(device.public_key).decode("ascii"),
        "branch_code": "B001",
        "division_code": "370783",
        "training": True,
    }
    return signed(url, (device, ENROLL_KEY_ID), "POST", "/v1/enroll", json.dumps(body).encode())


def test_one_enrolment_sent_at_once_enrols_one_device(platform: RunningSandbox) -> None:
    device = new_device()
    answers = _at_once(AT_ONCE, lambda _i: send(_enroll_request(platform.url, device, "CODE-2")))
    assert [a.status_code for a in answers] == [200] * AT_ONCE, [a.text for a in answers]
    assert len({a.json()["device_id"] for a in answers}) == 1


def test_one_code_claimed_by_many_desks_at_once_enrols_one(platform: RunningSandbox) -> None:
    devices = [new_device() for _ in range(AT_ONCE)]
    answers = _at_once(AT_ONCE, lambda i: send(_enroll_request(platform.url, devices[i], "SHARED")))
    assert sorted(a.status_code for a in answers) == [200] + [403] * (AT_ONCE - 1), [a.text for a in answers]
    assert {a.json()["code"] for a in answers if a.status_code == 403} == {"enroll_code_used"}


def test_the_same_chunk_sent_at_once_is_stored_once_and_the_upload_resumes(
    platform: RunningSandbox, desk: Desk
) -> None:
    scan = bytes(range(256)) * 64
    sha = hashlib.sha256(scan).hexdigest()
    half = len(scan) // 2

    def chunk(offset: int, data: bytes) -> httpx.Response:
        headers = {
            "content-type": "application/octet-stream",
            "upload-offset": str(offset),
            "upload-length": str(len(scan)),
            "upload-media-type": "image/jpeg",
        }
        return send(signed(platform.url, desk, "PATCH", f"/v1/attachments/{sha}", data, headers))

    answers = _at_once(AT_ONCE, lambda _i: chunk(0, scan[:half]))
    assert sorted(a.status_code for a in answers) == [200] + [409] * (AT_ONCE - 1), [a.text for a in answers]
    assert {a.headers["upload-offset"] for a in answers if a.status_code == 409} == {str(half)}
    assert [a.json()["received"] for a in answers if a.status_code == 200] == [half]

    rest = _at_once(AT_ONCE, lambda _i: chunk(half, scan[half:]))
    assert sum(a.status_code == 200 and a.json()["complete"] for a in rest) >= 1
    assert all(a.status_code in (200, 409) for a in rest), [a.text for a in rest]
    status = send(signed(platform.url, desk, "GET", f"/v1/attachments/{sha}")).json()
    assert (status["received"], status["complete"]) == (len(scan), True)


def test_one_checkpoint_and_one_fleet_report_sent_at_once_are_kept_once(
    platform: RunningSandbox, desk: Desk
) -> None:
    checkpoint = json.dumps({"seq": 12, "head_hash": "ab" * 32, "signed_at": "2026-11-28T05:00:00Z"}).encode()
    receipts = _at_once(
        AT_ONCE, lambda _i: send(signed(platform.url, desk, "POST", "/v1/audit-checkpoints", checkpoint))
    )
    assert [r.status_code for r in receipts] == [200] * AT_ONCE, [r.text for r in receipts]
    assert len({json.dumps(r.json(), sort_keys=True) for r in receipts}) == 1

    def report(index: int) -> httpx.Response:
        report = {"app_version": "0.1.0", "pack_version": "2026.11.1", "queue_depth": index}
        body = json.dumps(report).encode()
        return send(signed(platform.url, desk, "POST", "/v1/fleet/reports", body))

    reports = _at_once(AT_ONCE, report)
    assert [r.status_code for r in reports] == [200] * AT_ONCE, [r.text for r in reports]
    with platform_of(platform.app).db.transaction() as session:
        rows = session.scalars(select(FleetRow)).all()
    assert len(rows) == 1
    assert 0 <= rows[0].queue_depth < AT_ONCE


def test_an_enrolment_committed_between_two_reads_of_its_twin_answers_the_same_device(
    platform: RunningSandbox, sandbox_backend: Backend
) -> None:
    """The race CI once hit on PostgreSQL, made certain: the same key and code are enrolled by a
    second transaction that commits right after the first one's read of the devices table. The
    first must still answer that device (not "code used": it read the table once, READ COMMITTED)."""
    if sandbox_backend.name == "sqlite":
        pytest.skip("SQLite: the sandbox's writer lock serialises enrolments, so none can commit mid-read")
    core = platform_of(platform.app)
    device = new_device()
    request = EnrollRequest(
        code="CODE-3",
        public_key=base64.b64encode(device.public_key).decode("ascii"),
        branch_code="B001",
        division_code="370783",
        training=True,
    )
    main = threading.get_ident()
    twin: list[str] = []

    def after_read(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        reads_devices = statement.lstrip().startswith("SELECT") and "FROM devices" in statement
        if threading.get_ident() == main and not twin and reads_devices:
            worker = ThreadPoolExecutor(1)
            twin.append(worker.submit(core.enroll, request).result().device_id)
            worker.shutdown()

    event.listen(core.db.engine, "after_cursor_execute", after_read)
    try:
        first = core.enroll(request)
    finally:
        event.remove(core.db.engine, "after_cursor_execute", after_read)
    assert twin, "the twin enrolment never ran: the devices table was not read"
    assert first.device_id == twin[0]
    same_key = select(func.count()).select_from(Device).where(Device.public_key == request.public_key)
    with core.db.transaction() as session:
        assert session.scalar(same_key) == 1
