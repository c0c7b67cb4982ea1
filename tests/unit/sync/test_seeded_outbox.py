"""Seeded cases past ``ready`` carry the submissions their state implies, and their scans travel."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from app.case.enums import ServiceCode, Status
from app.case.interchange import dump_case, parse_case
from app.case.lifecycle import mark_service_ready
from app.case.model import Case
from app.case.summary import case_summary, lookup_keys
from app.security.attachments import AttachmentStore, load_attachment
from app.seed.scans import fictitious_scan
from app.services.submission import submit_case
from app.syncing.apply import build_payloads, update_case
from app.syncing.attachments import document_id
from app.syncing.ports import AttachmentRef
from app.training.seeding import seed_cases
from tests.integration.sync.support import Desk, engine
from tests.unit.sync.fake_platform import FakePlatform

TODAY = dt.date(2026, 11, 26)
IN_FLIGHT = {Status.QUEUED, Status.SUBMITTED}


def _seed(store: Desk, n: int, files: AttachmentStore | None = None) -> list[Case]:
    with store.outbox() as (uow, _):
        assert seed_cases(uow, n, training=True, seed=3, today=TODAY, files=files) == n
    with store.outbox() as (uow, _):
        return [parse_case(uow.cases.get(s.case_id).document) for s in uow.cases.list(limit=1000)]  # type: ignore[union-attr]


class _Scans:
    def __init__(self, store: Desk, files: AttachmentStore) -> None:
        self._store, self._files = store, files

    def read(self, ref: AttachmentRef) -> bytes:
        with self._store.unit() as uow:
            return load_attachment(uow, self._files, ref.case_id, ref.document_id)  # type: ignore[arg-type]


def test_seeded_queued_and_submitted_cases_have_their_submissions_and_no_other_does(store: Desk) -> None:
    cases = _seed(store, 32)
    assert {c.status for c in cases} == set(Status)
    with store.outbox() as (_, outbox):
        for case in cases:
            rows = {e.service: e for e in outbox.for_case(case.case_id)}
            flying = {code.value for code, r in case.services.requested() if r.status in IN_FLIGHT}
            if case.status in IN_FLIGHT:
                assert flying, case.case_id
                assert flying <= rows.keys(), case.case_id
                assert {e.state for e in rows.values()} <= {"pending", "waiting"}
            else:
                assert rows == {}, (case.status, case.case_id)


def test_every_seeded_queued_or_submitted_case_reaches_accepted_or_further(store: Desk) -> None:
    cases = _seed(store, 32)
    flying = [c.case_id for c in cases if c.status in IN_FLIGHT]
    platform = FakePlatform()
    run = engine(store, platform, update_case=update_case, build_payload=build_payloads)
    report = run.run_once()
    assert report.ok
    assert report.pending == 0
    assert report.counts.get("quarantined", 0) == 0
    with store.outbox() as (uow, _):
        after = {c: uow.cases.get(c).summary.status for c in flying}  # type: ignore[union-attr]
    assert set(after.values()) <= {"accepted", "completed"}, after
    assert len(platform.accepted) == len({(i.case_id, i.service) for i in platform.accepted.values()})
    assert run.run_once().sent == 0


def test_a_queued_service_without_a_submission_gets_one_when_the_case_is_submitted(
    store: Desk,
) -> None:
    cases = _seed(store, 8)
    corrected = next(c for c in cases if c.status is Status.NEEDS_CORRECTION)
    queued = {code.value for code, r in corrected.services.requested() if r.status is Status.QUEUED}

    ready = mark_service_ready(corrected, ServiceCode.LICENSE, today=TODAY)
    with store.outbox() as (uow, _):
        stored = uow.cases.get(ready.case_id)
        assert stored is not None
        uow.cases.replace(
            dump_case(ready), case_summary(ready), lookup_keys(ready), expected_revision=stored.revision
        )
        uow.commit()
        result = submit_case(uow, ready.case_id, by="clerk1")
    assert set(result.queued) == {"license"} | queued


def test_seeded_scans_reach_the_platform_before_the_submissions_that_refer_to_them(
    store: Desk, tmp_path: Path
) -> None:
    files = AttachmentStore(tmp_path / "attachments")
    cases = _seed(store, 16, files)
    with store.outbox() as (_, outbox):
        refs = [r for c in cases for e in outbox.for_case(c.case_id) for r in e.attachments]
    assert refs
    platform = FakePlatform()
    run = engine(
        store,
        platform,
        update_case=update_case,
        build_payload=build_payloads,
        attachments=_Scans(store, files),
    )
    assert run.run_once().ok
    for item in platform.accepted.values():
        for ref in item.attachments:
            assert hashlib.sha256(platform.uploads[ref.sha256]).hexdigest() == ref.sha256
    case = next(c for c in cases if c.status is Status.QUEUED)
    document = next(d for d in case.documents if d.attachment_sha256)
    slot = document_id(document.kind.value, document.subject)
    scan = fictitious_scan(case.case_id, document.kind.value, document.subject)
    assert document.attachment_sha256 is not None
    assert platform.uploads[document.attachment_sha256] == scan
    assert any(r.document_id == slot for r in refs)


def test_without_scans_on_this_desk_submissions_refer_to_none(store: Desk) -> None:
    cases = _seed(store, 8)
    with store.outbox() as (_, outbox):
        assert all(not e.attachments for c in cases for e in outbox.for_case(c.case_id))
