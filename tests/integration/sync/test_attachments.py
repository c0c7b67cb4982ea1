"""Attachments by content address over loopback HTTP: resumed after a cut, never sent twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.errors import PlatformError
from app.syncing.model import NewSubmission
from app.syncing.ports import AttachmentRef, PlatformUnavailable
from sync.client.gateway import HttpPlatformGateway
from sync.client.uploads import CHUNK_BYTES
from sync.sandbox.db import Attachment
from sync.sandbox.http_api import platform_of
from sync.sandbox.server import RunningSandbox
from tests.integration.sync.support import (
    DeskStore,
    engine,
    enroll,
    gateway,
    new_device,
    sandbox,
    synthetic_payload,
)


class CuttingTransport(httpx.HTTPTransport):
    """Counts chunk bytes; can lose the answer to the n-th chunk after the platform stored it."""

    def __init__(self, cut_after: int | None = None) -> None:
        super().__init__()
        self.cut_after = cut_after
        self.patches = 0
        self.patched_bytes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        batch = request.method == "POST" and request.url.path == "/v1/attachments/batch"
        if request.method == "PATCH" or batch:
            self.patches += 1
            self.patched_bytes += _chunk_bytes(request.content) if batch else len(request.content)
            if self.patches == self.cut_after:
                response.read()
                response.close()
                raise httpx.ReadError("connection cut")
        return response


def _chunk_bytes(body: bytes) -> int:
    """The scan bytes of an attachment batch: its parts' lengths, from the manifest that opens it."""
    size = int.from_bytes(body[:4], "big")
    return sum(int(part["length"]) for part in json.loads(body[4 : 4 + size])["parts"])


class Files:
    def __init__(self, *blobs: bytes) -> None:
        self.blobs = {hashlib.sha256(b).hexdigest(): b for b in blobs}

    def read(self, ref: AttachmentRef) -> bytes:
        return self.blobs[ref.sha256]


def _ref(blob: bytes) -> AttachmentRef:
    return AttachmentRef(hashlib.sha256(blob).hexdigest(), len(blob), "image/jpeg", "case-a", "id_copy")


@pytest.fixture
def platform() -> Iterator[RunningSandbox]:
    running = sandbox()
    yield running
    running.stop()


def _gateway(platform: RunningSandbox, transport: httpx.BaseTransport) -> HttpPlatformGateway:
    device = new_device()
    enrolled = enroll(platform.url, device)
    return gateway(enrolled, device, transport=transport)


def test_a_cut_upload_resumes_where_the_platform_stopped(platform: RunningSandbox) -> None:
    scan = secrets.token_bytes(2 * CHUNK_BYTES + 300_000)
    transport = CuttingTransport(cut_after=2)
    gateway = _gateway(platform, transport)
    with pytest.raises(PlatformUnavailable):
        gateway.ensure_attachment(_ref(scan), Files(scan))  # the answer to the 2nd chunk is lost
    assert transport.patched_bytes == 2 * CHUNK_BYTES
    gateway.ensure_attachment(_ref(scan), Files(scan))
    assert transport.patched_bytes == len(scan)  # resumed from the platform's offset: nothing sent twice
    patches = transport.patches
    gateway.ensure_attachment(_ref(scan), Files(scan))  # already held: deduplicated, no bytes at all
    assert transport.patches == patches
    gateway.close()


def test_bytes_that_do_not_match_their_address_are_refused_and_start_over(platform: RunningSandbox) -> None:
    scan = secrets.token_bytes(50_000)
    transport = CuttingTransport()
    gateway = _gateway(platform, transport)
    forged = AttachmentRef(hashlib.sha256(b"other").hexdigest(), len(scan), "image/jpeg")

    class Liar:
        def read(self, ref: AttachmentRef) -> bytes:
            return scan

    with pytest.raises(PlatformError) as refused:
        gateway.ensure_attachment(forged, Liar())
    assert refused.value.code == "attachment_damaged"  # checked on the desk before sending
    assert transport.patches == 0
    gateway.close()


