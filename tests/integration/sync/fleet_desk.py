"""One desk of a fleet, its own process: ``python -m tests.integration.sync.fleet_desk URL CODE TEMPLATES N``.

The desk is the training profile under ``$BIZDESK_HOME``, unlocked by ``BIZDESK_PASSPHRASE``, opened
as the ``bizdesk`` CLI opens it. Set-up (before the fleet starts together, not measured):

1. ``N`` ready cases with all seven services, copied in turn from the templates file (a JSON list of
   ``bizdesk.case/1`` documents) under fresh case ids, their fictitious scans stored in the profile;
2. each submitted as a clerk submits it (``submit_case``: the outbox rows in the case's transaction);
3. the desk enrolled with the platform at ``URL`` with the one-time ``CODE`` (``bizdesk device enroll``).

Then it prints ``ready``, waits for ``go`` on stdin and syncs with the desk's own sync
(``app.services.sync_pass.DeskSync``, what ``bizdesk sync`` runs: payloads built from the cases, scans
uploaded, results applied to the cases, audit checkpoints, health reports), pass after pass, until every
submission is completed, one pass after another with ``PAUSE_SECONDS`` between them, as a script running
``bizdesk sync --once`` in a loop would. (The desk's background worker waits the engine's backoff
after a failed pass, 1 s doubling up to 5 minutes: under 10 % failures and 10 % drops most passes of
a large queue end failed after their four transport retries, so the run would measure that backoff,
not the platform.) One more pass must send nothing. Last it prints one JSON line: what it measured
(every batch request's time, how every request ended, the errors of failed passes) and what its
outbox holds (states, outbox rows per case and service). Exit 0 unless the process itself failed.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from app.case.interchange import dump_case, parse_case
from app.case.model import Case
from app.case.summary import case_summary, lookup_keys
from app.paths import profile
from app.seed.placing import store_scans
from app.seed.scans import scan_sha256
from app.services.cases import new_case_id
from app.services.submission import submit_case
from app.services.sync_pass import SyncSession
from app.syncing.engine import SyncReport
from app.syncing.model import Enrolled
from app.syncing.platform import Signer
from app.syncing.ports import PlatformGateway
from app.wiring.enrollment import enroll
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.services import desk_sync, http_platform
from tests.integration.sync.support import gateway

BATCH_PATH = "/v1/submissions/batch"
ATTACHMENT_ADDRESS = re.compile(r"/[0-9a-f]{64}$")
CLERK = "clerk01"
PAUSE_SECONDS = 0.5  # between passes, failed or not
MAX_PASSES = 300  # a hang guard: a desk still syncing after this many passes has failed


class TimedTransport(httpx.BaseTransport):
    """Plain loopback HTTP that times every batch request to its answer read in full, and counts how
    every request ended (``POST /v1/submissions/batch 200``, ``... ReadError`` for a cut connection)."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.batch_seconds: list[float] = []
        self.requests: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        what = f"{request.method} {ATTACHMENT_ADDRESS.sub('/{sha256}', request.url.path)}"
        started = time.perf_counter()
        try:
            response = self._inner.handle_request(request)
            response.read()
        except httpx.TransportError as error:
            self.requests[f"{what} {type(error).__name__}"] += 1
            raise
        self.requests[f"{what} {response.status_code}"] += 1
        if request.url.path == BATCH_PATH and response.status_code == 200:
            self.batch_seconds.append(time.perf_counter() - started)
        return response

    def close(self) -> None:
        self._inner.close()


class TimedPlatform:
    """The desk's HTTP platform, its sync gateway over the timed transport (health reports as usual)."""

    def __init__(self, opened: OpenedProfile, transport: TimedTransport) -> None:
        self._real, self._transport = http_platform(opened), transport

    def gateway(self, enrolled: Enrolled, signer: Signer) -> PlatformGateway:
        return gateway(enrolled, signer, transport=self._transport)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def fresh_copy(template: Case, case_id: str) -> Case:
    """The template as a new case: another id, and the scans' digests of that id (the scans differ)."""
    document = dump_case(template)
    document["case_id"] = case_id
    for material in document["documents"]:
        if material.get("attachment_sha256"):
            material["attachment_sha256"] = scan_sha256(case_id, material["kind"], material.get("subject"))
    return parse_case(document)


def seed_submitted_cases(opened: OpenedProfile, templates: list[Case], count: int) -> list[str]:
    """``count`` cases copied from ``templates`` in one transaction, then each submitted in its own."""
    ids = []
    with opened.store.unit_of_work() as uow:
        for index in range(count):
            case = fresh_copy(templates[index % len(templates)], new_case_id(opened.clock()))
            uow.cases.add(dump_case(case), case_summary(case), lookup_keys(case))
            store_scans(uow, opened.files, case)
            ids.append(case.case_id)
        uow.commit()
    for case_id in ids:
        with opened.store.unit_of_work() as uow:
            submit_case(uow, case_id, by=CLERK)
    return ids


def finished(report: SyncReport) -> bool:
    return report.ok and report.pending == 0 and set(report.counts) == {"completed"}


def sync_until_done(desk: SyncSession) -> tuple[int, Counter[str], bool]:
    """Passes until every submission is completed: (passes, error codes of failed passes, done)."""
    errors: Counter[str] = Counter()
    for passes in range(1, MAX_PASSES + 1):
        report = desk.run_once()
        if not report.ok:
            errors[report.error_code or "unknown"] += 1
        if finished(report):
            return passes, errors, True
        time.sleep(PAUSE_SECONDS)
    return MAX_PASSES, errors, False


def outbox_rows(opened: OpenedProfile, case_ids: list[str]) -> dict[str, Any]:
    """The outbox by state, and how many rows (superseded aside) each (case, service) has."""
    with opened.store.read_unit_of_work() as uow:
        per_submission = Counter(
            (entry.case_id, entry.service)
            for case_id in case_ids
            for entry in uow.outbox.for_case(case_id)
            if entry.state != "superseded"
        )
        counts = uow.outbox.counts()
    return {
        "counts": counts,
        "submissions": len(per_submission),
        "duplicated": sorted(f"{case} {service}" for (case, service), n in per_submission.items() if n > 1),
    }


def main(url: str, code: str, templates_file: str, count: str) -> int:
    templates = [parse_case(doc) for doc in json.loads(Path(templates_file).read_text(encoding="utf-8"))]
    with open_profile(profile(True)) as opened:
        case_ids = seed_submitted_cases(opened, templates, int(count))
        enrolled = enroll(opened, url, code)
        transport = TimedTransport()
        with desk_sync(opened, TimedPlatform(opened, transport)).connect() as desk:
            print("ready", flush=True)
            if sys.stdin.readline().strip() != "go":
                return 1  # the fleet was called off
            started = time.time()
            passes, errors, done = sync_until_done(desk)
            ended = time.time()
            further = desk.run_once()
        result = {
            "device_id": enrolled.device_id,
            "cases": case_ids,
            "started_at": started,
            "finished_at": ended,
            "done": done,
            "passes": passes,
            "pass_errors": dict(errors),
            "further_sent": further.sent,
            "batch_seconds": transport.batch_seconds,
            "requests": dict(transport.requests),
            **outbox_rows(opened, case_ids),
        }
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
