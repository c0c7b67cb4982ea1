"""Nothing from training reaches a production platform (issue 10, point 4), tested from the real
training profile (SQLCipher, its own device key) against a sandbox in production mode on 127.0.0.1.

The protocol's own refusals (any training device, any fictitious payload) are tested in
``tests/integration/sync/test_security.py`` and ``test_fictitious_refused.py``; here they are met by
what the training desk itself holds: its enrolment, its device signature and its queued payloads.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import func, select

from app.errors import PlatformError
from app.syncing.model import SyncState
from app.syncing.ports import EnrollmentRefused
from app.training.seeding import seed_cases
from app.wiring.enrollment import enroll
from app.wiring.profile import OpenedProfile
from app.wiring.services import desk_sync
from sync.client.wire_data import wire_item
from sync.sandbox.db import Submission
from sync.sandbox.http_api import platform_of
from sync.sandbox.server import RunningSandbox
from sync.signing import sign_request
from tests.integration.sync.support import enroll as enroll_device_with
from tests.integration.sync.support import new_device, record_device, sandbox


@pytest.fixture
def production() -> Iterator[RunningSandbox]:
    running = sandbox(mode="production")
    try:
        yield running
    finally:
        running.stop()


def _queued(opened: OpenedProfile) -> None:
    """Fictitious cases with submissions ready to send, as the training desk holds them."""
    with opened.store.unit_of_work() as uow:
        seed_cases(uow, 12, training=True, seed=5)


def _accepted(production: RunningSandbox) -> int:
    """How many submissions the platform took (a rejected one is kept only as the answer to resends)."""
    query = select(func.count()).select_from(Submission).where(Submission.outcome != "rejected")
    with platform_of(production.app).db.transaction() as session:
        return int(session.scalar(query) or 0)


def test_the_training_desk_cannot_enroll_with_a_production_platform(
    training_profile: OpenedProfile, production: RunningSandbox
) -> None:
    with pytest.raises(EnrollmentRefused) as refused:
        enroll(training_profile, production.url, "CODE-1")
    assert "training_device_refused" in refused.value.code
    with training_profile.store.read_unit_of_work() as uow:
        assert uow.outbox.state().enrolled is None  # nothing kept: it still syncs with no platform


def test_a_training_desk_pointed_at_production_by_hand_sends_nothing(
    training_profile: OpenedProfile, production: RunningSandbox
) -> None:
    """Even with a production enrolment written into its state (a real desk's, copied over), the
    training desk's sync refuses the platform before sending a single submission."""
    _queued(training_profile)
    real_desk = enroll_device_with(production.url, new_device(), code="CODE-2", training=False)
    assert real_desk.mode == "production"
    with training_profile.store.unit_of_work() as uow:
        uow.outbox.save_state(SyncState(enrolled=real_desk))
        uow.commit()
    try:
        report = desk_sync(training_profile).run_once()
        refused = report.error_code
    except PlatformError as error:
        refused = error.code
    assert refused == "platform.mode_mismatch"
    assert _accepted(production) == 0


@pytest.mark.parametrize("recorded_as_training", [True, False])
def test_production_refuses_what_the_training_device_signs(
    training_profile: OpenedProfile, production: RunningSandbox, recorded_as_training: bool
) -> None:
    """A training device in production's records by an operator's mistake: its signed batch of the
    desk's own queued payloads is refused whole (as a training device), or, recorded as a real desk,
    every fictitious payload in it is rejected."""
    _queued(training_profile)
    device = training_profile.device
    record_device(production, device, "dev-training-desk", training=recorded_as_training)
    with training_profile.store.read_unit_of_work() as uow:
        items = [e.outgoing() for e in uow.outbox.due(dt.datetime.now(dt.UTC), 5) if e.payload]
    assert items
    assert all(item.payload["fictitious"] for item in items)
    body = json.dumps({"items": [wire_item(item) for item in items]}).encode()
    request = httpx.Request(
        "POST",
        f"{production.url}/v1/submissions/batch",
        content=body,
        headers={"content-type": "application/json", "content-encoding": "identity"},
    )
    sign_request("POST", str(request.url), request.headers, body, signer=device, key_id="dev-training-desk")
    with httpx.Client() as client:
        answer = client.send(request)
    if recorded_as_training:
        assert (answer.status_code, answer.json()["code"]) == (403, "training_device_refused")
    else:
        assert answer.status_code == 200, answer.text
        outcomes = {(r["outcome"], r["problems"][0]["field"]) for r in answer.json()["results"]}
        assert outcomes == {("rejected", "fictitious")}
    assert _accepted(production) == 0
