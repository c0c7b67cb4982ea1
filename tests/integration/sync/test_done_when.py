"""The issue's "done when", from the command line, each step its own process:

    bizdesk sandbox --mode training --enroll-code X --fail-rate 0.3 --drop-rate 0.1 --port 0
    bizdesk --training seed --cases 50
    bizdesk --training device enroll --platform http://127.0.0.1:PORT --code X
    bizdesk --training case submit ID...         (the ready cases)
    bizdesk --training sync --once --json        (repeated)

Every submitted case ends accepted or further: the ready cases submitted here, and the cases the
seed left queued or submitted (their outbox rows were written with them); /sandbox/stats counts
as accepted exactly the distinct submissions; a further sync sends nothing and adds nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.cli_accounts import TRAINING_IT, TRAINING_TRAINER
from tests.integration.sync.support import sandbox_process

PLATFORM_ACCEPTED = {"accepted", "completed"}
ALL_STATES = {
    "draft",
    "ready",
    "queued",
    "submitted",
    "accepted",
    "needs_correction",
    "rejected",
    "completed",
}


def _bizdesk(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if check:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def _cases(env: dict[str, str]) -> dict[str, str]:
    listed = json.loads(_bizdesk(env, "--training", "case", "list", "--json", "--limit", "1000").stdout)
    return {row["case_id"]: row["status"] for row in listed}


def _statuses(env: dict[str, str], case_ids: list[str]) -> list[str]:
    listed = _cases(env)
    return [listed[case_id] for case_id in case_ids]


@pytest.mark.slow
def test_seeded_cases_reach_the_platform_exactly_once_from_the_cli(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BIZDESK_HOME": str(tmp_path / "home"),
        "BIZDESK_PASSPHRASE": "培训用口令 correct horse battery staple",
        **TRAINING_TRAINER,  # the trainer seeds, lists, submits and syncs (tests/cli_accounts.py)
    }
    platform = sandbox_process(
        tmp_path / "platform",
        "--mode",
        "training",
        "--enroll-code",
        "X",
        "--fail-rate",
        "0.3",
        "--drop-rate",
        "0.1",
        "--decision-delay",
        "0.5",
    )
    try:
        _bizdesk(env, "--training", "seed", "--cases", "50", "--seed", "2026")
        enrolling = {**env, **TRAINING_IT}  # enrolment is an IT act
        _bizdesk(enrolling, "--training", "device", "enroll", "--platform", platform.url, "--code", "X")
        seeded = _cases(env)
        assert set(seeded.values()) == ALL_STATES  # the seed spans the whole life cycle
        ready = [case_id for case_id, status in seeded.items() if status == "ready"]
        in_flight = [case_id for case_id, status in seeded.items() if status in ("queued", "submitted")]
        assert ready
        assert in_flight
        submitted = _bizdesk(env, "--training", "case", "submit", *ready)  # one process, one sign-in
        assert submitted.stdout.split() == ready
        report: dict[str, object] = {}
        for _ in range(40):
            done = _bizdesk(env, "--training", "sync", "--once", "--json", check=False)
            assert done.returncode in (0, 1), done.stderr
            report = json.loads(done.stdout.strip().splitlines()[-1])
            # The cases are listed (another process) only once the sync says nothing is left to send.
            if (
                report["ok"]
                and report["pending"] == 0
                and all(status in PLATFORM_ACCEPTED for status in _statuses(env, ready + in_flight))
            ):
                break
        else:
            pytest.fail(f"not all submitted cases reached the platform: {report}")
        assert {"pending", "accepted", "rejected", "quarantined"} <= report.keys()
        stats = httpx.get(f"{platform.url}/sandbox/stats", timeout=30).json()
        per_service = platform.accepted_per_service()
        assert set(per_service.values()) == {1}
        # a seeded 需补正 case holds the licence submission the agency answered (a history the desk
        # counts, never sent to this platform)
        answered = sum(status == "needs_correction" for status in seeded.values())
        assert stats["accepted"] == len(per_service) == report["accepted"] - answered
        assert {case_id for case_id, _ in per_service} >= set(ready + in_flight)
        assert stats["injected_failures"] + stats["injected_drops"] > 0
        again = json.loads(
            _bizdesk(env, "--training", "sync", "--once", "--json").stdout.strip().splitlines()[-1]
        )
        assert again["sent"] == 0
        assert httpx.get(f"{platform.url}/sandbox/stats", timeout=30).json()["accepted"] == stats["accepted"]
    finally:
        platform.stop()
