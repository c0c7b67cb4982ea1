"""Agency results win: a licence completed again (a resend under a new key, as the seeded in-flight
training cases are) gives the case the USCC the platform issued this time, and every payload built
after that carries it. The sandbox issues a new USCC at every licence completion."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.case.enums import ServiceCode, Status
from app.case.interchange import parse_case
from app.paths import Profile
from app.training.seeding import seed_cases
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.services import desk_sync
from tests.integration.sync.support import embedded_sandbox, sandbox_rows


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenedProfile]:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with open_profile(Profile("training", tmp_path / "training")) as profile:
        yield profile


def _platform_submissions(data: Path) -> list[tuple[int, str, str, dict, dict]]:  # type: ignore[type-arg]
    rows = sandbox_rows(data, "SELECT id, case_id, service, payload, results FROM submissions ORDER BY id")
    return [(i, case, service, p, r or {}) for i, case, service, p, r in rows]


def _resent_licences(opened: OpenedProfile) -> dict[str, str]:
    """Case id -> the USCC the case holds, for seeded cases whose completed licence is sent again."""
    found = {}
    with opened.store.read_unit_of_work() as uow:
        for summary in uow.cases.list(limit=1000):
            stored = uow.cases.get(summary.case_id)
            assert stored is not None
            licence = parse_case(stored.document).services.license
            resent = any(e.service == "license" for e in uow.outbox.for_case(summary.case_id))
            if licence is not None and licence.status is Status.COMPLETED and licence.results and resent:
                found[summary.case_id] = licence.results.uscc
    return found


def test_a_new_uscc_from_a_recompleted_licence_reaches_the_case_and_every_later_payload(
    opened: OpenedProfile,
) -> None:
    _url, stop = embedded_sandbox(opened, decision_delay_s=0.0, correction_rate=0.0)
    try:
        with opened.store.unit_of_work() as uow:
            seed_cases(uow, 24, training=True, seed=8)
        before = _resent_licences(opened)
        assert before, "the sample has no submitted case with a completed licence"
        report = desk_sync(opened).run_once()
        assert report.ok, report
    finally:
        stop()
    submissions = _platform_submissions(opened.profile.root / "sandbox")
    later_payloads = 0
    for case_id, old_uscc in before.items():
        licences = [(i, results) for i, c, s, _p, results in submissions if c == case_id and s == "license"]
        issued_at, results = licences[-1]
        new_uscc = results["uscc"]
        assert new_uscc != old_uscc  # the sandbox issued another one
        with opened.store.read_unit_of_work() as uow:
            stored = uow.cases.get(case_id)
        assert stored is not None
        licence = parse_case(stored.document).services.get(ServiceCode.LICENSE)
        assert licence is not None
        assert licence.results is not None
        assert licence.results.uscc == new_uscc  # agency results win in the case
        for i, c, service, payload, _r in submissions:
            if c == case_id and service != "license" and i > issued_at:
                assert payload["company"]["uscc"] == new_uscc, (case_id, service)
                later_payloads += 1
    assert later_payloads > 0