def test_a_submission_goes_only_after_its_scans(platform: RunningSandbox, tmp_path: Path) -> None:
    scans = [secrets.token_bytes(300_000) for _ in range(3)]
    device = new_device()
    store = DeskStore(tmp_path / "desk.db", None, device)
    store.enroll(enroll(platform.url, device))
    refs = tuple(_ref(scan) for scan in scans)
    with store.outbox() as (uow, outbox):
        outbox.add(
            NewSubmission("case-a", "license", 1, synthetic_payload("case-a", "license"), (), refs),
            now=dt.datetime.now(dt.UTC),
        )
        outbox.add(
            NewSubmission("case-b", "license", 1, synthetic_payload("case-b", "license"), (), refs[:1]),
            now=dt.datetime.now(dt.UTC),
        )
        uow.commit()
    with store.outbox() as (_, outbox):
        enrolled = outbox.state().enrolled
    assert enrolled is not None
    transport = CuttingTransport()
    run = engine(store, gateway(enrolled, device, transport=transport), attachments=Files(*scans))
    report = run.run_once()
    run.close()
    assert report.ok
    assert report.counts == {"completed": 2}
    assert transport.patched_bytes == sum(len(s) for s in scans)  # the shared scan went once
    store.close()


def test_a_batch_whose_answer_is_lost_resumes_without_sending_twice(platform: RunningSandbox) -> None:
    big = secrets.token_bytes(CHUNK_BYTES + 200_000)  # two chunks
    small = [secrets.token_bytes(300_000) for _ in range(4)]
    refs = [_ref(b) for b in (big, *small)]
    transport = CuttingTransport(cut_after=1)
    gateway = _gateway(platform, transport)
    with pytest.raises(PlatformUnavailable):
        gateway.ensure_attachments(refs, Files(big, *small))  # stored, but the answer is lost
    first = transport.patched_bytes
    assert first == CHUNK_BYTES + 4 * 300_000  # one request: the big scan's first chunk and the others
    assert gateway.ensure_attachments(refs, Files(big, *small)) == {}
    assert transport.patched_bytes == len(big) + 4 * 300_000  # only the missing chunk was sent again
    requests = transport.patches
    assert gateway.ensure_attachments(refs, Files(big, *small)) == {}  # held: nothing sent
    assert transport.patches == requests
    gateway.close()


def test_a_batch_part_with_bytes_not_matching_its_address_is_refused_alone(platform: RunningSandbox) -> None:
    good = secrets.token_bytes(100_000)
    forged = AttachmentRef(hashlib.sha256(b"other").hexdigest(), len(good), "image/jpeg")

    class Mixed:
        def read(self, ref: AttachmentRef) -> bytes:
            return good

    gateway = _gateway(platform, CuttingTransport())
    failed = gateway.ensure_attachments([forged, _ref(good)], Mixed())
    assert set(failed) == {forged.sha256}
    assert failed[forged.sha256].code == "attachment_damaged"
    assert gateway.ensure_attachments([_ref(good)], Mixed()) == {}
    gateway.close()


class FailingTransport(httpx.HTTPTransport):
    """Fails chosen requests before they leave (the n-th attachments batch, the n-th question about a
    scan's status), as a bad network does; counts both kinds."""

    def __init__(self, *, batch: int, status: int) -> None:
        super().__init__()
        self.fail = {"batch": batch, "status": status}
        self.seen = {"batch": 0, "status": 0}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        kind = "batch" if path == "/v1/attachments/batch" else "status" if request.method == "GET" else ""
        if kind:
            self.seen[kind] += 1
            if self.seen[kind] == self.fail[kind]:
                raise httpx.ConnectError("network down")
        return super().handle_request(request)


def test_a_scan_asked_about_after_a_failed_batch_is_not_asked_about_again(platform: RunningSandbox) -> None:
    # Under steady failures a try that asks about hundreds of scans always meets a failing request:
    # asking again about every scan on the next try would never get through (found by the fleet load test).
    scans = [secrets.token_bytes(20_000) for _ in range(6)]
    refs, files = [_ref(scan) for scan in scans], Files(*scans)
    transport = FailingTransport(batch=1, status=4)
    gateway = _gateway(platform, transport)
    with pytest.raises(PlatformUnavailable):
        gateway.ensure_attachments(refs, files)  # the batch never reached the platform
    with pytest.raises(PlatformUnavailable):
        gateway.ensure_attachments(refs, files)  # three scans asked about, the fourth question fails
    assert transport.seen == {"batch": 1, "status": 4}
    assert gateway.ensure_attachments(refs, files) == {}
    assert transport.seen == {"batch": 2, "status": 7}  # only the three not yet asked about
    assert gateway.ensure_attachments(refs, files) == {}  # all held now: not a request more
    assert transport.seen == {"batch": 2, "status": 7}
    gateway.close()


