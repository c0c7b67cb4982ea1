"""Fleet health: desks report with their sync passes; IT lists them from the platform, one flagged stale.

Only IT devices (enrolled with the platform operator's IT enrolment code) may list the fleet: a
branch desk is refused with 403 ``it_device_required``, and ``bizdesk fleet`` says why in zh/en.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.reference.data import use_reference
from app.updates.fleet import FleetRefused
from app.wiring.services import desk_sync
from sync.sandbox.fleet import FleetRow
from sync.sandbox.http_api import platform_of
from tests import sandbox_backends as backends
from tests.cli_accounts import TRAINING_CLERK, TRAINING_IT, use_login
from tests.integration.updates.support import Fleet, apply_update, fleet, fleet_listing


@pytest.fixture
def platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fleet]:
    monkeypatch.setenv("BIZDESK_PASSPHRASE", "培训口令 correct horse battery staple")
    with fleet(tmp_path) as running:
        yield running
    use_reference(None)


def test_three_desks_report_and_the_stale_one_is_flagged(
    platform: Fleet, capsys: pytest.CaptureFixture[str]
) -> None:
    desks = {branch: platform.desk(f"desk-{branch}", branch) for branch in ("0101", "0102", "0103")}
    platform.clocks["desk-0103"].offset = -dt.timedelta(days=2)  # its last success is two days old
    platform.release("2026.5", rollout={"branches": ["0101"], "percent": 0})
    for opened in desks.values():
        assert desk_sync(opened).run_once().ok
    apply_update(desks["0101"])
    desk_sync(desks["0101"]).run_once()  # reports the new pack
    it_desk = platform.desk("it", "9000", code="it-code-1")
    listed = fleet_listing(it_desk)
    lines = {line.desk.branch_code: line for line in listed if line.desk.branch_code != "9000"}
    assert set(lines) == {"0101", "0102", "0103"}
    assert lines["0101"].flags == ()
    assert lines["0101"].desk.pack_version == "2026.5"
    assert lines["0102"].flags == ("old_pack",)
    assert lines["0103"].flags == ("stale", "old_pack")
    assert lines["0103"].desk.queue_depth == 0
    with platform_of(platform.sandbox.app).db.transaction() as session:
        stored = session.query(FleetRow).all()
    assert len(stored) == 3  # one row per desk, replaced by each report
    assert all(set(row.recent_error_codes) <= {"platform_unavailable"} for row in stored)


def test_bizdesk_fleet_lists_branches_as_json(
    platform: Fleet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    platform.cli_desk(tmp_path / "home", "it-code-2", branch="9000")
    platform.desk("branch", "0201")
    assert main(["--training", "fleet", "--json"]) == 2  # IT signs in
    use_login(monkeypatch, TRAINING_CLERK)
    assert main(["--training", "fleet", "--json"]) == 1  # IT only
    assert not capsys.readouterr().out  # nothing listed
    use_login(monkeypatch, TRAINING_IT)
    assert main(["--training", "fleet", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {entry["branch_code"] for entry in listed} == {"9000", "0201"}
    assert all(entry["flags"] == ["never_reported"] for entry in listed)
    assert main(["--training", "fleet"]) == 0
    text = capsys.readouterr().out
    assert "2 台设备，2 台需要关注" in text
    assert "从未上报" in text


def test_a_branch_desk_may_not_list_the_fleet(platform: Fleet) -> None:
    branch = platform.desk("branch", "0101")
    with pytest.raises(FleetRefused) as refused:
        fleet_listing(branch)
    assert refused.value.code == "fleet.it_device_required"
    assert "IT注册码" in refused.value.message_zh
    assert "IT enrolment code" in refused.value.message_en


def test_the_platform_answers_403_with_a_problem_body(platform: Fleet) -> None:
    from app.services.updates import connect_operations
    from app.wiring.services import http_platform

    branch = platform.desk("branch", "0101")
    client, _ = connect_operations(branch.store, http_platform(branch))
    with client:
        answer = client._session.send("GET", "/v1/fleet")  # type: ignore[attr-defined]
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["code"] == "it_device_required"
    assert "IT" in body["detail_zh"]


def test_bizdesk_fleet_on_a_branch_desk_says_why_it_is_refused(
    platform: Fleet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BIZDESK_HOME", str(tmp_path / "home"))
    platform.cli_desk(tmp_path / "home", "itops-code-6")
    use_login(monkeypatch, TRAINING_IT)
    assert main(["--training", "fleet"]) == 1
    said = capsys.readouterr().err
    assert "只有用IT注册码注册的IT设备可以查看" in said
    assert "only IT devices" in said


def test_a_sandbox_database_from_before_it_codes_gains_them(tmp_path: Path) -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlalchemy import text

    from sync.protocol.models import EnrollRequest
    from sync.sandbox.config import SandboxConfig
    from sync.sandbox.platform import Platform

    def request(code: str) -> EnrollRequest:
        key = base64.b64encode(Ed25519PrivateKey.generate().public_key().public_bytes_raw()).decode()
        return EnrollRequest(
            code=code, public_key=key, branch_code="0101", division_code="370783", training=True
        )

    settings = backends.active().settings()  # one database for both starts
    config = SandboxConfig(data_dir=tmp_path, enroll_codes=("old",), it_enroll_codes=("it",), **settings)
    old = Platform(config)
    desk = old.enroll(request("old"))
    with old.db.transaction() as session:
        # as a database made before IT codes (and before the sandbox had migrations)
        session.execute(text("DROP TABLE it_devices"))
        session.execute(text("DROP TABLE alembic_version"))
    old.db.dispose()
    upgraded = Platform(config)
    try:
        assert upgraded.device(desk.device_id).role == "desk"  # type: ignore[union-attr]
        it = upgraded.enroll(request("it"))
        assert (it.role, upgraded.device(it.device_id).role) == ("it", "it")  # type: ignore[union-attr]
    finally:
        upgraded.db.dispose()