class SubmitFails:
    """A gateway whose submissions fail (the network drops after the scans went): they stay pending."""

    def __init__(self, inner: HttpPlatformGateway) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def submit_batch(self, items: object) -> object:
        raise PlatformUnavailable("平台暂时不可用。", "The platform is unavailable.")

    def submit_batch_with_feed(self, items: object, cursor: str) -> object:
        return self.submit_batch(items)


def test_a_new_sync_process_does_not_upload_the_scans_of_pending_submissions_again(
    platform: RunningSandbox, tmp_path: Path
) -> None:
    scans = [secrets.token_bytes(200_000) for _ in range(3)]
    device = new_device()
    store = DeskStore(tmp_path / "desk.db", None, device)
    enrolled = enroll(platform.url, device)
    store.enroll(enrolled)
    with store.outbox() as (uow, outbox):
        payload = synthetic_payload("case-a", "license")
        outbox.add(NewSubmission("case-a", "license", 1, payload, (), tuple(map(_ref, scans))), now=_now())
        uow.commit()

    def process(transport: CuttingTransport, *, submits: bool) -> object:
        """One ``bizdesk sync`` process: its own gateway (nothing remembered in memory), one pass."""
        platform_gateway = gateway(enrolled, device, transport=transport)
        used = platform_gateway if submits else SubmitFails(platform_gateway)
        run = engine(store, used, attachments=Files(*scans))
        report = run.run_once()
        run.close()
        return report

    first, second = CuttingTransport(), CuttingTransport()
    assert not process(first, submits=False).ok  # type: ignore[attr-defined]  # scans sent, submission not
    assert first.patched_bytes == sum(len(s) for s in scans)
    assert store.counts() == {"pending": 1}
    report = process(second, submits=True)
    assert report.ok  # type: ignore[attr-defined]
    assert store.counts() == {"completed": 1}
    assert second.patched_bytes == 0  # the second process remembered them: no byte sent twice
    assert second.patches == 0
    store.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class OverlapTransport(httpx.HTTPTransport):
    """Holds the first attachment batch until a second one has been sent (``HANG_GUARD_S`` at most:
    an uploader that waits for each answer before the next request never sends it), and records the
    most batch requests seen in flight at once."""

    HANG_GUARD_S = 120

    def __init__(self) -> None:
        super().__init__()
        self.second_sent = threading.Event()
        self.lock = threading.Lock()
        self.in_flight = self.most_in_flight = self.batches = 0
        self.overlapped: bool | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/attachments/batch":
            return super().handle_request(request)
        with self.lock:
            self.batches += 1
            first = self.batches == 1
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        if not first:
            self.second_sent.set()
        else:
            self.overlapped = self.second_sent.wait(self.HANG_GUARD_S)
        try:
            return super().handle_request(request)
        finally:
            with self.lock:
                self.in_flight -= 1


def test_the_next_batch_of_scans_goes_out_while_the_platform_stores_one(platform: RunningSandbox) -> None:
    scans = [secrets.token_bytes(700_000) for _ in range(30)]  # 21 MB: three batch requests at least
    transport = OverlapTransport()
    gateway = _gateway(platform, transport)
    assert gateway.ensure_attachments([_ref(s) for s in scans], Files(*scans)) == {}
    assert transport.overlapped is True
    assert transport.most_in_flight == 2
    assert transport.batches >= 3
    gateway.close()
    with platform_of(platform.app).db.transaction() as session:
        held = session.execute(select(Attachment.sha256, Attachment.complete)).all()
    assert sorted(held) == sorted((_ref(scan).sha256, True) for scan in scans)
